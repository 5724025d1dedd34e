"""The words a prospect meets first (issue 26): a hero that says what to do,
leads of their own, a privacy notice that says who it is from and when."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from core.models import SiteCopy
from pages.models import Page

pytestmark = pytest.mark.django_db


def test_home_services_and_about_each_have_a_lead_of_their_own():
    leads = Page.objects.filter(
        kind__in=[Page.Kind.HOME, Page.Kind.SERVICES, Page.Kind.ABOUT]
    ).values_list("lead", flat=True)

    assert len(set(leads)) == 3


def test_the_new_leads_are_sentences_of_the_launch_article():
    article = Article.objects.get(slug="vcio-vs-vciso")
    text = " ".join(article.body_html.replace("’", "'").split())
    for kind in (Page.Kind.SERVICES,):
        lead = Page.objects.get(kind=kind).lead
        for sentence in lead.split(". "):
            assert sentence.rstrip(".") in text


def test_the_hero_offers_a_call_and_the_assessment_not_an_article_title(client):
    response = client.get("/")

    hero = response.content.decode().split('<section class="hero">')[1]
    hero = hero.split("</section>")[0]
    assert '">Call 737-210-5503</a>' in hero
    assert 'href="/assessment/"' in hero
    assert "How Does a vCIO Differ" not in hero


def test_every_call_button_says_call(client):
    response = client.get("/services/")

    assertContains(response, ">Call 737-210-5503</a>", count=3)


def test_the_privacy_notice_says_who_it_is_from_how_to_write_and_since_when(
    client,
):
    live = SiteCopy.objects.get(pk=SiteCopy.LIVE_PK)
    live.email = "hello@steadfastpartners.example"
    live.save()
    privacy = Page.objects.get(kind=Page.Kind.PRIVACY)

    response = client.get("/privacy/")

    assertContains(response, "This notice is from Steadfast Partners")
    assertContains(response, 'href="mailto:hello@steadfastpartners.example"')
    assertContains(
        response, f'Effective <time datetime="{privacy.effective_date:%Y-%m-%d}">'
    )
    assertNotContains(response, '<aside class="cta-panel"')


def test_without_an_email_the_footer_and_the_notice_point_to_the_form(client):
    response = client.get("/privacy/")

    assertContains(response, '<a href="/contact/">Write to us</a>')
    assertContains(response, '<a href="/contact/">our contact form</a>')
    assertNotContains(response, "mailto:")


def test_the_not_found_page_asks_without_a_double_question_mark(client):
    response = client.get("/articles/vcio-vs-vcisoo/")

    assertNotContains(response, "??", status_code=404)
