import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.cache import PAGE_TIMEOUT, forget_cached_pages

logger = logging.getLogger(__name__)

PHONE_CACHE_KEY = "site-settings:phone"
# While the database is down, error pages use the default for this long
# instead of each one waiting on the database again.
PHONE_OUTAGE_CACHE_TIMEOUT = 30


@dataclass(frozen=True)
class PhoneNumber:
    """A North American number as prospects see it and as a tel: link needs it."""

    display: str

    @property
    def digits(self) -> str:
        ten_digits = north_american_digits(self.display)
        if ten_digits is None:  # only a value saved before validation existed
            return "".join(ch for ch in self.display if ch.isdigit())
        return f"1{ten_digits}"

    @property
    def e164(self) -> str:
        return f"+{self.digits}"

    @property
    def tel_href(self) -> str:
        return f"tel:{self.e164}"


def north_american_digits(value: str) -> str | None:
    """The ten digits of a North American (NANP) number, or None if it is not one.

    Area codes and exchanges never start with 0 or 1; a leading country code 1
    is dropped.
    """
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10 and digits[0] not in "01" and digits[3] not in "01":
        return digits
    return None


def validate_north_american_phone(value: str) -> None:
    if north_american_digits(value) is None:
        raise ValidationError(
            "Enter a North American number with area code, e.g. 737-210-5503."
        )


def default_phone_number() -> str:
    return settings.DEFAULT_PHONE_NUMBER


def current_phone() -> PhoneNumber:
    """The number every page shows: staff's site setting, else the default.

    Error pages call this while the database or the cache is down, so any
    failure falls back to the default rather than breaking the page.
    """
    try:
        display = cache.get(PHONE_CACHE_KEY)
    except Exception:
        logger.exception("Cache unavailable reading the phone number")
        display = None
    if display is not None:
        return PhoneNumber(display)
    try:
        display = (
            SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK)
            .values_list("phone_number", flat=True)
            .first()
        ) or settings.DEFAULT_PHONE_NUMBER
        timeout = PAGE_TIMEOUT
    except Exception:
        logger.exception("Database unavailable reading the phone number")
        display, timeout = settings.DEFAULT_PHONE_NUMBER, PHONE_OUTAGE_CACHE_TIMEOUT
    try:
        # As long as a cached page keeps it: a change saved while the cache
        # could not be told shows everywhere once both expire.
        cache.set(PHONE_CACHE_KEY, display, timeout)
    except Exception:
        logger.exception("Cache unavailable storing the phone number")
    return PhoneNumber(display)


def forget_site_settings() -> None:
    """Make every page show the current settings on its next request."""
    try:
        cache.delete(PHONE_CACHE_KEY)
    except Exception:
        # Saved all the same; the cached number expires on its own.
        logger.exception("Cache unavailable forgetting the phone number")
    forget_cached_pages()


class SiteSettings(models.Model):
    """One record of site-wide settings that staff edit in the admin."""

    SINGLETON_PK = 1

    phone_number = models.CharField(
        max_length=20,
        default=default_phone_number,
        validators=[validate_north_american_phone],
        help_text=(
            "The number in the header, the footer, every article's “Call Us "
            "Today” and the contact page, written as visitors should see it "
            "(e.g. 737-210-5503). Changes show on every page at once."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self) -> str:
        return "Site settings"

    def save(self, *args, **kwargs) -> None:
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)
        # After commit too, in case a request cached the old value meanwhile.
        forget_site_settings()
        transaction.on_commit(forget_site_settings)

    @property
    def phone(self) -> PhoneNumber:
        return PhoneNumber(self.phone_number)
