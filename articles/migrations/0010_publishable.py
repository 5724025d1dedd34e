"""Articles share the publishing model (publishing.models.Publishable): a
meta description, and a share image from the image library in place of an
upload of their own. An existing share image joins the library, resized and
stripped of its metadata like any other, so nothing served keeps its EXIF."""

import hashlib
import io

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, models

SHARE_IMAGE_HELP = (
    "Optional: the picture shown when the page is shared (1200×630 works best), "
    "from the image library. Without one, the site's default."
)
DESCRIPTION_HELP = (
    "50–160 characters: what search results and link previews say. Write it "
    "for a person deciding whether to click."
)


def rendition(name: str) -> tuple[int, int, list[dict]] | None:
    """The image at ``name`` as one WebP rendition at most 1600 px wide,
    without its metadata (frozen: the library's resizing on this day)."""
    from PIL import Image, ImageOps

    try:
        with default_storage.open(name) as source:
            data = source.read()
        with Image.open(io.BytesIO(data)) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, SyntaxError, Image.DecompressionBombError):
        return None
    width, height = picture.size
    picture.thumbnail((1600, round(height * 1600 / width)))
    buffer = io.BytesIO()
    picture.save(buffer, "WEBP", quality=82)
    digest = hashlib.sha256(data).hexdigest()[:16]
    saved = default_storage.save(
        f"images/renditions/{digest}-{picture.width}.webp",
        ContentFile(buffer.getvalue()),
    )
    return (
        width,
        height,
        [{"width": picture.width, "height": picture.height, "name": saved}],
    )


def share_images_join_the_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("publishing", "Image")
    for article in Article.objects.exclude(legacy_share_image=""):
        made = rendition(article.legacy_share_image.name)
        if made is None:
            continue
        width, height, renditions = made
        article.share_image = Image.objects.create(
            file=article.legacy_share_image.name,
            alt_text=article.share_image_alt or article.title,
            width=width,
            height=height,
            renditions=renditions,
        )
        article.save(update_fields=["share_image"])


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
        migrations.RunPython(share_images_join_the_library, migrations.RunPython.noop),
        migrations.RemoveField("article", "legacy_share_image"),
        migrations.RemoveField("historicalarticle", "legacy_share_image"),
        migrations.RemoveField("article", "share_image_alt"),
        migrations.RemoveField("historicalarticle", "share_image_alt"),
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
