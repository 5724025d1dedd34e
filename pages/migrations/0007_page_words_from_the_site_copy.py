"""The home and contact pages' words leave the site copy for their pages.

Apart from 0006, whose new columns, indexes and constraints PostgreSQL must
have in place before rows change in the same transaction.
"""

from django.db import migrations
from django.utils import timezone

# The home page's words that lived in the site copy, by their new names.
HOME_WORDS = {
    "featured_label": "home_featured_label",
    "more_heading": "home_more_heading",
    "assessment_heading": "home_assessment_heading",
    "assessment_teaser": "assessment_teaser",
}
CONTACT_WORDS = {
    "title": "contact_heading",
    "lead": "contact_intro",
    "form_heading": "contact_form_heading",
    "call_heading": "contact_call_heading",
    "call_text": "contact_call_text",
    "next_heading": "contact_next_heading",
    "next_steps": "contact_next_steps",
    "privacy_note": "contact_privacy_note",
}
CONTACT_DEFAULTS = {
    "title": "Talk to Steadfast Partners",
    "lead": (
        "Tell us where your organization stands on security and technology "
        "leadership. A senior advisor, not a sales script, gets back to you."
    ),
}
CONTACT_DESCRIPTION = (
    "Call Steadfast Partners or send an inquiry about fractional vCISO and vCIO "
    "leadership. A senior advisor replies within one business day."
)


def move_words_to_their_pages(apps, schema_editor):
    """The home and contact pages' words leave the site copy for their pages."""
    Page = apps.get_model("pages", "Page")
    HistoricalPage = apps.get_model("pages", "HistoricalPage")
    copy = apps.get_model("core", "SiteCopy").objects.filter(pk=1).first()
    home = Page.objects.filter(kind="home").first()
    if home is not None and copy is not None:
        for field, old in HOME_WORDS.items():
            setattr(home, field, getattr(copy, old))
        home.save(update_fields=list(HOME_WORDS))
    if Page.objects.filter(kind="contact").exists():
        return
    words = (
        {field: getattr(copy, old) for field, old in CONTACT_WORDS.items()}
        if copy is not None
        else CONTACT_DEFAULTS
    )
    now = timezone.now()
    page = Page.objects.create(
        kind="contact",
        slug="contact",
        meta_description=CONTACT_DESCRIPTION,
        status="published",
        published_at=now,
        **words,
    )
    # Historical models send no signals: record the first revision by hand.
    HistoricalPage.objects.create(
        **{
            field.attname: getattr(page, field.attname)
            for field in Page._meta.concrete_fields
            if field.attname != "body_html"
        },
        history_date=now,
        history_type="+",
        history_change_reason="The contact page's words, from the site copy",
    )


def remove_contact_page(apps, schema_editor):
    apps.get_model("pages", "Page").objects.filter(kind="contact").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_page_words_and_contact_page"),
        # The words are read from the site copy before core 0007 removes them.
        ("core", "0006_image_moves_to_publishing"),
    ]

    operations = [migrations.RunPython(move_words_to_their_pages, remove_contact_page)]
