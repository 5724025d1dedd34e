import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from core.ratelimit import client_ip

RECOVERY_CODE_COUNT = 10
# Lower-case letters and digits a person cannot confuse (no 0/o, 1/l/i).
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class AuditEventQuerySet(models.QuerySet):
    def older_than(self, days: int) -> "AuditEventQuerySet":
        return self.filter(at__lt=timezone.now() - timedelta(days=days))


class AuditEvent(models.Model):
    """Something a security review asks about: who, what, when, from where."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGNED_OUT = "signed_out", "Signed out"
        SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", "Signed out everywhere"
        SECOND_FACTOR_CONFIRMED = "step_up", "Confirmed with the second factor"
        FACTOR_ADDED = "factor_added", "Second factor added"
        FACTOR_REMOVED = "factor_removed", "Second factor removed"
        RECOVERY_CODES_MADE = "recovery_codes", "Recovery codes made"
        FACTORS_RESET = "factors_reset", "Second factors reset"
        EXPORTED = "exported", "Exported"
        PERMISSIONS_CHANGED = "permissions_changed", "Users or groups changed"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The account that acted (none for a failure on an unknown name).",
    )
    username = models.CharField(
        max_length=150,
        blank=True,
        help_text="The name given, kept if the account goes.",
    )
    address = models.CharField(
        max_length=45,
        blank=True,
        help_text="The client's address (an IPv6 client by its /64).",
    )
    detail = models.CharField(max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = "audit event"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username or '-'}"

    @classmethod
    def record(
        cls,
        request: HttpRequest | None,
        kind: str,
        *,
        user=None,
        username: str = "",
        detail: str = "",
    ) -> "AuditEvent":
        if user is None and request is not None:
            acting = getattr(request, "user", None)
            user = acting if acting is not None and acting.is_authenticated else None
        return cls.objects.create(
            kind=kind,
            user=user,
            username=(username or (user.get_username() if user else ""))[:150],
            address=client_ip(request) if request is not None else "",
            detail=detail[:300],
        )


def end_sessions(user) -> int:
    """Sign ``user`` out on every device: delete their sessions.

    Only staff sign in, so the session table is small (visitors never get a
    session). The database session backend (Django's default) is assumed.
    """
    theirs = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=theirs).delete()
    return len(theirs)


def sign_in_factors(user) -> list:
    """The user's confirmed passkeys and authenticator apps (not recovery codes)."""
    return [
        device
        for device in devices_for_user(user, confirmed=True)
        if isinstance(device, TOTPDevice | WebAuthnCredential)
    ]


def has_sign_in_factor(user) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def make_recovery_codes(user) -> list[str]:
    """Ten new single-use recovery codes, replacing any earlier ones.

    Each is 50 random bits, shown once as "abcde-fghij"; the database keeps
    only a keyed digest of it (recovery_code_digest), so a copy of the
    database alone signs nobody in.
    """
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        code = "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(10))
        codes.append(f"{code[:5]}-{code[5:]}")
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=recovery_code_digest(code)) for code in codes
    )
    return codes


def recovery_code_digest(code: str) -> str:
    """What the database keeps of a recovery code: an HMAC keyed with the
    SECRET_KEY, cut to django-otp's 16 characters (64 bits, plenty for a
    lookup). Spaces, hyphens and case do not matter. A new SECRET_KEY
    makes everyone's codes stale: they make new ones on their security page.
    """
    normalised = "".join(code.split()).replace("-", "").lower()
    key = settings.SECRET_KEY.encode()
    message = f"recovery-code:{normalised}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:16]


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove_every_factor(user) -> None:
    """A superuser's reset: the person enrols again at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    end_sessions(user)
