"""Content edits people, testimonials and case studies; Sales never does."""

import pytest
from pytest_django.asserts import assertContains

from people.models import CaseStudy, Person

pytestmark = pytest.mark.django_db

ADD_URLS = [
    "/admin/people/person/add/",
    "/admin/people/testimonial/add/",
    "/admin/people/casestudy/add/",
]


@pytest.mark.parametrize("url", ADD_URLS)
def test_content_opens_the_forms(content_client, url):
    assert content_client.get(url).status_code == 200


@pytest.mark.parametrize("url", [*ADD_URLS, "/admin/people/person/"])
def test_sales_is_refused(sales_client, url):
    assert sales_client.get(url).status_code == 403


def test_a_person_saved_as_a_draft_is_not_public_until_published(
    content_client, client, portrait
):
    fields = {
        "name": "Dana Reyes",
        "slug": "dana-reyes",
        "role": "Fractional vCISO",
        "photo": portrait.pk,
        "bio": "Dana leads security programs.",
        "credentials": "CISSP",
        "linkedin_url": "",
        "position": 0,
        "seo_title": "",
        "meta_description": "",
        "published_at_0": "2026-01-01",
        "published_at_1": "09:00:00",
    }

    content_client.post("/admin/people/person/add/", {**fields, "_save_draft": "1"})
    person = Person.objects.get()
    assert client.get("/people/dana-reyes/").status_code == 404

    response = content_client.post(
        f"/admin/people/person/{person.pk}/change/",
        {**fields, "_publish": "1"},
        follow=True,
    )
    assertContains(response, "Published.")
    assertContains(client.get("/people/dana-reyes/"), "Dana Reyes")


def test_content_previews_a_draft_testimonial_on_the_home_page(
    content_client, make_testimonial
):
    quote = make_testimonial(status=Person.Status.DRAFT)

    response = content_client.get(quote.preview_url)

    assertContains(response, "They gave our security program an owner.")
    assertContains(response, "Preview.")


def test_content_previews_a_draft_case_study(content_client, make_case_study):
    case = make_case_study(status=CaseStudy.Status.DRAFT)

    response = content_client.get(case.preview_url)

    assertContains(response, "The situation")


def test_the_content_landing_page_lists_drafts_of_every_kind(
    content_client, make_person, make_case_study
):
    make_person(status=Person.Status.DRAFT)
    make_case_study(status=CaseStudy.Status.DRAFT)

    response = content_client.get("/admin/")

    assertContains(response, "Dana Reyes")
    assertContains(response, "A SOC 2 program with an owner")
