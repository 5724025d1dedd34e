"""A page's words live on that page: the home page's section headings and
the contact page's words around the form, which the thank-you page repeats."""

import pytest
from pytest_django.asserts import assertContains

from pages.models import Page

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_its_own_section_headings(visitor, launch_article):
    home = Page.objects.get(kind=Page.Kind.HOME)
    home.featured_label = "Newest thinking"
    home.assessment_heading = "Find your starting point"
    home.assessment_teaser = "Four questions, two minutes."
    home.save()

    response = visitor.get("/")

    assertContains(response, "Newest thinking")
    assertContains(response, "Find your starting point")
    assertContains(response, "Four questions, two minutes.")


def test_the_contact_page_and_the_thank_you_page_share_its_steps(visitor):
    contact = Page.objects.get(kind=Page.Kind.CONTACT)
    contact.title = "Talk to a senior advisor"
    contact.next_heading = "After you send it"
    contact.next_steps = "First step staff wrote.\nSecond step staff wrote."
    contact.call_text = "Weekdays, 8am to 6pm Central."
    contact.save()

    form = visitor.get("/contact/")
    thanks = visitor.get("/contact/thanks/")

    for response in (form, thanks):
        assertContains(response, "After you send it")
        assertContains(response, "<li>First step staff wrote.</li>")
        assertContains(response, "<li>Second step staff wrote.</li>")
        assertContains(response, "Weekdays, 8am to 6pm Central.")
    assertContains(form, "<h1>Talk to a senior advisor</h1>")


def test_the_contact_pages_preview_shows_its_draft_around_the_form(editor, visitor):
    contact = Page.objects.get(kind=Page.Kind.CONTACT)
    contact.draft = {"form_heading": "A heading still in draft"}
    contact.save()

    preview = editor.get(f"/preview/pages.page/{contact.pk}/")

    assertContains(preview, "A heading still in draft")
    assertContains(preview, 'name="email"')
    assertContains(preview, "Unpublished changes: visitors still see")
    assert "A heading still in draft" not in visitor.get("/contact/").content.decode()


def test_a_page_cannot_take_an_address_the_site_uses(editor):
    for slug in ["static", "media", "healthz", "sitemap", "admin", "preview"]:
        page = Page(
            title="Taken",
            slug=slug,
            kind=Page.Kind.PLAIN,
            lead="x",
            meta_description="x" * 60,
        )
        assert not page.owns_address(), slug


def test_draft_and_scheduled_pages_are_not_in_the_sitemap(visitor):
    from datetime import timedelta

    from django.utils import timezone

    Page.objects.create(
        title="Draft",
        slug="a-draft",
        kind=Page.Kind.PLAIN,
        lead="x",
        meta_description="x" * 60,
        status=Page.Status.DRAFT,
    )
    Page.objects.create(
        title="Later",
        slug="later",
        kind=Page.Kind.PLAIN,
        lead="x",
        meta_description="x" * 60,
        status=Page.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=2),
    )

    sitemap = visitor.get("/sitemap.xml").content.decode()

    assert "/a-draft/" not in sitemap
    assert "/later/" not in sitemap
    assert "/about/" in sitemap


def test_the_editors_csp_allowance_never_reaches_public_pages(visitor, editor):
    before = visitor.get("/about/")["Content-Security-Policy"]
    about = Page.objects.get(kind=Page.Kind.ABOUT)
    for _ in range(20):
        editor.get(f"/admin/pages/page/{about.pk}/change/")

    after = visitor.get("/privacy/")["Content-Security-Policy"]

    assert after == before
    assert "sha256" not in after
