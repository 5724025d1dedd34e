from django.core.management.base import BaseCommand
from django.utils import timezone

from contact.notifications import due_for_retry, send_sales_notification


class Command(BaseCommand):
    help = (
        "Send sales notifications that failed or never went out, honouring the "
        "backoff. Safe to run from cron every minute and on several hosts: each "
        "notification is claimed before sending, so it is sent once."
    )

    def handle(self, *args, **options) -> None:
        due = due_for_retry(timezone.now())
        sent = sum(send_sales_notification(pk) for pk in due)
        failed = len(due) - sent
        self.stdout.write(f"{sent} sent, {failed} still failing, of {len(due)} due.")
