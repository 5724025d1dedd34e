"""Images staff put in articles and pages: alt text, and responsive renditions.

An upload is checked (a real image, not too large), then resized on the
server into a few widths of WebP, each named after the original's content so
a browser or CDN may keep it forever (nothing ever changes at that address).
Rich text refers to an image by its id; rendering on save turns that into an
``<img>`` with ``srcset``, ``width``, ``height`` and the alt text
(publishing/richtext.py).
"""

import hashlib
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.html import format_html
from PIL import Image as PillowImage
from PIL import ImageOps

# The widths a browser chooses from; none wider than the original.
RENDITION_WIDTHS = (480, 960, 1600)
# An article's text column is about 70 characters wide: 800 px at most.
SIZES = "(min-width: 992px) 800px, 100vw"
MAX_UPLOAD_MB = 10
MAX_PIXELS = 40_000_000
RENDITION_DIR = "images/renditions"


def validate_upload_size(file) -> None:
    if file.size > MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(
            f"This file is {file.size / 1024 / 1024:.0f} MB; the largest image "
            f"accepted is {MAX_UPLOAD_MB} MB. Save it smaller (e.g. 2000 px wide, "
            "JPEG or PNG) and upload it again."
        )


def validate_upload(file) -> None:
    """A clear message for what staff can fix: too large, or not an image."""
    validate_upload_size(file)
    try:
        file.seek(0)
        with PillowImage.open(file) as image:
            width, height = image.size
            image.verify()
    except (OSError, SyntaxError, PillowImage.DecompressionBombError):
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG, GIF or WebP."
        ) from None
    finally:
        file.seek(0)
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"This image is {width}×{height} pixels; save it smaller (at most "
            "about 6000×6000) and upload it again."
        )


def make_renditions(data: bytes) -> tuple[int, int, list[dict[str, Any]]]:
    """Resize ``data`` into WebP renditions; returns the oriented size and
    [{"width", "height", "name"}] from the narrowest to the widest."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    with PillowImage.open(io.BytesIO(data)) as opened:
        # Phones store rotation in EXIF; browsers would honour it, renditions must.
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
    width, height = image.size
    widths = [w for w in RENDITION_WIDTHS if w < width] + [
        min(width, RENDITION_WIDTHS[-1])
    ]
    renditions = []
    for target in sorted(set(widths)):
        resized = image.copy()
        resized.thumbnail((target, round(height * target / width)), PillowImage.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=82, method=6)
        name = default_storage.save(
            f"{RENDITION_DIR}/{digest}-{target}.webp", ContentFile(buffer.getvalue())
        )
        renditions.append(
            {"width": resized.width, "height": resized.height, "name": name}
        )
    return width, height, renditions


class Image(models.Model):
    """A picture uploaded once and placed in any article or page."""

    file = models.ImageField(
        "image",
        upload_to="images/originals/",
        width_field="width",
        height_field="height",
        validators=[validate_upload],
        help_text=(
            f"A JPEG, PNG, GIF or WebP of at most {MAX_UPLOAD_MB} MB. It is "
            "resized for phones and large screens when you save."
        ),
    )
    alt_text = models.CharField(
        "description (alt text)",
        max_length=250,
        blank=True,
        help_text=(
            "What the picture shows, for people who cannot see it, e.g. “Chart "
            "of the vCISO's and vCIO's responsibilities”. Required unless the "
            "picture is decorative."
        ),
    )
    is_decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text=(
            "Tick only if the picture adds nothing the text does not say: "
            "screen readers then skip it."
        ),
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(editable=False, default=list)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.alt_text or f"Decorative image {self.pk}"

    def save(self, *args, **kwargs) -> None:
        if self.file and not self.renditions:
            self.file.seek(0)
            data = self.file.read()
            self.width, self.height, self.renditions = make_renditions(data)
            self.file.seek(0)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": (
                        "Describe the picture for people who cannot see it, or "
                        "tick “decorative” if it adds nothing to the text."
                    )
                }
            )

    @property
    def alt(self) -> str:
        return "" if self.is_decorative else self.alt_text

    @property
    def src(self) -> str:
        """The rendition browsers without srcset load: the widest."""
        return default_storage.url(self.renditions[-1]["name"])

    @property
    def thumbnail(self) -> dict[str, Any]:
        """The narrowest rendition, for lists in the admin."""
        first = self.renditions[0]
        return {**first, "url": default_storage.url(first["name"])}

    @property
    def srcset(self) -> str:
        return ", ".join(
            f"{default_storage.url(each['name'])} {each['width']}w"
            for each in self.renditions
        )

    def img_tag(self) -> str:
        """The responsive ``<img>`` rich text shows for this image.

        The alt text is always the library's, whatever the body carries: one
        description to keep right, and a change to it shows everywhere.
        """
        widest = self.renditions[-1]
        return format_html(
            '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
            'loading="lazy" decoding="async" data-file="{}">',
            self.src,
            self.srcset,
            SIZES,
            widest["width"],
            widest["height"],
            "" if self.is_decorative else self.alt_text,
            self.pk,
        )


def long_lived(response, path: str):
    """Renditions never change at their address: let browsers keep them a year."""
    if path.startswith(f"{RENDITION_DIR}/") and response.status_code == 200:
        response["Cache-Control"] = f"public, max-age={365 * 24 * 3600}, immutable"
    return response
