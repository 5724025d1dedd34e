from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from core.models import site_phone_numbers
from publishing import richtext
from publishing.models import Publishable, PublishableQuerySet


class PageQuerySet(PublishableQuerySet):
    def services(self) -> "PageQuerySet":
        """The published service pages, in the order staff set."""
        return (
            self.published()
            .filter(kind=Page.Kind.SERVICE)
            .order_by("position", "title")
        )


class Page(Publishable):
    class Kind(models.TextChoices):
        HOME = "home", "Home page"
        SERVICES = "services", "Services overview"
        SERVICE = "service", "Service"
        ABOUT = "about", "About"
        PRIVACY = "privacy", "Privacy notice"
        CONTACT = "contact", "Contact page"
        PLAIN = "plain", "Plain page"

    # The site has one of each of these; services and plain pages are many.
    SINGLE_KINDS = (Kind.HOME, Kind.SERVICES, Kind.ABOUT, Kind.PRIVACY, Kind.CONTACT)
    # The words only one kind of page shows: other kinds' forms leave them out.
    KIND_FIELDS = {
        Kind.HOME: (
            "featured_label",
            "more_heading",
            "assessment_heading",
            "assessment_teaser",
        ),
        Kind.CONTACT: (
            "form_heading",
            "call_heading",
            "call_text",
            "next_heading",
            "next_steps",
            "privacy_note",
        ),
        Kind.SERVICE: ("position",),
        Kind.PRIVACY: ("effective_date",),
    }
    # Addresses outside Django's URLs (the proxy's and WhiteNoise's files) or
    # answered without a trailing slash, which resolving /slug/ cannot see.
    RESERVED_SLUGS = {"static", "media", "healthz", "sitemap", "robots", "preview"}

    # Shown to staff on the change form of each kind: what only the firm can write.
    EDITOR_NOTES = {
        Kind.HOME: (
            "The heading, lead and sections of the home page. The featured article, "
            "the services and the call to action are added around them."
        ),
        Kind.SERVICES: (
            "The overview at /services/. It lists every published service page "
            "after its text, in their “Order” (lowest first)."
        ),
        Kind.SERVICE: (
            "One service, at /services/its-slug/. Only what the firm really "
            "offers: no prices, clients or statistics unless they are true and "
            "you can show them."
        ),
        Kind.ABOUT: (
            "Add your team and case studies here: who the advisors are, their "
            "real experience, clients who agreed to be named. Nothing invented."
        ),
        Kind.PRIVACY: (
            "What the contact form and the assessment collect, why, for how long "
            f"and who sees it. Write {richtext.RETENTION_PLACEHOLDER} where the "
            "retention period goes: it always shows the current setting."
        ),
        Kind.CONTACT: (
            "The words around the contact form at /contact/; the form itself "
            "stays as it is. The thank-you page repeats the next steps."
        ),
        Kind.PLAIN: "A page at /its-slug/.",
    }

    title = models.CharField(
        max_length=200,
        help_text="The page's main heading and, unless an SEO title is set, its title.",
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=(
            "The last part of the address: /services/this-part/ for a service, "
            "/this-part/ for a plain page."
        ),
    )
    kind = models.CharField(
        max_length=10,
        choices=Kind,
        default=Kind.PLAIN,
        help_text=(
            "What the page is: it sets the address, the layout and what search "
            "engines are told. The home, services, About, Privacy and contact "
            "pages are one of a kind."
        ),
    )
    lead = models.TextField(
        max_length=500,
        help_text="One or two sentences under the heading, in larger type.",
    )
    body = ProseEditorField(
        extensions=richtext.EDITOR_EXTENSIONS,
        sanitize=richtext.sanitize,
        blank=True,
        help_text=(
            "The page. Use Heading 2 for sections and Heading 3 for sub-sections. "
            + richtext.PLACEHOLDER_HELP
        ),
    )
    # Rendered once on save (sanitised, headings with ids); never edited.
    body_html = models.TextField(editable=False, default="")
    position = models.PositiveSmallIntegerField(
        "order",
        default=0,
        help_text="Services are listed from the lowest number to the highest.",
    )

    effective_date = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The privacy notice's effective date, shown at its end. Change it "
            "when you publish a change to what the notice says."
        ),
    )

    # The home page's own words around what it lists.
    featured_label = models.CharField(
        "featured article label",
        max_length=40,
        default="Featured article",
        help_text="The small label above the newest article.",
    )
    more_heading = models.CharField(
        "more articles heading",
        max_length=80,
        default="More articles",
        help_text="The heading over the other recent articles.",
    )
    assessment_heading = models.CharField(
        max_length=80,
        default="Take the leadership assessment",
        help_text="The heading (and link) of the self-assessment.",
    )
    assessment_teaser = models.CharField(
        max_length=300,
        default=(
            "A few questions about your organization tell you whether to start "
            "with a vCISO, a vCIO or both."
        ),
        help_text="Under the heading of the self-assessment.",
    )

    # The contact page's words around the form.
    form_heading = models.CharField(
        max_length=80, default="Write to us", help_text="The heading over the form."
    )
    call_heading = models.CharField(
        max_length=80,
        default="Prefer to call?",
        help_text="The heading beside the form, over the phone number.",
    )
    call_text = models.CharField(
        max_length=300,
        default="Speak to a senior advisor directly.",
        help_text=(
            "Under the call heading, here and on the thank-you page. Add the "
            "hours you answer the phone, e.g. “Weekdays, 8am to 6pm Central.”"
        ),
    )
    next_heading = models.CharField(
        "next steps heading",
        max_length=80,
        default="What happens next",
        help_text="The heading over the steps that follow an inquiry.",
    )
    next_steps = models.TextField(
        max_length=1000,
        default=(
            "Your inquiry goes straight to a senior advisor.\n"
            "Within one business day they reply by email (or call, if you "
            "leave a number).\n"
            "Together you look at your goals, your risks and whether a vCISO, "
            "a vCIO or both would help."
        ),
        help_text=(
            "One step per line, shown as a numbered list here and on the "
            "thank-you page. Promise only what the team keeps."
        ),
    )
    privacy_note = models.CharField(
        max_length=300,
        default=(
            "We use your details only to answer this inquiry. No mailing lists, "
            "no sharing."
        ),
        help_text="Under the steps; the privacy notice is linked after it.",
    )

    history = HistoricalRecords(excluded_fields=["body_html"])
    objects = PageQuerySet.as_manager()

    # What editing a live page keeps as a draft until "Publish changes".
    DRAFT_FIELDS = (
        "title",
        "lead",
        "body",
        "meta_description",
        *KIND_FIELDS[Kind.HOME],
        *KIND_FIELDS[Kind.CONTACT],
    )
    RENDERED_FIELDS = ("body_html",)

    class Meta:
        ordering = ["kind", "position", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                # SINGLE_KINDS (a Meta cannot see its model's attributes).
                condition=models.Q(
                    kind__in=["home", "services", "about", "privacy", "contact"]
                ),
                name="one_page_of_each_single_kind",
                violation_error_message=(
                    "The site already has this page; edit that one instead."
                ),
            )
        ]

    def get_absolute_url(self) -> str:
        match self.kind:
            case self.Kind.HOME:
                return reverse("home")
            case self.Kind.SERVICES:
                return reverse("pages:services")
            case self.Kind.SERVICE:
                return reverse("pages:service", kwargs={"slug": self.slug})
            case self.Kind.ABOUT:
                return reverse("pages:about")
            case self.Kind.PRIVACY:
                return reverse("pages:privacy")
            case self.Kind.CONTACT:
                return reverse("contact:inquiry")
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def render(self) -> None:
        self.body = richtext.sanitize(self.body)
        self.body_html, _ = richtext.render_body(self.body, site_phone_numbers())

    def clean(self) -> None:
        if self.kind in self.SINGLE_KINDS and not self.is_published:
            # Every page links to these (the navigation, the form's consent).
            raise ValidationError(
                {
                    "published_at": (
                        f"“{self.get_kind_display()}” is always live: the site "
                        "links to it. Keep its date now or earlier; changes to "
                        "it wait as a draft until you publish them."
                    )
                }
            )
        if self.kind == self.Kind.PLAIN and self.slug and not self.owns_address():
            raise ValidationError(
                {"slug": "Another part of the site uses this address; choose another."}
            )

    def owns_address(self) -> bool:
        """A plain page's address is not one the site already uses (/articles/)."""
        if self.slug.lower() in self.RESERVED_SLUGS:
            return False
        try:
            match = resolve(f"/{self.slug}/")
        except Resolver404:
            return False
        return match.view_name == "pages:detail"

    def default_description(self) -> str:
        return self.lead

    @property
    def editor_note(self) -> str:
        return self.EDITOR_NOTES.get(self.kind, "")

    @property
    def steps(self) -> list[str]:
        """The contact page's next steps, one a line."""
        return [line.strip() for line in self.next_steps.splitlines() if line.strip()]

    def hidden_fields(self) -> set[str]:
        """The fields of other kinds of page, left out of this one's form."""
        own = self.KIND_FIELDS.get(self.kind, ())
        others = {name for fields in self.KIND_FIELDS.values() for name in fields}
        hidden = others - set(own)
        if self.kind == self.Kind.CONTACT:
            hidden.add("body")
        return hidden
