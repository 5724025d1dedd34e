import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from pytest_django.asserts import assertContains

from contact.middleware import FIRST_TOUCH_COOKIE
from contact.models import Inquiry
from tests.load.client import HIDDEN_INPUT_RE

pytestmark = pytest.mark.django_db


def cta_url(article, **extra) -> str:
    params = {
        "article": article.slug,
        "section": "security-leadership",
        "interest": "vciso",
        **extra,
    }
    return "/contact/?" + "&".join(f"{key}={value}" for key, value in params.items())


def test_article_call_to_action_preselects_interest_and_carries_the_article(
    client, article
):
    response = client.get(cta_url(article, interest="vcio"))

    assertContains(response, 'value="vcio"  id="id_interest_1" required checked')
    assertContains(response, f'name="article" value="{article.slug}"')
    assertContains(response, 'name="section" value="security-leadership"')
    assertContains(response, "You were reading")


def test_a_visit_without_a_call_to_action_sends_only_the_form_token(client, valid_data):
    page = client.get("/contact/").content.decode()
    # Every hidden input, with or without a value.
    hidden = dict(
        re.findall(r'<input type="hidden" name="(\w+)"(?: value="([^"]*)")?', page)
    )

    client.post("/contact/", {**valid_data, **hidden})

    assert hidden.keys() == {"csrfmiddlewaretoken", "form_token"}
    inquiry = Inquiry.objects.get()
    assert (inquiry.article, inquiry.article_section) == (None, "")


def test_inquiry_records_the_article_section_and_version_read(
    client, article, valid_data
):
    version = timezone.now() - timedelta(days=5)
    page = client.get(
        cta_url(article, version=version.strftime("%Y-%m-%dT%H:%M:%S%%2B00:00"))
    ).content.decode()
    hidden = dict(HIDDEN_INPUT_RE.findall(page))

    client.post(
        "/contact/",
        {
            **valid_data,
            "article": hidden["article"],
            "section": hidden["section"],
            "version": hidden["version"],
        },
    )

    inquiry = Inquiry.objects.get()
    assert inquiry.article == article
    assert inquiry.article_section == "security-leadership"
    assert abs(inquiry.article_version - version) < timedelta(seconds=1)


def test_without_a_version_the_article_last_substantive_update_is_recorded(
    client, article, valid_data
):
    client.post("/contact/", {**valid_data, "article": article.slug})

    assert Inquiry.objects.get().article_version == article.content_updated_at


@pytest.mark.parametrize(
    ("params", "expected_interest"),
    [
        ({"interest": "ceo", "section": "<script>", "version": "yesterday"}, None),
        ({"section": "x" * 200, "version": "2999-01-01T00:00:00Z"}, "vciso"),
    ],
)
def test_hostile_call_to_action_parameters_are_dropped(
    client, article, params, expected_interest
):
    response = client.get(cta_url(article, **params))

    assert response.status_code == 200
    page = response.content.decode()
    checked = re.findall(r'name="interest" value="(\w+)"[^>]* checked', page)
    assert checked == ([expected_interest] if expected_interest else [])
    hidden = re.findall(r'<input type="hidden" name="(\w+)"', page)
    assert "section" not in hidden
    assert "version" not in hidden
    assertContains(response, f'name="article" value="{article.slug}"')


def test_unknown_or_unpublished_article_is_not_recorded(client, article, valid_data):
    article.status = article.Status.DRAFT
    article.save()

    client.post("/contact/", {**valid_data, "article": article.slug, "section": "s"})

    inquiry = Inquiry.objects.get()
    assert inquiry.article is None
    assert inquiry.article_section == ""


def test_first_touch_utm_and_referrer_survive_navigation_to_the_form(
    client, article, valid_data
):
    client.get(
        "/?utm_source=linkedin&utm_medium=social&utm_campaign=launch&evil=1",
        headers={"referer": "https://www.linkedin.com/feed/?secret=1"},
    )
    # A later touch does not overwrite the first one.
    client.get("/?utm_source=newsletter")
    client.post("/contact/", valid_data)

    inquiry = Inquiry.objects.get()
    assert inquiry.utm_source == "linkedin"
    assert inquiry.utm_medium == "social"
    assert inquiry.utm_campaign == "launch"
    assert inquiry.referrer == "https://www.linkedin.com/feed/"
    assert inquiry.landing_page.startswith("/?utm_source=linkedin")


def test_a_visitor_from_a_shared_link_gets_the_cached_page_and_is_remembered(
    client, article, valid_data, settings, django_assert_num_queries
):
    settings.SESSION_COOKIE_SECURE = True  # as over HTTPS in production
    client.get(article.get_absolute_url())  # someone read it before
    shared_link = article.get_absolute_url() + "?utm_source=linkedin&fbclid=IwAR0x"

    visitor = type(client)()
    with django_assert_num_queries(0):
        response = visitor.get(
            shared_link, headers={"referer": "https://www.linkedin.com/"}
        )
    # The form was opened in this visitor's browser.
    csrf_cookie = client.cookies[settings.CSRF_COOKIE_NAME].value
    visitor.cookies[settings.CSRF_COOKIE_NAME] = csrf_cookie
    visitor.post("/contact/", valid_data)

    assertContains(response, article.title)
    cookie = response.cookies[FIRST_TOUCH_COOKIE]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    assert "private" in response["Cache-Control"]
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
    inquiry = Inquiry.objects.get()
    assert inquiry.utm_source == "linkedin"
    assert inquiry.referrer == "https://www.linkedin.com/"
    assert inquiry.landing_page == shared_link


def test_the_cached_page_never_carries_another_visitors_first_touch(client, article):
    client.get(
        article.get_absolute_url() + "?utm_source=newsletter",
        headers={"referer": "https://mail.example/"},
    )

    response = type(client)().get(article.get_absolute_url())

    assert response.cookies == {}
    assert "private" not in response.get("Cache-Control", "")


def test_a_forged_first_touch_is_ignored_and_replaced_by_a_real_one(
    client, valid_data, make_form_token
):
    client.cookies[FIRST_TOUCH_COOKIE] = "eyJ1dG1fc291cmNlIjoiZm9yZ2VkIn0:forged"
    client.post("/contact/", valid_data)
    client.get("/?utm_source=linkedin")
    client.post("/contact/", {**valid_data, "form_token": make_form_token()})

    forged, real = Inquiry.objects.order_by("pk")
    assert forged.utm_source == ""
    assert real.utm_source == "linkedin"


def test_attribution_values_are_capped(client, valid_data):
    client.get("/?utm_source=" + "s" * 500)
    client.post("/contact/", valid_data)

    assert Inquiry.objects.get().utm_source == "s" * 100


def test_ordinary_visitors_get_no_session_so_pages_stay_cacheable(client, settings):
    response = client.get("/", headers={"referer": "http://testserver/contact/"})

    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert FIRST_TOUCH_COOKIE not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_a_direct_visit_records_no_attribution(client, valid_data):
    client.post("/contact/", valid_data)

    inquiry = Inquiry.objects.get()
    assert (inquiry.landing_page, inquiry.referrer, inquiry.utm_source) == ("", "", "")
    assert inquiry.source == "Direct"


def test_a_visit_landing_straight_on_the_form_records_that_first_touch(
    client, valid_data
):
    client.get("/contact/", headers={"referer": "https://duckduckgo.com/?q=vciso"})
    client.post("/contact/", valid_data)

    inquiry = Inquiry.objects.get()
    assert inquiry.landing_page == "/contact/"
    assert inquiry.referrer == "https://duckduckgo.com/"
    assert inquiry.source == "duckduckgo.com"
