from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from people.models import CaseStudy, Person, Testimonial
from publishing.admin import PublicationFilter, PublishableAdmin, PublishableForm

SEARCH_AND_SHARING = (
    "Search and sharing",
    {"fields": ["seo_title", "meta_description", "share_image"]},
)


def publishing(*extra: str) -> tuple:
    return ("Publishing", {"fields": ["publication_status", "published_at", *extra]})


class PersonForm(PublishableForm):
    class Meta(PublishableForm.Meta):
        model = Person
        fields = [
            "name",
            "slug",
            "role",
            "photo",
            "bio",
            "credentials",
            "linkedin_url",
            "position",
            *PublishableForm.FIELDS,
        ]
        widgets = {
            **PublishableForm.Meta.widgets,
            "bio": forms.Textarea(attrs={"rows": 6}),
        }


@admin.register(Person)
class PersonAdmin(PublishableAdmin, SimpleHistoryAdmin):
    form = PersonForm
    list_display = ["name", "role", "publication", "position"]
    list_filter = [PublicationFilter]
    search_fields = ["name", "role", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["share_image"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "role",
                    "photo",
                    "bio",
                    "credentials",
                    "linkedin_url",
                ],
                "description": (
                    "An advisor About lists and bylines name. Only real people, "
                    "with their agreement and their own photo."
                ),
            },
        ),
        SEARCH_AND_SHARING,
        publishing("position"),
    ]


class TestimonialForm(PublishableForm):
    class Meta(PublishableForm.Meta):
        model = Testimonial
        fields = ["quote", "name", "role", "company", "agreed_on", "published_at"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 4})}


@admin.register(Testimonial)
class TestimonialAdmin(PublishableAdmin, SimpleHistoryAdmin):
    form = TestimonialForm
    list_display = ["__str__", "agreed_on", "publication", "published_at"]
    list_filter = [PublicationFilter]
    search_fields = ["quote", "name", "company"]
    fieldsets = [
        (
            None,
            {
                "fields": ["quote", "name", "role", "company", "agreed_on"],
                "description": (
                    "A client's words, shown on the home, services and service "
                    "pages once published. Only with their written agreement."
                ),
            },
        ),
        publishing(),
    ]


class CaseStudyForm(PublishableForm):
    class Meta(PublishableForm.Meta):
        model = CaseStudy
        fields = [
            "title",
            "slug",
            "client",
            "summary",
            "situation",
            "what_we_did",
            "outcome",
            *PublishableForm.FIELDS,
        ]
        widgets = {
            **PublishableForm.Meta.widgets,
            "summary": forms.Textarea(attrs={"rows": 2}),
        }


@admin.register(CaseStudy)
class CaseStudyAdmin(PublishableAdmin, SimpleHistoryAdmin):
    form = CaseStudyForm
    list_display = ["title", "client", "publication", "published_at"]
    list_filter = [PublicationFilter]
    search_fields = ["title", "client", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["share_image"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "client",
                    "summary",
                    "situation",
                    "what_we_did",
                    "outcome",
                ],
                "description": (
                    "One engagement at /case-studies/its-slug/, shown on the home, "
                    "services and service pages once published. Only what the "
                    "client agreed to."
                ),
            },
        ),
        SEARCH_AND_SHARING,
        publishing(),
    ]
