import logging
from dataclasses import dataclass

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
            PhoneNumber(settings.DEFAULT_PHONE_NUMBER), SiteCopy(), DEFAULT_NAVIGATION
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
    record = SiteCopy.objects.filter(pk=SiteCopy.LIVE_PK).first()
    if record is None:
        return SiteValues(PhoneNumber(display), SiteCopy(), DEFAULT_NAVIGATION)
    return SiteValues(PhoneNumber(display), record, record.navigation())


def site_phone_numbers() -> set[str]:
    """The numbers rich text marks as the site's own (publishing/richtext.py): the
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


# What a fresh site shows, and what pages show while the database is down.
DEFAULT_NAVIGATION = tuple(
    NavLink(label, url)
    for label, url in (
        ("Home", "/"),
        ("Services", "/services/"),
        ("Articles", "/articles/"),
        ("Assessment", "/assessment/"),
        ("About", "/about/"),
        ("Contact", "/contact/"),
    )
)


@dataclass(frozen=True)
class SiteValues:
    phone: PhoneNumber
    copy: "SiteCopy"
    navigation: tuple[NavLink, ...]


class SiteCopy(models.Model):
    """The words every page shares: navigation, call-to-action panel, footer.

    Two records: the live one every page shows, and the draft staff edit
    in the admin. "Publish" copies the draft, navigation included, onto the
    live one; until then visitors see nothing of it.
    """

    LIVE_PK, DRAFT_PK = 1, 2

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
    footer_text = models.CharField(
        max_length=300,
        default="Fractional vCISO and vCIO leadership for growing organizations.",
        help_text="The line under the firm's name at the foot of every page.",
    )
    email = models.EmailField(
        "firm's email",
        blank=True,
        help_text=(
            "Shown in the footer as a link that writes to it, e.g. "
            "hello@your-domain. Leave empty to show none."
        ),
    )
    postal_address = models.CharField(
        "firm's address",
        max_length=300,
        blank=True,
        help_text="Shown in the footer as written. Leave empty to show none.",
    )
    linkedin_url = models.URLField(
        "LinkedIn page",
        blank=True,
        help_text=(
            "The firm's LinkedIn page, e.g. https://www.linkedin.com/company/… "
            "Leave empty to show no link."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    # What "Publish" copies from the draft onto the live record.
    WORDS = (
        "cta_heading",
        "cta_text",
        "cta_assessment_prompt",
        "footer_text",
        "email",
        "postal_address",
        "linkedin_url",
    )

    class Meta:
        verbose_name = "site copy"
        verbose_name_plural = "site copy"

    def __str__(self) -> str:
        return "Site copy"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        if self.pk == self.LIVE_PK:
            # After commit too, in case a request cached the old copy meanwhile.
            forget_site_settings()
            transaction.on_commit(forget_site_settings)

    def navigation(self) -> tuple[NavLink, ...]:
        return tuple(
            NavLink(label, url)
            for label, url in self.navigation_links.values_list("label", "url")
        )

    @classmethod
    def draft_record(cls) -> "SiteCopy":
        """The draft staff edit: a copy of the live record until they change it."""
        live = cls.objects.filter(pk=cls.LIVE_PK).first()
        words = {name: getattr(live or cls(), name) for name in cls.WORDS}
        draft, created = cls.objects.get_or_create(pk=cls.DRAFT_PK, defaults=words)
        if created:
            draft.replace_navigation(live.navigation() if live else DEFAULT_NAVIGATION)
        return draft

    def replace_navigation(self, links) -> None:
        self.navigation_links.all().delete()
        NavigationLink.objects.bulk_create(
            NavigationLink(site_copy=self, label=link.label, url=link.url, position=n)
            for n, link in enumerate(links)
        )

    def differs_from_live(self) -> bool:
        live = SiteCopy.objects.filter(pk=self.LIVE_PK).first()
        if live is None:
            return True
        return any(
            getattr(self, name) != getattr(live, name) for name in self.WORDS
        ) or (self.navigation() != live.navigation())

    @transaction.atomic
    def publish(self) -> "SiteCopy":
        """Make this draft's words and navigation what every page shows."""
        live, _ = SiteCopy.objects.get_or_create(pk=self.LIVE_PK)
        for name in self.WORDS:
            setattr(live, name, getattr(self, name))
        live.replace_navigation(self.navigation())
        live.save()
        return live


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
    # Set from the links' order in the form: staff move them, not type numbers.
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "navigation link"

    def __str__(self) -> str:
        return f"{self.label} ({self.url})"
