import logging
from dataclasses import dataclass, fields

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.cache import PAGE_TIMEOUT, forget_cached_pages

logger = logging.getLogger(__name__)

SITE_VALUES_CACHE_KEY = "site-settings:values"
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
    """The number every page shows: staff's site setting, else the default."""
    return site_values().phone


def current_copy() -> "Copy":
    """The site-wide words every page shows: staff's site copy, else the defaults."""
    return site_values().copy


def site_values() -> "SiteValues":
    """What every page shows from the two site-wide records, cached as one.

    Error pages call this while the database or the cache is down, so any
    failure falls back to the defaults rather than breaking the page.
    """
    try:
        values = cache.get(SITE_VALUES_CACHE_KEY)
    except Exception:
        logger.exception("Cache unavailable reading the site settings")
        values = None
    if values is not None:
        return values
    try:
        values = load_site_values()
        timeout = PAGE_TIMEOUT
    except Exception:
        logger.exception("Database unavailable reading the site settings")
        values = SiteValues(
            PhoneNumber(settings.DEFAULT_PHONE_NUMBER),
            SiteCopy().as_copy(DEFAULT_NAVIGATION),
        )
        timeout = PHONE_OUTAGE_CACHE_TIMEOUT
    try:
        # As long as a cached page keeps it: a change saved while the cache
        # could not be told shows everywhere once both expire.
        cache.set(SITE_VALUES_CACHE_KEY, values, timeout)
    except Exception:
        logger.exception("Cache unavailable storing the site settings")
    return values


def load_site_values() -> "SiteValues":
    display = (
        SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK)
        .values_list("phone_number", flat=True)
        .first()
    ) or settings.DEFAULT_PHONE_NUMBER
    record = SiteCopy.objects.filter(pk=SiteCopy.SINGLETON_PK).first()
    if record is None:
        copy = SiteCopy().as_copy(DEFAULT_NAVIGATION)
    else:
        links = NavigationLink.objects.filter(site_copy=record)
        copy = record.as_copy(links.values_list("label", "url"))
    return SiteValues(PhoneNumber(display), copy)


def site_phone_numbers() -> set[str]:
    """The numbers rich text marks as the site's own (core/richtext.py): the
    current one and the launch default, so either written in a text follows
    the setting."""
    return {settings.DEFAULT_PHONE_NUMBER, current_phone().display}


def forget_site_settings() -> None:
    """Make every page show the current settings and copy on its next request."""
    try:
        cache.delete(SITE_VALUES_CACHE_KEY)
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


# --- Site-wide copy ----------------------------------------------------------


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str


@dataclass(frozen=True)
class Copy:
    """The site-wide words every page shows, as the context processor hands them on."""

    navigation: tuple[NavLink, ...]
    footer_text: str
    cta_heading: str
    cta_text: str
    cta_assessment_prompt: str
    assessment_teaser: str
    contact_heading: str
    contact_intro: str
    home_featured_label: str
    home_more_heading: str
    home_assessment_heading: str
    contact_form_heading: str
    contact_call_heading: str
    contact_call_text: str
    contact_next_heading: str
    contact_next_steps: str
    contact_privacy_note: str

    @property
    def contact_steps(self) -> list[str]:
        return [
            line.strip()
            for line in self.contact_next_steps.splitlines()
            if line.strip()
        ]


# What a fresh site shows, and what pages show while the database is down.
DEFAULT_NAVIGATION = (
    ("Home", "/"),
    ("Services", "/services/"),
    ("Articles", "/articles/"),
    ("Assessment", "/assessment/"),
    ("About", "/about/"),
    ("Contact", "/contact/"),
)


@dataclass(frozen=True)
class SiteValues:
    phone: PhoneNumber
    copy: Copy


class SiteCopy(models.Model):
    """The words every page shares, which Content staff edit in one place."""

    SINGLETON_PK = 1

    footer_text = models.CharField(
        max_length=300,
        default="Fractional vCISO and vCIO leadership for growing organizations.",
        help_text="The line under the firm's name at the foot of every page.",
    )
    cta_heading = models.CharField(
        "call-to-action heading",
        max_length=80,
        default="Call Us Today",
        help_text=(
            "The heading of the call-to-action panel on the home page, every "
            "article and every page. The phone number and buttons follow it."
        ),
    )
    cta_text = models.CharField(
        "call-to-action text",
        max_length=300,
        default=(
            "Talk to a fractional security or technology leader about where "
            "your organization's gaps are."
        ),
        help_text="One or two sentences under the panel's heading.",
    )
    cta_assessment_prompt = models.CharField(
        "assessment prompt",
        max_length=120,
        default="Not sure where to start?",
        help_text=(
            "The words before the panel's link to the assessment "
            "(“Take the leadership assessment”)."
        ),
    )
    assessment_teaser = models.CharField(
        "assessment teaser",
        max_length=300,
        default=(
            "A few questions about your organization tell you whether to start "
            "with a vCISO, a vCIO or both."
        ),
        help_text="Under the home page's link to the self-assessment.",
    )
    contact_heading = models.CharField(
        "contact page heading",
        max_length=120,
        default="Talk to Steadfast Partners",
        help_text="The contact page's main heading.",
    )
    contact_intro = models.TextField(
        "contact page introduction",
        max_length=500,
        default=(
            "Tell us where your organization stands on security and technology "
            "leadership. A senior advisor, not a sales script, gets back to you."
        ),
        help_text="The paragraph under the contact page's heading, above the form.",
    )
    home_featured_label = models.CharField(
        "featured article label",
        max_length=40,
        default="Featured article",
        help_text="The small label above the newest article on the home page.",
    )
    home_more_heading = models.CharField(
        "more articles heading",
        max_length=80,
        default="More articles",
        help_text="The home page's heading over the other recent articles.",
    )
    home_assessment_heading = models.CharField(
        "assessment heading",
        max_length=80,
        default="Take the leadership assessment",
        help_text="The home page's heading (and link) for the self-assessment.",
    )
    contact_form_heading = models.CharField(
        "form heading",
        max_length=80,
        default="Write to us",
        help_text="The heading over the contact form.",
    )
    contact_call_heading = models.CharField(
        "call heading",
        max_length=80,
        default="Prefer to call?",
        help_text="The heading beside the form, over the phone number.",
    )
    contact_call_text = models.CharField(
        "call text",
        max_length=300,
        default="Speak to a senior advisor directly.",
        help_text=(
            "Under the call heading, here and on the thank-you page. Add the "
            "hours you answer the phone, e.g. “Weekdays, 8am to 6pm Central.”"
        ),
    )
    contact_next_heading = models.CharField(
        "next steps heading",
        max_length=80,
        default="What happens next",
        help_text="The heading over the steps that follow an inquiry.",
    )
    contact_next_steps = models.TextField(
        "next steps",
        max_length=1000,
        default=(
            "Your inquiry goes straight to a senior advisor.\n"
            "Within one business day they reply by email (or call, if you "
            "leave a number).\n"
            "Together you look at your goals, your risks and whether a vCISO, "
            "a vCIO or both would help."
        ),
        help_text=(
            "One step per line, shown as a numbered list. Promise only what "
            "the team keeps (a reply time, a first conversation)."
        ),
    )
    contact_privacy_note = models.CharField(
        "privacy note",
        max_length=300,
        default=(
            "We use your details only to answer this inquiry. No mailing lists, "
            "no sharing."
        ),
        help_text="Under the steps; the privacy notice is linked after it.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site copy"
        verbose_name_plural = "site copy"

    def __str__(self) -> str:
        return "Site copy"

    def save(self, *args, **kwargs) -> None:
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)
        # After commit too, in case a request cached the old copy meanwhile.
        forget_site_settings()
        transaction.on_commit(forget_site_settings)

    def as_copy(self, navigation) -> Copy:
        words = {
            field.name: getattr(self, field.name)
            for field in fields(Copy)
            if field.name != "navigation"
        }
        return Copy(
            navigation=tuple(NavLink(label, url) for label, url in navigation),
            **words,
        )


def validate_site_path(value: str) -> None:
    """A page of this site, written as its address: /services/."""
    from django.urls import Resolver404, resolve

    if not value.startswith("/") or value.startswith("//"):
        raise ValidationError("Write the address of a page here, starting with /.")
    try:
        resolve(value.split("?")[0].split("#")[0])
    except Resolver404:
        raise ValidationError("No page of this site has this address.") from None


class NavigationLink(models.Model):
    """One entry of the main navigation, in the order staff set."""

    site_copy = models.ForeignKey(
        SiteCopy, on_delete=models.CASCADE, related_name="navigation_links"
    )
    label = models.CharField(
        max_length=40, help_text="The words in the navigation, e.g. “Services”."
    )
    url = models.CharField(
        "address",
        max_length=200,
        validators=[validate_site_path],
        help_text="The page's address on this site, e.g. /services/ or /about/.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Links are shown from the lowest number to the highest."
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "navigation link"

    def __str__(self) -> str:
        return f"{self.label} ({self.url})"


# Defined beside the code that resizes it; a model of this app all the same.
from core.images import Image  # noqa: E402, F401
