"""The site copy: navigation, call-to-action panel and footer, drafted,
previewed and published by Content staff."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from core.models import SiteCopy

pytestmark = pytest.mark.django_db

DRAFT_URL = f"/admin/core/sitecopy/{SiteCopy.DRAFT_PK}/change/"


def copy_form(**changes) -> dict:
    data = {
        "cta_heading": "Call Us Today",
        "cta_text": "Talk to a fractional leader.",
        "cta_assessment_prompt": "Not sure where to start?",
        "footer_text": "Fractional vCISO and vCIO leadership.",
        "email": "",
        "postal_address": "",
        "linkedin_url": "",
        "navigation_links-TOTAL_FORMS": "2",
        "navigation_links-INITIAL_FORMS": "0",
        "navigation_links-MIN_NUM_FORMS": "0",
        "navigation_links-MAX_NUM_FORMS": "1000",
        "navigation_links-0-position": "0",
        "navigation_links-0-label": "Contact",
        "navigation_links-0-url": "/contact/",
        "navigation_links-1-position": "1",
        "navigation_links-1-label": "Home",
        "navigation_links-1-url": "/",
        "_save_draft": "Save draft",
    }
    data.update(changes)
    return data


@pytest.fixture
def visitor() -> Client:
    """Someone without a session: the page cache serves them."""
    return Client()


@pytest.fixture
def draft_form(content_client):
    """The draft record, as the site copy's list opens it."""
    assert content_client.get("/admin/core/sitecopy/").url == DRAFT_URL
    SiteCopy.objects.get(pk=SiteCopy.DRAFT_PK).navigation_links.all().delete()
    return content_client


def test_a_saved_draft_changes_nothing_visitors_see(draft_form, visitor):
    form = copy_form(footer_text="A footer still in draft.", email="hello@example.com")
    response = draft_form.post(DRAFT_URL, form, follow=True)

    assertContains(response, "Draft saved: visitors still see the published words.")
    assertContains(response, "Unpublished changes.")
    home = visitor.get("/")
    assertNotContains(home, "A footer still in draft.")
    assertNotContains(home, "hello@example.com")


def test_a_saved_draft_leaves_cached_pages_cached(
    draft_form, visitor, django_assert_num_queries, django_capture_on_commit_callbacks
):
    visitor.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        draft_form.post(DRAFT_URL, copy_form(footer_text="Still a draft."))

    with django_assert_num_queries(0):
        visitor.get("/")


def test_the_preview_shows_the_drafts_footer_links_and_navigation(draft_form):
    draft_form.post(
        DRAFT_URL, copy_form(linkedin_url="https://www.linkedin.com/company/x")
    )

    preview = draft_form.get("/admin/core/sitecopy/preview/")

    assertContains(preview, 'href="https://www.linkedin.com/company/x"')
    assertContains(preview, "The draft of the site copy")
    nav = preview.content.decode().split('aria-label="Main"')[1].split("</nav>")[0]
    assert nav.index("Contact") < nav.index("Home")


def test_publishing_makes_the_draft_what_every_page_shows(
    draft_form, visitor, django_capture_on_commit_callbacks
):
    visitor.get("/")  # cached
    form = copy_form(
        email="hello@example.com",
        postal_address="1 Main Street",
        _save_draft=None,
        _publish="Publish",
    )
    del form["_save_draft"]
    with django_capture_on_commit_callbacks(execute=True):
        response = draft_form.post(DRAFT_URL, form, follow=True)

    assertContains(response, "Published: every page shows the new words.")
    home = visitor.get("/").content.decode()
    assert 'href="mailto:hello@example.com"' in home
    assert "1 Main Street" in home
    nav = home.split('aria-label="Main"')[1].split("</nav>")[0]
    assert nav.index("Contact") < nav.index("Home")
    assert 'href="/privacy/">Privacy notice</a>' in home


def test_footer_links_show_only_when_set(visitor):
    home = visitor.get("/").content.decode()

    assert "mailto:" not in home
    assert "LinkedIn" not in home
    assert "Privacy notice" in home


def test_sales_can_neither_edit_nor_preview_the_site_copy(sales_client):
    assert sales_client.get("/admin/core/sitecopy/").status_code == 403
    assert sales_client.get("/admin/core/sitecopy/preview/").status_code == 403


def test_the_live_record_cannot_be_edited_directly(content_client):
    url = f"/admin/core/sitecopy/{SiteCopy.LIVE_PK}/change/"

    assert content_client.get(url).status_code == 302
