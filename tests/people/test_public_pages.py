"""What visitors see of people, testimonials and case studies: only what is
published, and nothing at all before there is any."""

import json
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from people.models import Person
from publishing.models import Status
from tests.conftest import TEST_SITE_URL

pytestmark = pytest.mark.django_db

PROOF_PAGES = ["/", "/services/", "/services/vciso/"]


def graph(response) -> list[dict]:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    return json.loads(found[1])["@graph"]


def item(response, type_name: str) -> dict:
    return next(each for each in graph(response) if each["@type"] == type_name)


def test_a_published_person_has_a_page_with_photo_credentials_and_person_json_ld(
    client, make_person, portrait
):
    person = make_person(photo=portrait)

    response = client.get("/people/dana-reyes/")

    assertContains(response, "<h1")
    assertContains(response, "Dana Reyes")
    assertContains(response, 'alt="Portrait of Dana Reyes"')
    assertContains(response, "<li>CISSP</li>")
    assertContains(response, "<p>Second paragraph.</p>")
    data = item(response, "Person")
    assert data["name"] == "Dana Reyes"
    assert data["jobTitle"] == "Fractional vCISO"
    assert data["url"] == f"{TEST_SITE_URL}/people/dana-reyes/"
    assert data["sameAs"] == [person.linkedin_url]
    assert data["image"].startswith(TEST_SITE_URL)
    assert [each["name"] for each in data["hasCredential"]] == ["CISSP", "CISM"]
    assert item(response, "ProfilePage")["mainEntity"] == {"@id": data["@id"]}


def test_a_draft_or_scheduled_person_is_404(client, make_person):
    make_person(status=Status.DRAFT)
    make_person(slug="later", published_at=Person().published_at.replace(year=2099))

    assert client.get("/people/dana-reyes/").status_code == 404
    assert client.get("/people/later/").status_code == 404


def test_about_lists_published_people_with_photos_in_their_order(
    client, make_person, portrait
):
    make_person(name="Zoe Second", slug="zoe", position=2)
    make_person(photo=portrait, position=1)
    make_person(name="Hidden Draft", slug="hidden", status=Status.DRAFT)

    response = client.get("/about/")

    content = response.content.decode()
    assert content.index("Dana Reyes") < content.index("Zoe Second")
    assertContains(response, 'href="/people/dana-reyes/"')
    assertContains(response, 'alt="Portrait of Dana Reyes"')
    assertContains(response, "Dana leads security programs.")
    assertNotContains(response, "She has run audits.")
    assertNotContains(response, "Hidden Draft")
    firm = item(response, "Organization")
    assert [each["name"] for each in firm["employee"]] == ["Dana Reyes", "Zoe Second"]


def test_with_nobody_published_about_shows_no_people_and_no_faces(client, make_person):
    make_person(status=Status.DRAFT)

    response = client.get("/about/")

    assertNotContains(response, "Who you work with")
    assertNotContains(response, 'class="portrait')
    assert "employee" not in item(response, "Organization")


@pytest.mark.parametrize("url", PROOF_PAGES)
def test_published_testimonials_and_case_studies_show_on_home_and_services(
    client, make_testimonial, make_case_study, url
):
    make_testimonial()
    make_case_study()

    response = client.get(url)

    assertContains(response, "They gave our security program an owner.")
    assertContains(response, "Sam Client, Chief Operating Officer, Example Health")
    assertContains(response, 'href="/case-studies/soc-2-program/"')


@pytest.mark.parametrize("url", [*PROOF_PAGES, "/about/"])
def test_without_published_proof_the_pages_show_none(
    client, make_testimonial, make_case_study, url
):
    make_testimonial(status=Status.DRAFT)
    make_case_study(status=Status.DRAFT)

    response = client.get(url)

    assertNotContains(response, "They gave our security program an owner.")
    assertNotContains(response, "/case-studies/")
    assertNotContains(response, 'class="proof"')
    assertNotContains(response, "testimonial")


def test_the_home_hero_quotes_the_newest_testimonial_once(client, make_testimonial):
    make_testimonial()

    response = client.get("/")

    assertContains(response, "They gave our security program an owner.", count=1)
    assertContains(response, "testimonial--hero")


def test_without_a_testimonial_the_home_hero_shows_a_person_with_a_photo(
    client, make_person, portrait
):
    make_person(photo=portrait)

    response = client.get("/")

    assertContains(response, 'class="hero__aside hero__person"')
    assertContains(response, 'alt="Portrait of Dana Reyes"')


def test_a_case_study_page_tells_the_situation_what_we_did_and_the_outcome(
    client, make_case_study
):
    make_case_study()

    response = client.get("/case-studies/soc-2-program/")

    for heading in ("The situation", "What we did", "The outcome"):
        assertContains(response, f"<h2>{heading}</h2>")
    assertContains(response, "<p>We met the auditors.</p>")
    article = item(response, "Article")
    assert article["headline"] == "A SOC 2 program with an owner"
    assert article["url"] == f"{TEST_SITE_URL}/case-studies/soc-2-program/"


def test_a_draft_case_study_is_404(client, make_case_study):
    make_case_study(status=Status.DRAFT)

    assert client.get("/case-studies/soc-2-program/").status_code == 404


def test_the_sitemap_lists_published_people_and_case_studies_only(
    client, make_person, make_case_study
):
    make_person()
    make_person(name="Draft", slug="draft-person", status=Status.DRAFT)
    make_case_study()

    response = client.get("/sitemap.xml")

    assertContains(response, f"<loc>{TEST_SITE_URL}/people/dana-reyes/</loc>")
    assertContains(response, f"<loc>{TEST_SITE_URL}/case-studies/soc-2-program/</loc>")
    assertNotContains(response, "draft-person")


def test_publishing_a_testimonial_forgets_the_cached_home_page(
    client, make_testimonial, django_capture_on_commit_callbacks
):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        make_testimonial()

    assertContains(client.get("/"), "They gave our security program an owner.")


def test_person_and_case_study_pages_cost_a_fixed_few_queries_and_none_cached(
    client, make_person, make_case_study, portrait, django_assert_num_queries
):
    from core.models import site_values

    site_values()
    make_person(photo=portrait)
    make_case_study()

    # The person with their photo (a fixed lifetime: no next publish to ask).
    with django_assert_num_queries(1):
        client.get("/people/dana-reyes/")
    with django_assert_num_queries(0):
        client.get("/people/dana-reyes/")
    with django_assert_num_queries(1):
        client.get("/case-studies/soc-2-program/")


@pytest.mark.parametrize("url", ["/about/", "/services/vciso/", "/"])
def test_pages_listing_people_or_proof_are_cached_only_until_the_next_goes_live(
    client, make_person, make_testimonial, url
):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.now() + timedelta(seconds=60)
    make_person(published_at=soon)
    make_testimonial(published_at=soon)

    response = client.get(url)

    assertNotContains(response, "Dana Reyes")
    assertNotContains(response, "They gave our security program an owner.")
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 60


def test_person_and_case_study_pages_count_their_readers(
    client, make_person, make_case_study
):
    # Insights counts these pages like the others: the script is on them.
    for path in (
        make_person().get_absolute_url(),
        make_case_study().get_absolute_url(),
    ):
        assertContains(client.get(path), "/static/insights/insights.js")
