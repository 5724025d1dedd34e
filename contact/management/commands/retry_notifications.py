from django.core.management.base import BaseCommand
from django.utils import timezone

from contact.notifications import (
    due_for_retry,
    mail_outage_reported,
    send_sales_notification,
)


class Command(BaseCommand):
    help = (
        "Send sales notifications that failed or never went out, honouring the "
        "backoff. Safe to run from cron every minute and on several hosts: each "
        "notification is claimed before sending, so it is sent once."
    )

    def handle(self, *args, **options) -> None:
        due = due_for_retry(timezone.now())
        sent = 0
        for pk in due:
            if send_sales_notification(pk):
                sent += 1
            elif mail_outage_reported():
                # The server is failing: trying the rest would cost a timeout
                # each. The next run picks them up.
                break
        failed = len(due) - sent
        self.stdout.write(f"{sent} sent, {failed} still failing, of {len(due)} due.")
