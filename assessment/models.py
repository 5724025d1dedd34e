from datetime import date

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from assessment.rules import Recommendation

RECOMMENDATION_CHOICES = [(r.value, r.label) for r in Recommendation]


class DailyCountQuerySet(models.QuerySet):
    def record(self, recommendation: Recommendation, day: date | None = None) -> None:
        """Count one completed assessment, safely under concurrent requests."""
        day = day or timezone.localdate()
        row = self.filter(day=day, recommendation=recommendation)
        if row.update(completed=F("completed") + 1):
            return
        try:
            # The first completion of the day creates the row; a concurrent
            # first completion loses the unique constraint race and updates.
            with transaction.atomic():
                self.create(day=day, recommendation=recommendation, completed=1)
        except IntegrityError:
            row.update(completed=F("completed") + 1)


class DailyAssessmentCount(models.Model):
    """How many assessments ended with each recommendation on a day.

    Deliberately anonymous: no answers, no visitor, no cookie; only a counter.
    """

    day = models.DateField(help_text="The site's local date of completion.")
    recommendation = models.CharField(max_length=32, choices=RECOMMENDATION_CHOICES)
    completed = models.PositiveIntegerField(
        default=0, help_text="Questionnaires submitted with this result that day."
    )

    objects = DailyCountQuerySet.as_manager()

    class Meta:
        verbose_name = "completed assessments (daily count)"
        verbose_name_plural = "completed assessments"
        ordering = ["-day", "recommendation"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "recommendation"], name="one_count_per_day_and_result"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.get_recommendation_display()} × {self.completed}"
