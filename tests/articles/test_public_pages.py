"""What visitors can open, and how fast: visibility, redirects, caching."""

from datetime import UTC, datetime, timedelta
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles.models import Article
from articles.views import until_next_publish
from core.cache import PAGE_TIMEOUT

pytestmark = pytest.mark.django_db

# The article (which says whether it has related articles), then (only to
# store the page in the cache) the next scheduled publish time; one more for
# related articles when it has any.
ARTICLE_PAGE_QUERIES = 2


def test_articles_list_shows_published_articles_newest_first(client, make_article):
    now = timezone.now()
    make_article(title="Older piece", published_at=now - timedelta(days=3))
    make_article(title="Newer piece", published_at=now - timedelta(days=1))

    response = client.get("/articles/")

    html = response.content.decode()
    assert html.index("Newer piece") < html.index("Older piece")


def test_articles_list_is_paginated(client, make_article):
    now = timezone.now()
    for n in range(12):
        make_article(title=f"Piece {n:02d}", published_at=now - timedelta(days=n + 1))

    first = client.get("/articles/")
    second = client.get("/articles/?page=2")

    assertContains(first, "Page 1 of 2")
    assertContains(first, 'href="?page=2"')
    assertContains(second, "Piece 11")
    assertNotContains(second, "Piece 00")


def test_draft_is_404_for_visitors(client, make_article):
    make_article(slug="secret-draft", status=Article.Status.DRAFT)

    assert client.get("/articles/secret-draft/").status_code == 404


def test_scheduled_article_is_404_for_visitors_until_its_time(client, make_article):
    article = make_article(
        slug="coming-soon", published_at=timezone.now() + timedelta(days=2)
    )

    assert client.get("/articles/coming-soon/").status_code == 404
    assertNotContains(client.get("/articles/"), article.title)

    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get("/articles/coming-soon/").status_code == 200


def test_drafts_stay_out_of_the_list_feed_sitemap_and_home(client, make_article):
    make_article(title="Unfinished thoughts", status=Article.Status.DRAFT)

    for url in ["/articles/", "/articles/feed/", "/sitemap.xml", "/"]:
        assertNotContains(client.get(url), "Unfinished")


def test_staff_preview_shows_a_draft_exactly_as_it_will_look(
    content_editor_client, make_article
):
    draft = make_article(
        title="Draft to check", status=Article.Status.DRAFT, body="<h2>Part</h2>"
    )

    response = content_editor_client.get(f"/preview/articles.article/{draft.pk}/")

    assertContains(response, '<h1 id="article-title" class="article-title">')
    assertContains(response, '<h2 id="part">Part</h2>')
    assertContains(response, "This is a draft")
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_a_drafts_preview_never_says_published(content_editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)

    response = content_editor_client.get(f"/preview/articles.article/{draft.pk}/")

    assertNotContains(response, "Published <time")
    assertContains(response, "Not published yet")


def test_preview_shows_a_scheduled_article_with_its_date(
    content_editor_client, make_article
):
    # 03:00 UTC on March 1 is still February 28 in the site's time zone.
    goes_live = datetime(timezone.now().year + 1, 3, 1, 3, 0, tzinfo=UTC)
    article = make_article(published_at=goes_live)

    response = content_editor_client.get(f"/preview/articles.article/{article.pk}/")

    assertContains(
        response,
        f"Scheduled: goes live on February 28, {goes_live.year}, 9:00 p.m. CST.",
    )


def test_visitors_cannot_open_a_preview(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)

    response = client.get(f"/preview/articles.article/{draft.pk}/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_only_staff_who_edit_articles_can_preview_a_draft(sales_client, make_article):
    draft = make_article(title="Unannounced service", status=Article.Status.DRAFT)

    response = sales_client.get(f"/preview/articles.article/{draft.pk}/")

    assert response.status_code == 403
    assertNotContains(response, "Unannounced service", status_code=403)


def test_changing_a_published_slug_redirects_the_old_url(client, make_article):
    article = make_article(slug="old-name")
    article.slug = "new-name"
    article.save()

    response = client.get("/articles/old-name/")

    assertRedirects(response, "/articles/new-name/", status_code=301)


def test_renaming_twice_keeps_both_old_urls_and_reusing_a_slug_wins(
    client, make_article
):
    article = make_article(slug="first")
    for slug in ["second", "third"]:
        article.slug = slug
        article.save()

    assertRedirects(client.get("/articles/first/"), "/articles/third/", 301)
    assertRedirects(client.get("/articles/second/"), "/articles/third/", 301)

    article.slug = "first"
    article.save()
    assert client.get("/articles/first/").status_code == 200


def test_old_url_of_an_unpublished_article_is_404(client, make_article):
    article = make_article(slug="was-public")
    article.slug = "now-hidden"
    article.status = Article.Status.DRAFT
    article.save()

    assert client.get("/articles/was-public/").status_code == 404


def test_article_page_costs_one_more_query_with_related_articles_however_many(
    client, make_article, django_assert_num_queries, phone_number_cached
):
    lonely = make_article(slug="lonely", body="<h2>One</h2>")
    others = [make_article() for _ in range(4)]
    busy = make_article(
        slug="busy",
        body="".join(f"<h2>Part {n}</h2><p>x</p>" for n in range(12)),
        related_articles=others,
    )

    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        client.get(lonely.get_absolute_url())
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES + 1):
        response = client.get(busy.get_absolute_url())

    for other in others:
        assertContains(response, other.title)


def test_links_with_campaign_tags_or_ad_click_ids_share_the_cached_page(
    client, launch_article, django_assert_num_queries
):
    url = launch_article.get_absolute_url()
    client.get(url)

    with django_assert_num_queries(0):
        tagged = client.get(url + "?utm_source=linkedin&utm_medium=social")
        clicked = client.get(url + "?fbclid=IwAR0x")

    assertContains(tagged, launch_article.title)
    assertContains(clicked, launch_article.title)


def test_a_head_request_is_answered_from_the_page_cache(
    client, launch_article, django_assert_num_queries
):
    page = client.get(launch_article.get_absolute_url())

    with django_assert_num_queries(0):
        response = client.head(launch_article.get_absolute_url())

    assert response.status_code == 200
    assert response["ETag"] == page["ETag"]
    assert response.content == b""


def test_a_query_string_the_pages_do_not_use_is_rendered_and_never_cached(
    client, launch_article, django_assert_num_queries, phone_number_cached
):
    # Never cached, so the cache lifetime is never needed.
    with django_assert_num_queries(1):
        client.get(launch_article.get_absolute_url() + "?ref=1")
    with django_assert_num_queries(1):
        response = client.get(launch_article.get_absolute_url() + "?ref=1")

    assertContains(response, launch_article.title)


def test_related_articles_removed_from_either_side_leave_the_page(
    client, make_article, django_capture_on_commit_callbacks
):
    other = make_article(title="Once related")
    article = make_article(related_articles=[other])
    assertContains(client.get(article.get_absolute_url()), "Once related")

    with django_capture_on_commit_callbacks(execute=True):
        other.article_set.remove(article)

    assertNotContains(client.get(article.get_absolute_url()), "Once related")


def test_related_articles_that_are_not_live_are_not_shown(client, make_article):
    draft = make_article(title="Hidden related", status=Article.Status.DRAFT)
    article = make_article(related_articles=[draft])

    assertNotContains(client.get(article.get_absolute_url()), "Hidden related")


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The articles (with a count for the paginator), then the next publish.
        ("/articles/", 3),
        # The home and service pages, the articles, the testimonials, the case
        # studies, a person with a photo (none quoted), then the next publish.
        ("/", 6),
        ("/articles/feed/", 2),
        # The pages (with a count), the list's lastmod, the articles (with a
        # count), the people and the case studies (counts only: none yet),
        # then the next publish.
        ("/sitemap.xml", 8),
    ],
)
def test_public_pages_cost_a_fixed_few_queries(
    client, make_article, django_assert_num_queries, phone_number_cached, url, queries
):
    for _ in range(3):
        make_article()

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.rstrip().endswith((b"</html>", b"</rss>", b"</urlset>"))


def test_cached_article_page_costs_no_queries(
    client, launch_article, django_assert_num_queries
):
    client.get(launch_article.get_absolute_url())

    with django_assert_num_queries(0):
        response = client.get(launch_article.get_absolute_url())

    assert response.status_code == 200


def test_article_page_sends_validators_and_answers_conditional_gets(
    client, launch_article
):
    response = client.get(launch_article.get_absolute_url())

    assert response.has_header("ETag")
    assert response.has_header("Last-Modified")
    assert (
        client.get(
            launch_article.get_absolute_url(),
            headers={"if-none-match": response["ETag"]},
        ).status_code
        == 304
    )
    assert (
        client.get(
            launch_article.get_absolute_url(),
            headers={"if-modified-since": response["Last-Modified"]},
        ).status_code
        == 304
    )


def test_an_edit_is_visible_on_the_next_request(
    client, launch_article, django_capture_on_commit_callbacks
):
    client.get(launch_article.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        launch_article.title = "A sharper headline"
        launch_article.save()

    assertContains(client.get(launch_article.get_absolute_url()), "A sharper headline")


def test_unpublishing_removes_the_article_on_the_next_request(
    client, launch_article, django_capture_on_commit_callbacks
):
    client.get(launch_article.get_absolute_url())
    client.get("/")

    with django_capture_on_commit_callbacks(execute=True):
        launch_article.status = Article.Status.DRAFT
        launch_article.save()

    assert client.get(launch_article.get_absolute_url()).status_code == 404
    assertNotContains(client.get("/"), launch_article.get_absolute_url())


def test_cache_is_only_forgotten_once_the_change_is_committed(
    launch_article, django_capture_on_commit_callbacks
):
    with (
        mock.patch("articles.signals.forget_cached_pages") as invalidate,
        django_capture_on_commit_callbacks() as callbacks,
    ):
        launch_article.save()
        assert not invalidate.called

    assert callbacks


def test_pages_are_cached_no_longer_than_until_the_next_scheduled_publish(
    make_article,
):
    assert until_next_publish() == PAGE_TIMEOUT

    make_article(published_at=timezone.now() + timedelta(seconds=90))

    assert 85 <= until_next_publish() <= 90


def test_no_cached_page_outlives_the_next_scheduled_publish(client, make_article):
    make_article(published_at=timezone.now() + timedelta(seconds=40))

    # Each page is stored once, in all its encodings (core/cache.py).
    with mock.patch.object(cache, "set_many", wraps=cache.set_many) as cache_set:
        for url in ["/", "/articles/", "/articles/feed/", "/sitemap.xml"]:
            client.get(url)

    page_timeouts = [
        call.args[1]
        for call in cache_set.call_args_list
        if all(key.startswith("page:") for key in call.args[0])
    ]
    assert len(page_timeouts) == 4
    assert all(0 < timeout <= 40 for timeout in page_timeouts)


def test_an_article_ends_with_one_next_step_panel_calling_writing_or_assessing(
    client, launch_article
):
    response = client.get(launch_article.get_absolute_url())

    assertContains(response, '<aside class="cta-panel"', count=1)
    assertNotContains(response, "Your next step")
    assertNotContains(response, "Ask us a question")
    assertContains(response, 'href="/assessment/"')
    assertContains(response, 'href="/contact/?article=vcio-vs-vciso')


def test_section_calls_to_action_tell_the_contact_form_what_led_there(
    client, launch_article
):
    response = client.get(launch_article.get_absolute_url())

    version = urlencode({"version": launch_article.content_version})
    for section, interest in [
        ("what-does-a-vciso-do", "vciso"),
        ("what-does-a-vcio-do", "vcio"),
        ("does-your-organization-need-both", "both"),
    ]:
        assertContains(
            response,
            f'href="/contact/?article=vcio-vs-vciso&amp;section={section}'
            f'&amp;interest={interest}&amp;{version}"',
        )


def test_calls_to_action_carry_the_version_of_the_text_after_an_edit(
    client, launch_article, django_capture_on_commit_callbacks
):
    client.get(launch_article.get_absolute_url())
    launch_article.content_updated_at += timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        launch_article.save()

    response = client.get(launch_article.get_absolute_url())

    version = urlencode({"version": launch_article.content_version})
    # Three sections' links and the closing panel's.
    assertContains(response, f"&amp;{version}", count=4)


@pytest.mark.parametrize(
    ("url", "current"),
    [("/", "Home"), ("/articles/", "Articles"), ("/contact/", "Contact")],
)
def test_the_menu_marks_the_page_the_visitor_is_on(client, url, current):
    response = client.get(url)

    # Marked in the phone's menu and in the wider screens' row.
    assertContains(response, f'aria-current="page">{current}</a>', count=2)
    assertContains(response, '<li><a href="/assessment/">Assessment</a></li>')


def test_a_page_that_is_not_found_marks_no_menu_entry(client):
    response = client.get("/no-such-page/")

    assertNotContains(response, 'aria-current="page"', status_code=404)
