"""JSON-LD for search engines (https://schema.org): what every page shares.

The data is emitted in ``<script type="application/ld+json">``: a data block
the browser never executes, so the strict CSP allows it. It is escaped like
Django's ``json_script`` so page text can never close the element. Articles
and pages add their own types (articles/structured_data.py,
pages/structured_data.py) around the Organization and WebSite here.
"""

import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

DEFAULT_SHARE_IMAGE = "img/share-default.png"
DEFAULT_SHARE_IMAGE_ALT = "Steadfast Partners — fractional vCISO and vCIO leadership"
DEFAULT_SHARE_IMAGE_SIZE = (1200, 630)
LOGO = "img/logo.png"

_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


def iso8601(value: datetime) -> str:
    """A time for machines, to the second and with its offset: the same in the
    page's ``<time>`` elements, its Open Graph tags and its JSON-LD."""
    return value.isoformat(timespec="seconds")


def absolute(path: str) -> str:
    return (
        path if path.startswith(("http://", "https://")) else settings.SITE_URL + path
    )


def share_image(item: Any = None) -> dict[str, Any]:
    """The picture link previews show: the item's own share image (a
    rendition from the image library), else the site's."""
    image = getattr(item, "share_image", None)
    if image is not None and image.renditions:
        widest = image.renditions[-1]
        return {
            "url": absolute(image.src),
            "alt": image.alt_text,
            "width": widest["width"],
            "height": widest["height"],
        }
    width, height = DEFAULT_SHARE_IMAGE_SIZE
    return {
        "url": absolute(static(DEFAULT_SHARE_IMAGE)),
        "alt": DEFAULT_SHARE_IMAGE_ALT,
        "width": width,
        "height": height,
    }


def organization(phone_e164: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Organization",
        "@id": f"{settings.SITE_URL}/#organization",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "logo": absolute(static(LOGO)),
    }
    if phone_e164:
        data["telephone"] = phone_e164
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "telephone": phone_e164,
            "contactType": "sales",
            "areaServed": "US",
            "availableLanguage": "English",
        }
    return data


def website() -> dict[str, Any]:
    return {
        "@type": "WebSite",
        "@id": f"{settings.SITE_URL}/#website",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "publisher": {"@id": f"{settings.SITE_URL}/#organization"},
    }


def as_script(data: dict[str, Any]) -> SafeString:
    """Render ``data`` as a JSON-LD block, safe to put anywhere in HTML."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escaped in _ESCAPES:
        payload = payload.replace(character, escaped)
    return format_html(
        '<script type="application/ld+json">{}</script>', SafeString(payload)
    )
