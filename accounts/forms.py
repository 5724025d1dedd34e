from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import has_sign_in_factor, recovery_code_digest

CODE_HELP = (
    "The six digits your authenticator app shows, or one of your recovery "
    "codes. Leave it empty only on your first sign-in, before you have set up "
    "a second factor."
)


def verify_code(user, code: str):
    """The user's device that accepts ``code``, or None.

    Six digits are an authenticator app's; anything else is a recovery code
    (kept as a digest, accounts.models.recovery_code_digest),
    so a code is checked against one kind of device only, and a mistyped code
    never uses up (or throttles) a device of the other kind. Each device
    throttles itself after failures (django-otp's ThrottlingMixin).
    """
    code = "".join(code.split())
    if code.isdigit() and len(code) == 6:
        candidates = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        code = recovery_code_digest(code)
        candidates = StaticDevice.objects.filter(user=user, confirmed=True)
    with transaction.atomic():
        for device in candidates.select_for_update():
            if device.verify_is_allowed()[0] and device.verify_token(code):
                return device
    return None


class SignInForm(AdminAuthenticationForm):
    """Username, password and a one-time code, in one form (/admin/login/).

    Any failure gets the same message, so a right password with a wrong code
    tells a guesser nothing; a wrong code counts toward the lockout as a wrong
    password does (django-axes listens for user_login_failed).
    """

    otp_token = forms.CharField(
        label="One-time code",
        required=False,
        max_length=32,
        help_text=CODE_HELP,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": (
            "The username, password or one-time code is not right. Check each "
            "and try again; all three are case-sensitive."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not has_sign_in_factor(user):
            # No factor yet: signed in for enrolment only, which is all the
            # session reaches (accounts/middleware.py).
            return cleaned_data
        device = verify_code(user, cleaned_data.get("otp_token", ""))
        if device is None:
            user_login_failed.send(
                sender=type(self),
                credentials={
                    "username": cleaned_data.get("username"),
                    "reason": "right password, wrong or missing one-time code",
                },
                request=self.request,
            )
            self.user_cache = None
            raise self.get_invalid_login_error()
        user.otp_device = device
        return cleaned_data


class CodeForm(forms.Form):
    """A one-time code on its own: confirming an app, or confirming it's you."""

    otp_token = forms.CharField(
        label="One-time code",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}
        ),
    )

    def __init__(self, user, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = device

    def clean_otp_token(self) -> str:
        code = "".join(self.cleaned_data["otp_token"].split())
        if self.device is not None:
            # An app being set up: its first code confirms it.
            if not (code.isdigit() and self.device.verify_token(code)):
                raise forms.ValidationError(
                    "That code is not the one the app shows now. Enter the "
                    "six digits it shows, before they change."
                )
            return code
        self.device = verify_code(self.user, code)
        if self.device is None:
            raise forms.ValidationError(
                "That code is not right. Enter the six digits your app shows "
                "now, or an unused recovery code."
            )
        return code
