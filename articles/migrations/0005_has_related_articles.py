from django.db import migrations, models
from django.db.models import Exists, OuterRef


def note_existing_related_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    through = Article.related_articles.through
    Article.objects.update(
        has_related_articles=Exists(through.objects.filter(from_article=OuterRef("pk")))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_slug_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="has_related_articles",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(note_existing_related_articles, migrations.RunPython.noop),
    ]
