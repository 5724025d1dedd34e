"""Articles share the publishing model (publishing.models.Publishable): a
meta description, and a share image from the image library in place of an
upload of their own (0011 moves existing ones into the library, 0012 drops
the old fields). Three migrations: PostgreSQL wants the new columns and
their constraints in place before rows change in the same transaction."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

SHARE_IMAGE_HELP = (
    "Optional: the picture shown when the page is shared (1200×630 works best), "
    "from the image library. Without one, the site's default."
)
DESCRIPTION_HELP = (
    "50–160 characters: what search results and link previews say. Write it "
    "for a person deciding whether to click."
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_drafts"),
        ("publishing", "0002_image_table"),
    ]

    operations = [
        migrations.RenameField("article", "share_image", "legacy_share_image"),
        migrations.RenameField(
            "historicalarticle", "share_image", "legacy_share_image"
        ),
        migrations.AddField(
            model_name="article",
            name="share_image",
            field=models.ForeignKey(
                blank=True,
                help_text=SHARE_IMAGE_HELP,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="publishing.image",
                verbose_name="social-share image",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="share_image",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=SHARE_IMAGE_HELP,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="publishing.image",
                verbose_name="social-share image",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="meta_description",
            field=models.CharField(
                blank=True,
                help_text=DESCRIPTION_HELP,
                max_length=160,
                validators=[django.core.validators.MinLengthValidator(50)],
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="meta_description",
            field=models.CharField(
                blank=True,
                help_text=DESCRIPTION_HELP,
                max_length=160,
                validators=[django.core.validators.MinLengthValidator(50)],
            ),
        ),
    ]
