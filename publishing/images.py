"""Images staff put in articles and pages: alt text, and responsive renditions.

An upload is checked (not too large, and decoded in full as a JPEG, PNG, GIF
or WebP: nothing else, whatever its name says), then re-encoded without its
metadata (a phone's EXIF carries where and with what it was taken): only the
pixels are kept, under a name made from them, never the file as sent. From
that the server makes a few widths of WebP, each named after the picture's
content so a browser or CDN may keep it forever (nothing ever changes at that
address). Deleting an image deletes its files (publishing/signals.py).

Rich text refers to an image by its id; rendering on save turns that into an
``<img>`` with ``srcset``, ``width``, ``height`` and the alt text
(publishing/richtext.py).
"""

import hashlib
import io
import warnings
from dataclasses import dataclass
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
# What Pillow may even try to open an upload as: no EPS (Ghostscript), TIFF,
# BMP, PSD or any other of its decoders ever sees what staff upload.
ACCEPTED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
# How the picture is stored once its metadata is gone: a JPEG stays a JPEG, a
# WebP a WebP; PNG and GIF (first frame, as the renditions show) become PNG.
STORED_AS = {"JPEG": ("JPEG", "jpg"), "WEBP": ("WEBP", "webp")}
LOSSLESS = ("PNG", "png")

NOT_ACCEPTED = (
    "This file is not a JPEG, PNG, GIF or WebP image. Save or export it as one "
    "of those and upload it again."
)
UNREADABLE = (
    "This image could not be read: the file is damaged, cut short or not what "
    "its name says. Export it again as a JPEG, PNG, GIF or WebP and upload it."
)
# Pillow's reasons for an image it cannot decode (EOFError and ValueError from
# some plugins on malformed data; the bomb warning is made an error below).
DECODING_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    TypeError,
    PillowImage.DecompressionBombError,
    PillowImage.DecompressionBombWarning,
)


def validate_upload_size(file) -> None:
    if file.size > MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(
            f"This file is {file.size / 1024 / 1024:.0f} MB; the largest image "
            f"accepted is {MAX_UPLOAD_MB} MB. Save it smaller (e.g. 2000 px wide, "
            "JPEG or PNG) and upload it again."
        )


def validate_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"This image is {width}×{height} pixels; save it smaller (at most "
            "about 6000×6000) and upload it again."
        )


@dataclass(frozen=True)
class CleanPicture:
    """An upload decoded and encoded again: its pixels, and nothing else."""

    data: bytes
    extension: str
    width: int
    height: int

    @property
    def name(self) -> str:
        # Made from the pixels, not the name the file was sent with.
        return f"{hashlib.sha256(self.data).hexdigest()[:32]}.{self.extension}"


def pixels_only(opened: PillowImage.Image) -> PillowImage.Image:
    """The decoded picture upright, in RGB(A), with no metadata left.

    Phones store rotation in EXIF: it is applied to the pixels before the EXIF
    goes. ``info`` (EXIF, XMP, ICC, comments, text chunks) is emptied, so no
    encoder can write any of it back.
    """
    picture = ImageOps.exif_transpose(opened)
    has_alpha = (
        picture.mode in {"RGBA", "LA", "PA", "RGBa", "La"}
        or "transparency" in picture.info
    )
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    picture.info = {}
    return picture


def decode(file) -> tuple[str, PillowImage.Image]:
    """Decode ``file`` in full; its format and its clean pixels.

    Raises a ValidationError for anything but a readable JPEG, PNG, GIF or
    WebP of at most MAX_PIXELS. Only those four decoders are offered the
    file, and its format is checked again before any pixel is decoded.
    """
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(file, formats=ACCEPTED_FORMATS) as opened:
                if opened.format not in ACCEPTED_FORMATS:
                    raise ValidationError(NOT_ACCEPTED)
                validate_pixels(*opened.size)
                opened.load()  # every byte of the (first) frame, not verify()
                return opened.format, pixels_only(opened)
    except PillowImage.UnidentifiedImageError:
        raise ValidationError(NOT_ACCEPTED) from None
    except DECODING_ERRORS:
        raise ValidationError(UNREADABLE) from None
    finally:
        file.seek(0)


def clean_upload(file) -> CleanPicture:
    """The upload re-encoded without metadata, or a ValidationError."""
    validate_upload_size(file)
    source_format, picture = decode(file)
    format, extension = STORED_AS.get(source_format, LOSSLESS)
    buffer = io.BytesIO()
    try:
        if format == "PNG":
            picture.save(buffer, format)
        else:
            picture.save(buffer, format, quality=90)
    except DECODING_ERRORS:
        raise ValidationError(UNREADABLE) from None
    return CleanPicture(buffer.getvalue(), extension, *picture.size)


def validate_upload(file) -> None:
    """A clear message for what staff can fix: too large, or not an image.

    What it decoded is kept on the file, so that saving does not decode the
    upload a second time.
    """
    file._clean_picture = clean_upload(file)


def make_renditions(data: bytes) -> tuple[int, int, list[dict[str, Any]]]:
    """Resize ``data`` into WebP renditions; returns the oriented size and
    [{"width", "height", "name"}] from the narrowest to the widest.

    A picture narrower than a width is not enlarged to it: its own width is
    the widest rendition. A very thin one (a 3000×2 divider) keeps at least
    one pixel of height at every width.
    """
    digest = hashlib.sha256(data).hexdigest()[:16]
    with PillowImage.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as opened:
        opened.load()
        image = pixels_only(opened)
    width, height = image.size
    widths = [w for w in RENDITION_WIDTHS if w < width] + [
        min(width, RENDITION_WIDTHS[-1])
    ]
    renditions = []
    for target in sorted(set(widths)):
        target_height = max(1, round(height * target / width))
        if (target, target_height) == image.size:
            resized = image
        else:
            resized = image.resize((target, target_height), PillowImage.LANCZOS)
        resized.info = {}
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
        data = None
        if self.file and not self.file._committed:
            # A new upload: only its re-encoded pixels are stored, never the
            # file as sent (its EXIF, anything after its end, its name).
            clean = getattr(self.file, "_clean_picture", None) or clean_upload(
                self.file
            )
            self.file.save(clean.name, ContentFile(clean.data), save=False)
            data = clean.data
        if self.file and not self.renditions:
            if data is None:
                with self.file.open("rb") as stored:
                    data = stored.read()
            self.width, self.height, self.renditions = make_renditions(data)
        super().save(*args, **kwargs)

    def stored_files(self) -> list[tuple[Any, str]]:
        """(storage, name) of the picture and of each of its renditions."""
        files = [(default_storage, each["name"]) for each in self.renditions]
        if self.file:
            files.insert(0, (self.file.storage, self.file.name))
        return files

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
            self.alt,
            self.pk,
        )


def long_lived(response, path: str):
    """Renditions never change at their address: let browsers keep them a year."""
    if path.startswith(f"{RENDITION_DIR}/") and response.status_code == 200:
        response["Cache-Control"] = f"public, max-age={365 * 24 * 3600}, immutable"
    return response
