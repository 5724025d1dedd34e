"""Mark the site's phone number in published bodies, so it follows the setting.

Bodies are rendered on save; this renders the existing ones again with
core/richtext.py, which now marks the number (and allows tables).
"""

from django.conf import settings
from django.db import migrations

from core import richtext


def render_again(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    SiteSettings = apps.get_model("core", "SiteSettings")
    numbers = {settings.DEFAULT_PHONE_NUMBER}
    numbers |= set(SiteSettings.objects.values_list("phone_number", flat=True))
    for article in Article.objects.all():
        article.body_html, article.toc = richtext.render_body(article.body, numbers)
        article.save(update_fields=["body_html", "toc"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_body_tables_and_phone_help"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]
