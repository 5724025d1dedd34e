"""Each launch page gets a lead of its own (the firm's line stays on the home
page only), and the privacy notice its effective date: the day it went live.

The new leads are sentences of the launch article. A lead staff changed is
left as they wrote it.
"""

from django.db import migrations

FIRM_LINE = (
    "Steadfast Partners provides fractional vCISO and vCIO services tailored to "
    "the needs of growing organizations."
)
LEADS = {
    "services": (
        "A virtual Chief Information Security Officer owns the security program. "
        "A virtual Chief Information Officer owns technology strategy and execution."
    ),
    "about": (
        "Senior technology leaders delivered on a fractional basis, with "
        "executive-level ownership across both domains."
    ),
}


def forward(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for kind, lead in LEADS.items():
        Page.objects.filter(kind=kind, lead=FIRM_LINE).update(lead=lead)
    for page in Page.objects.filter(kind="privacy", effective_date__isnull=True):
        page.effective_date = page.published_at.date()
        page.save(update_fields=["effective_date"])


def backward(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for kind, lead in LEADS.items():
        Page.objects.filter(kind=kind, lead=lead).update(lead=FIRM_LINE)


class Migration(migrations.Migration):
    dependencies = [("pages", "0008_privacy_effective_date")]

    operations = [migrations.RunPython(forward, backward)]
