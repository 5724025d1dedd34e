import binascii
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

ROLE_GROUPS = {"sales": "Sales", "content": "Content"}


class Command(BaseCommand):
    help = (
        "Create a staff account that can log in to /admin/ with one role: "
        "--role sales (works inquiries) or --role content (edits articles)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLE_GROUPS))
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            default=None,
            help="Default: a random password, printed once.",
        )
        parser.add_argument(
            "--totp-secret",
            default=None,
            help=(
                "Enrol an authenticator app with this secret (hex, 20 bytes or "
                "more), for scripted setups and tests. Without it the person "
                "sets up a second factor at their first sign-in."
            ),
        )

    def handle(
        self,
        *args,
        username: str,
        role: str,
        email: str,
        password,
        totp_secret=None,
        **options,
    ):
        group_name = ROLE_GROUPS[role]
        try:
            group = Group.objects.get(name=group_name)
        except Group.DoesNotExist:
            raise CommandError(
                f'The "{group_name}" group does not exist yet: run '
                "`python manage.py migrate` first (a migration creates it)."
            ) from None
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f'A user called "{username}" already exists.')
        generated = password is None
        password = password or secrets.token_urlsafe(16)
        if totp_secret is not None:
            try:
                key = binascii.unhexlify(totp_secret)
            except (binascii.Error, ValueError):
                raise CommandError("--totp-secret must be hexadecimal.") from None
            if len(key) < 20:
                raise CommandError("--totp-secret must be at least 20 bytes (40 hex).")
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        user.groups.add(group)
        if totp_secret is not None:
            TOTPDevice.objects.create(
                user=user, name="Authenticator app", key=totp_secret.lower()
            )
        self.stdout.write(
            self.style.SUCCESS(
                f'Created staff user "{username}" in the {group_name} group.'
            )
        )
        if generated:
            self.stdout.write(f"Password (shown once): {password}")
        if totp_secret is None:
            self.stdout.write(
                "Log in at /admin/: the first sign-in sets up a passkey or an "
                "authenticator app."
            )
        else:
            self.stdout.write("Log in at /admin/ with the password and a code.")
