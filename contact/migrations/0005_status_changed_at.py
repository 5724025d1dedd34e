"""Inquiries remember when their status last changed, so the admin can flag
new ones left unanswered; existing inquiries start from their submission."""

from django.db import migrations, models
from django.db.models import F


def backfill(apps, schema_editor):
    Inquiry = apps.get_model("contact", "Inquiry")
    Inquiry.objects.filter(status_changed_at__isnull=True).update(
        status_changed_at=F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0004_move_site_settings_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="inquiry",
            name="status_changed_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="status last changed"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
