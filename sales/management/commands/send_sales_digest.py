from django.core.management.base import BaseCommand
from django.utils import timezone

from sales.notifications import digest_message, digests


class Command(BaseCommand):
    help = (
        "Email each salesperson their daily digest: their overdue inquiries and "
        "follow-ups due today or earlier, new unassigned inquiries, and those "
        "held as possible spam. Nothing is sent to someone with nothing to do. "
        "Run once a day from cron, before the working day."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        sent = failed = 0
        for digest in digests(today):
            if digest.is_empty:
                continue
            try:
                digest_message(digest, today).send(using="default")
            except Exception as exc:
                failed += 1
                self.stderr.write(f"Digest to {digest.user.get_username()}: {exc}")
                continue
            sent += 1
        self.stdout.write(f"{sent} digests sent, {failed} failed.")
        if failed:
            raise SystemExit(1)
