from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Retention: delete audit events (sign-ins, failures, factor changes, "
        "exports, permission changes) older than AUDIT_RETENTION_DAYS. Run it "
        "daily beside purge_inquiries."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days: int | None, dry_run: bool, **options):
        days = settings.AUDIT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        old = AuditEvent.objects.older_than(days)
        if dry_run:
            self.stdout.write(f"Would delete {old.count()} audit events.")
            return
        deleted, _ = old.delete()
        self.stdout.write(f"Deleted {deleted} audit events older than {days} days.")
