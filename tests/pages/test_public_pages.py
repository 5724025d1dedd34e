"""The site's own pages as visitors and search engines meet them."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from pages.models import Page
from tests.conftest import TEST_SITE_URL

pytestmark = pytest.mark.django_db

PAGE_URLS = [
    "/",
    "/services/",
    "/services/vciso/",
    "/services/vcio/",
    "/about/",
    "/privacy/",
]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    return [item for block in blocks for item in json.loads(block)["@graph"]]


def graph_item(response, type_name: str) -> dict:
    return next(item for item in json_ld(response) if item["@type"] == type_name)


def meta(response, attribute: str, name: str) -> str:
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"',
        response.content.decode(),
    )
    assert match, f"no <meta {attribute}={name!r}>"
    return match[1]


@pytest.mark.parametrize("url", PAGE_URLS)
def test_every_launch_page_is_published_with_one_h1_and_its_own_description(
    client, url
):
    response = client.get(url)

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1
    page = response.context["page"]
    assert meta(response, "name", "description") == page.meta_description
    assert 50 <= len(page.meta_description) <= 160


@pytest.mark.parametrize("url", PAGE_URLS)
def test_every_page_has_canonical_open_graph_and_a_tel_call_to_action(client, url):
    response = client.get(url)

    assertContains(response, f'<link rel="canonical" href="{TEST_SITE_URL}{url}">')
    assert meta(response, "property", "og:url") == f"{TEST_SITE_URL}{url}"
    assert meta(response, "property", "og:title") == response.context["page"].title
    assert meta(response, "property", "og:image").startswith(TEST_SITE_URL)
    if url != "/privacy/":  # the notice ends without a sales panel
        assertContains(response, '<aside class="cta-panel"')
    assertContains(response, 'href="tel:+17372105503"')


def test_a_service_page_tells_search_engines_it_is_a_service_of_the_firm(client):
    response = client.get("/services/vciso/")

    service = graph_item(response, "Service")
    assert service["url"] == f"{TEST_SITE_URL}/services/vciso/"
    assert service["provider"]["@type"] == "Organization"
    assert service["provider"]["telephone"] == "+17372105503"


def test_the_about_page_is_an_about_page_of_the_organization(client):
    response = client.get("/about/")

    about = graph_item(response, "AboutPage")
    organization = graph_item(response, "Organization")
    assert about["about"] == {"@id": organization["@id"]}
    assert organization["telephone"] == "+17372105503"


def test_the_privacy_notice_is_a_web_page(client):
    assert graph_item(client.get("/privacy/"), "WebPage")["url"] == (
        f"{TEST_SITE_URL}/privacy/"
    )


def test_json_ld_carries_the_phone_number_staff_set(client, salesperson):
    salesperson.get("/admin/core/sitesettings/")
    salesperson.post(
        "/admin/core/sitesettings/1/change/", {"phone_number": "512-555-0199"}
    )

    service = graph_item(client.get("/services/vcio/"), "Service")

    assert service["provider"]["telephone"] == "+15125550199"


def test_the_overview_lists_the_published_service_pages_in_order(client):
    Page.objects.create(
        kind=Page.Kind.SERVICE,
        slug="hidden",
        title="A draft service",
        lead="Not yet.",
        meta_description="x" * 60,
    )

    response = client.get("/services/")

    content = response.content.decode()
    assert content.index('href="/services/vciso/"') < content.index(
        'href="/services/vcio/"'
    )
    assertNotContains(response, "A draft service")


def test_the_home_page_takes_its_hero_and_sections_from_the_home_page(client):
    home = Page.objects.get(kind=Page.Kind.HOME)
    home.title = "Security and technology leadership, part-time"
    home.lead = "A lead staff wrote."
    home.body = "<h2>A section staff wrote</h2><p>Its words.</p>"
    home.save()

    response = client.get("/")

    assertContains(response, '<h1 class="hero__title">Security and technology')
    assertContains(response, "A lead staff wrote.")
    assertContains(
        response, '<h2 id="a-section-staff-wrote">A section staff wrote</h2>'
    )


def test_the_home_page_shows_the_services_and_the_featured_article(
    client, launch_article
):
    response = client.get("/")

    assertContains(response, 'href="/services/vciso/"')
    assertContains(response, 'href="/services/vcio/"')
    assertContains(response, launch_article.title)
    assertContains(response, 'href="/assessment/"')


def test_the_services_page_compares_the_roles_in_an_accessible_table(client):
    response = client.get("/services/")

    assertContains(response, "<caption>The vCISO and the vCIO compared</caption>")
    assertContains(response, '<th scope="col">vCISO</th>')
    assertContains(response, '<th scope="row">Owns</th>')


def test_the_sitemap_lists_every_page_and_the_forms(client, launch_article):
    root = ET.fromstring(client.get("/sitemap.xml").content)

    locations = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS)
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    for path in [
        *PAGE_URLS,
        "/contact/",
        "/assessment/",
        "/articles/",
        launch_article.get_absolute_url(),
    ]:
        assert f"{TEST_SITE_URL}{path}" in locations, path


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The home and service pages in one query, the articles, the
        # testimonials, the case studies, a person with a photo (none quoted),
        # the next publish.
        ("/", 6),
        # The overview and its services in one, the testimonials, the case
        # studies, then the next publish.
        ("/services/", 4),
        ("/services/vciso/", 4),
        # The page, the people, then the next publish.
        ("/about/", 3),
        ("/privacy/", 1),
    ],
)
def test_pages_cost_at_most_three_queries_uncached_and_none_cached(
    client, django_assert_num_queries, site_values_cached, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url)

    assert response.status_code == 200


def test_saving_a_page_forgets_the_cached_pages(
    client, django_capture_on_commit_callbacks
):
    client.get("/about/")
    client.get("/services/")
    about = Page.objects.get(kind=Page.Kind.ABOUT)

    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About the firm"
        about.save()

    assertContains(client.get("/about/"), "About the firm")


def test_deleting_a_service_removes_it_from_the_public_at_once(
    client, django_capture_on_commit_callbacks
):
    client.get("/services/")
    client.get("/services/vcio/")

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(slug="vcio").delete()

    assert client.get("/services/vcio/").status_code == 404
    assertNotContains(client.get("/services/"), 'href="/services/vcio/"')


def test_draft_and_scheduled_pages_are_404_for_visitors(client):
    from datetime import timedelta

    from django.utils import timezone

    Page.objects.filter(slug="vcio").update(status=Page.Status.DRAFT)
    Page.objects.filter(slug="vciso").update(
        published_at=timezone.now() + timedelta(days=1)
    )

    assert client.get("/services/vcio/").status_code == 404
    assert client.get("/services/vciso/").status_code == 404


def test_a_plain_page_lives_at_its_slug(client):
    Page.objects.create(
        kind=Page.Kind.PLAIN,
        slug="accessibility",
        title="Accessibility",
        lead="How we build this site.",
        meta_description="How we build an accessible website for every visitor.",
        status=Page.Status.PUBLISHED,
    )

    assertContains(client.get("/accessibility/"), "<h1")
    assert client.get("/services/accessibility/").status_code == 404


def test_the_contact_forms_consent_links_to_the_privacy_notice(client):
    response = client.get("/contact/")

    assertContains(response, 'delete them on request. <a href="/privacy/">')


def test_the_privacy_notice_says_how_long_with_the_current_setting(client, settings):
    settings.INQUIRY_RETENTION_DAYS = 365

    response = client.get("/privacy/")

    assertContains(response, "365 days after you send an inquiry")
    assertNotContains(response, "[inquiry retention days]")
    assertContains(
        response, f"expires after {settings.SESSION_COOKIE_AGE // 86400} days"
    )


@pytest.mark.parametrize(
    "collected",
    [
        "your name, work email, company, phone number",
        "utm_source",
        "first_touch",
        "Our sales staff",
        "not stored",
        'href="tel:+17372105503"',
        "the contact form</a>",
    ],
)
def test_the_privacy_notice_says_what_is_kept_who_sees_it_and_how_to_ask(
    client, collected
):
    assertContains(client.get("/privacy/"), collected)


def test_a_scheduled_service_appears_on_the_overview_on_time(client):
    from datetime import timedelta

    from django.utils import timezone

    Page.objects.create(
        kind=Page.Kind.SERVICE,
        slug="later",
        title="A service announced later",
        lead="Soon.",
        meta_description="A service page scheduled to go live in a minute from now.",
        status=Page.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(seconds=60),
    )

    response = client.get("/services/")

    assertNotContains(response, "A service announced later")
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 60
