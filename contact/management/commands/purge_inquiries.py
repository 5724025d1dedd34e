from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from contact.models import Inquiry, InquiryNote

ANONYMISED = "(removed)"


class Command(BaseCommand):
    help = (
        "Privacy retention: anonymise (or with --delete, delete) inquiries older "
        "than INQUIRY_RETENTION_DAYS. Anonymised inquiries keep their date, "
        "interest, status and source article, so the dashboard's history stays "
        "true; everything else the prospect gave or brought is cleared."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Age in days (default: the INQUIRY_RETENTION_DAYS setting).",
        )
        parser.add_argument(
            "--delete", action="store_true", help="Delete instead of anonymising."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would change."
        )

    def handle(self, *args, days: int | None, delete: bool, dry_run: bool, **options):
        days = settings.INQUIRY_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=days)
        old = Inquiry.objects.filter(created_at__lt=cutoff)
        if not delete:
            old = old.filter(anonymised_at__isnull=True)
        count = old.count()
        verb = "delete" if delete else "anonymise"
        if dry_run:
            self.stdout.write(f"Would {verb} {count} inquiries older than {days} days.")
            return
        with transaction.atomic():
            if delete:
                old.delete()
            else:
                InquiryNote.objects.filter(inquiry__in=old).delete()
                old.update(
                    name=ANONYMISED,
                    email="removed@invalid.invalid",
                    mailbox="",
                    company=ANONYMISED,
                    phone="",
                    message=ANONYMISED,
                    landing_page="",
                    referrer="",
                    utm_source="",
                    utm_medium="",
                    utm_campaign="",
                    utm_term="",
                    utm_content="",
                    assessment_answers={},
                    notification_error="",
                    anonymised_at=timezone.now(),
                )
        past = "deleted" if delete else "anonymised"
        self.stdout.write(f"{count} inquiries older than {days} days {past}.")
