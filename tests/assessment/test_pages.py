"""The prospect's journey: questionnaire, result, and on to the contact form."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from assessment.models import DailyAssessmentCount
from assessment.rules import QUESTIONS
from assessment.tokens import SALT, read_contact_token
from assessment.views import COUNTS_PER_CLIENT_PER_HOUR
from tests.assessment.conftest import VCISO_CODE

pytestmark = pytest.mark.django_db

START_URL = "/assessment/"
RESULT_URL = f"/assessment/result/{VCISO_CODE}/"


def talk_to_us_url(response) -> str:
    match = re.search(r'href="(/contact/\?[^"]+)"', response.content.decode())
    assert match, "no “Talk to us about this” link"
    return unescape(match.group(1))


def test_questionnaire_asks_every_question_in_its_own_fieldset(client):
    response = client.get(START_URL)

    content = response.content.decode()
    assert content.count("<fieldset") == len(QUESTIONS)
    assert content.count("<legend") == len(QUESTIONS)
    assert content.count("<h1") == 1
    for question in QUESTIONS:
        assertContains(response, question.text)
        for choice in question.choices:
            assertContains(response, f'name="{question.key}" value="{choice.value}"')
    assertContains(response, f'<form method="post" action="{START_URL}"')
    assertContains(response, 'href="tel:+17372105503"')


def test_questionnaire_is_a_cached_public_page_without_cookies(
    client, phone_number_cached, django_assert_num_queries
):
    with django_assert_num_queries(0):
        first = client.get(START_URL)
    second = client.get(START_URL)

    assert first.cookies == {}
    assert "Cookie" not in first.get("Vary", "")
    assert second.has_header("ETag")
    assert "csrfmiddlewaretoken" not in first.content.decode()


def test_completed_questionnaire_redirects_to_a_bookmarkable_result(
    client, vciso_answers
):
    response = client.post(START_URL, vciso_answers)

    assertRedirects(response, RESULT_URL)


def test_completed_questionnaire_is_counted_for_today(client, vciso_answers):
    client.post(START_URL, vciso_answers)
    client.post(START_URL, vciso_answers)

    count = DailyAssessmentCount.objects.get()
    assert count.recommendation == "vciso"
    assert count.completed == 2


def test_a_script_posting_over_and_over_gets_results_but_stops_counting(
    client, vciso_answers
):
    responses = [
        client.post(START_URL, vciso_answers)
        for _ in range(COUNTS_PER_CLIENT_PER_HOUR + 5)
    ]
    elsewhere = client.post(START_URL, vciso_answers, REMOTE_ADDR="192.0.2.7")

    assert {response.status_code for response in responses} == {302}
    assert elsewhere.status_code == 302
    count = DailyAssessmentCount.objects.get()
    assert count.completed == COUNTS_PER_CLIENT_PER_HOUR + 1


def test_visitors_behind_our_proxy_each_have_their_own_allowance(
    client, settings, vciso_answers
):
    settings.CONTACT_TRUSTED_PROXIES = ["10.0.0.2"]
    for n in range(COUNTS_PER_CLIENT_PER_HOUR + 5):
        client.post(
            START_URL,
            vciso_answers,
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    assert DailyAssessmentCount.objects.get().completed == (
        COUNTS_PER_CLIENT_PER_HOUR + 5
    )


def test_questionnaire_sets_no_cookie_and_stores_nothing_personal(
    client, vciso_answers
):
    response = client.post(START_URL, vciso_answers, follow=True)

    assert client.cookies == {}
    assert response.status_code == 200
    fields = {f.name for f in DailyAssessmentCount._meta.get_fields()}
    assert fields == {"id", "day", "recommendation", "completed"}


def test_unanswered_questions_are_reported_and_answers_kept(client):
    response = client.post(START_URL, {"security_owner": "not_sure"})

    assert response.status_code == 200
    assertContains(response, "<title>Error: ")
    assertContains(response, 'role="alert"')
    assertContains(response, "There are problems with your answers")
    assertContains(response, 'href="#id_roadmap_0"')
    assertContains(
        response,
        "Choose an answer to “Do you have a technology roadmap tied to your "
        "business goals?”",
        count=2,
    )
    assertContains(response, 'aria-describedby="id_roadmap_helptext id_roadmap_error"')
    assertContains(response, 'id="id_security_owner_2" required checked')
    assertNotContains(response, 'id="id_security_owner_error"')
    assert not DailyAssessmentCount.objects.exists()


def test_an_answer_that_is_not_offered_is_refused(client, vciso_answers):
    response = client.post(START_URL, {**vciso_answers, "compliance": "all-of-them"})

    assert response.status_code == 200
    assertContains(response, "Choose one of the answers to “Are you pursuing SOC 2")
    assert not DailyAssessmentCount.objects.exists()


def test_result_shows_the_recommendation_and_why_with_links_to_the_article(client):
    response = client.get(RESULT_URL)

    assertContains(response, "<h1", count=1)
    assertContains(response, "Start with a vCISO</h1>")
    assertContains(response, "No single executive owns your security program")
    assertContains(response, 'href="/articles/vcio-vs-vciso/#what-does-a-vciso-do"')
    assertContains(response, '<meta name="robots" content="noindex">')


def test_result_offers_a_call_and_a_talk_to_us_link(client):
    response = client.get(RESULT_URL)

    assertContains(response, 'href="tel:+17372105503"', count=4)
    assertContains(response, ">Talk to us about this</a>")
    query = parse_qs(urlsplit(talk_to_us_url(response)).query)
    assert query["interest"] == ["vciso"]
    attached = read_contact_token(query["assessment"][0])
    assert attached.recommendation == "vciso"
    assert attached.answers["security_owner"] == "no"


def test_you_may_not_need_either_yet_suggests_not_sure_on_the_contact_form(client):
    response = client.get("/assessment/result/ya0yen/")

    assertContains(response, "You may not need either yet</h1>")
    assert "interest=unsure&" in talk_to_us_url(response)


def test_result_lists_the_answers_and_lets_the_visitor_change_them(client):
    result = client.get(RESULT_URL)
    change = client.get(f"{START_URL}?answers={VCISO_CODE}")

    assertContains(result, "<dd>Sometimes</dd>")
    assertContains(result, f'href="{START_URL}?answers={VCISO_CODE}"')
    assertContains(change, 'id="id_security_owner_1" required checked')
    assertContains(change, 'id="id_platform_decisions_0" required checked')


def test_result_is_a_cached_public_page_without_cookies(
    client, phone_number_cached, django_assert_num_queries
):
    with django_assert_num_queries(0):
        first = client.get(RESULT_URL)
    with django_assert_num_queries(0):
        second = client.get(RESULT_URL)

    assert first.cookies == {}
    assert "Cookie" not in first.get("Vary", "")
    assert second.has_header("ETag")
    assert not DailyAssessmentCount.objects.exists()


@pytest.mark.parametrize("code", ["nope", "zzzzzz", "ns1yenn"])
def test_a_result_address_that_is_not_a_result_is_404(client, code):
    response = client.get(f"/assessment/result/{code}/")

    assert response.status_code == 404


def test_a_tampered_or_foreign_token_is_not_accepted():
    forged = signing.dumps({"answers": {}, "recommendation": "both"}, salt=SALT)
    other_salt = signing.dumps({"answers": {}, "recommendation": "both"})

    assert read_contact_token(forged) is None
    assert read_contact_token(other_salt) is None
    assert read_contact_token("not-a-token") is None


def test_the_articles_sections_the_reasons_point_to_exist(client):
    article = client.get("/articles/vcio-vs-vciso/").content.decode()

    for section in [
        "what-does-a-vciso-do",
        "what-does-a-vcio-do",
        "where-the-two-roles-intersect",
        "does-your-organization-need-both",
        "how-do-you-decide-where-to-start",
    ]:
        assert f'id="{section}"' in article
