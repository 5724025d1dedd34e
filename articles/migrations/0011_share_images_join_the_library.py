"""An article's own share image joins the image library, resized and
stripped of its metadata like any other, so nothing served keeps its EXIF."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations


def clean_copies(name: str) -> dict | None:
    """The image at ``name`` stored again without its metadata, as the
    library stores an upload, with one WebP rendition at most 1600 px wide
    (frozen: the library's way on this day). None if it cannot be read."""
    from PIL import Image, ImageOps

    try:
        with default_storage.open(name) as source:
            data = source.read()
        with Image.open(
            io.BytesIO(data), formats=["JPEG", "PNG", "GIF", "WEBP"]
        ) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    picture.info = {}
    original = io.BytesIO()
    picture.save(original, "JPEG", quality=90)
    digest = hashlib.sha256(original.getvalue()).hexdigest()
    width, height = picture.size
    picture.thumbnail((1600, max(1, round(height * 1600 / width))))
    rendition = io.BytesIO()
    picture.save(rendition, "WEBP", quality=82)
    return {
        "file": default_storage.save(
            f"images/originals/{digest[:32]}.jpg", ContentFile(original.getvalue())
        ),
        "width": width,
        "height": height,
        "renditions": [
            {
                "width": picture.width,
                "height": picture.height,
                "name": default_storage.save(
                    f"images/renditions/{digest[:16]}-{picture.width}.webp",
                    ContentFile(rendition.getvalue()),
                ),
            }
        ],
    }


def share_images_join_the_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("publishing", "Image")
    for article in Article.objects.exclude(legacy_share_image=""):
        legacy = article.legacy_share_image.name
        copies = clean_copies(legacy)
        if copies is None:
            continue
        article.share_image = Image.objects.create(
            alt_text=article.share_image_alt or article.title, **copies
        )
        article.save(update_fields=["share_image"])
        # The upload as sent, EXIF and all, is served no more.
        default_storage.delete(legacy)


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_publishable")]

    operations = [
        migrations.RunPython(share_images_join_the_library, migrations.RunPython.noop)
    ]
