"""Who the firm is and what clients say: advisors, testimonials, case studies.

All three are ``Publishable``: staff draft, preview, publish and schedule them
as they do articles and pages, and the site shows only what is published.
Launch content has none of them; nothing here is ever invented.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from publishing.images import Image
from publishing.models import Publishable, PublishableQuerySet


class PersonQuerySet(PublishableQuerySet):
    def on_the_team(self) -> "PersonQuerySet":
        """The published people, in the order staff set, with their photos."""
        return self.published().select_related("photo").order_by("position", "name")


class Person(Publishable):
    """An advisor the site names: on About, on their own page, in bylines."""

    name = models.CharField(max_length=120, help_text="Their full name.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of their page's address: /people/this-part/.",
    )
    role = models.CharField(
        max_length=120,
        help_text="What they do for clients, e.g. “Fractional vCISO”.",
    )
    photo = models.ForeignKey(
        Image,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=(
            "A portrait from the image library (its description is the alt "
            "text, e.g. “Portrait of Dana Reyes”). Without one, no picture shows."
        ),
    )
    bio = models.TextField(
        "short bio",
        max_length=1500,
        help_text=(
            "A few sentences of their real experience, in plain text; a blank "
            "line starts a new paragraph. The first sentence shows on About."
        ),
    )
    credentials = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "Certifications they hold, separated by commas, e.g. “CISSP, CISM”. "
            "Only ones they can show."
        ),
    )
    linkedin_url = models.URLField(
        "LinkedIn profile",
        blank=True,
        help_text="e.g. https://www.linkedin.com/in/… Leave empty to show no link.",
    )
    position = models.PositiveSmallIntegerField(
        "order",
        default=0,
        help_text="People are listed from the lowest number to the highest.",
    )

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    DRAFT_FIELDS = ("name", "role", "bio", "credentials", "linkedin_url")
    TITLE_FIELDS = ("name",)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "people"

    def get_absolute_url(self) -> str:
        return reverse("people:person", kwargs={"slug": self.slug})

    @property
    def credential_list(self) -> list[str]:
        return [each.strip() for each in self.credentials.split(",") if each.strip()]

    @property
    def bio_paragraphs(self) -> list[str]:
        return [each.strip() for each in self.bio.split("\n\n") if each.strip()]

    @property
    def first_sentence(self) -> str:
        text = " ".join(self.bio.split())
        end = text.find(". ")
        return text if end == -1 else text[: end + 1]

    def default_description(self) -> str:
        return f"{self.name}, {self.role}. {self.first_sentence}"[:160]


class Testimonial(Publishable):
    """A client's own words, shown only with their agreement."""

    quote = models.TextField(
        max_length=600,
        help_text=(
            "Their words exactly as they agreed to them, without quotation marks."
        ),
    )
    name = models.CharField(max_length=120, help_text="Who said it.")
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Their role, e.g. “Chief Operating Officer”.",
    )
    company = models.CharField(
        max_length=120,
        blank=True,
        help_text="Their organization, as they want it named.",
    )
    agreed_on = models.DateField(
        "agreed to be quoted on",
        help_text=(
            "The date the client agreed, in writing, to be quoted this way. "
            "Keep that agreement on file."
        ),
    )

    history = HistoricalRecords()

    DRAFT_FIELDS = ("quote", "name", "role", "company")
    TITLE_FIELDS = ("name", "company")

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.company) if part)

    def get_absolute_url(self) -> str:
        # Where it shows first: preview renders the home page with it.
        return reverse("home")

    @property
    def attribution(self) -> str:
        return ", ".join(part for part in (self.role, self.company) if part)


class CaseStudy(Publishable):
    """One engagement told plainly: the situation, what we did, the outcome."""

    title = models.CharField(
        max_length=200,
        help_text="The page's heading, e.g. what changed for the client.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the address: /case-studies/this-part/.",
    )
    client = models.CharField(
        max_length=120,
        blank=True,
        help_text=(
            "The client's name, only if they agreed to be named; otherwise "
            "describe them, e.g. “A 200-person health-care company”."
        ),
    )
    summary = models.CharField(
        max_length=300,
        help_text=(
            "One or two sentences under the heading and on the cards that link here."
        ),
    )
    situation = models.TextField(
        help_text="Where the client stood. Plain text; a blank line starts a paragraph."
    )
    what_we_did = models.TextField(
        "what we did", help_text="What the firm did. Plain text, as above."
    )
    outcome = models.TextField(
        help_text="What changed, only as far as the client can confirm it."
    )

    history = HistoricalRecords()

    DRAFT_FIELDS = ("title", "client", "summary", "situation", "what_we_did", "outcome")

    class Meta:
        ordering = ["-published_at"]
        verbose_name_plural = "case studies"

    def get_absolute_url(self) -> str:
        return reverse("people:case_study", kwargs={"slug": self.slug})

    def default_description(self) -> str:
        return self.summary

    @property
    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, paragraphs) of the three parts, in reading order."""
        return [
            (heading, [p.strip() for p in text.split("\n\n") if p.strip()])
            for heading, text in (
                ("The situation", self.situation),
                ("What we did", self.what_we_did),
                ("The outcome", self.outcome),
            )
        ]


def client_proof() -> dict:
    """What home, services and the service pages show: published testimonials
    and case studies, newest first, or nothing at all."""
    return {
        "testimonials": list(Testimonial.objects.published()[:3]),
        "case_studies": list(
            CaseStudy.objects.published().only("title", "slug", "summary", "client")[:3]
        ),
    }
