"""What search engines, link previews and feed readers get."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from tests.conftest import TEST_SITE_URL

pytestmark = pytest.mark.django_db

ARTICLE_URL = f"{TEST_SITE_URL}/articles/vcio-vs-vciso/"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    return [json.loads(block) for block in blocks]


def graph_item(response, type_name: str) -> dict:
    (data,) = json_ld(response)
    assert data["@context"] == "https://schema.org"
    (item,) = [item for item in data["@graph"] if item["@type"] == type_name]
    return item


def meta(response, attribute: str, name: str) -> str:
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">',
        response.content.decode(),
    )
    assert match, f"no {name} meta tag"
    return match.group(1)


def is_iso_with_time_zone(value: str) -> bool:
    return datetime.fromisoformat(value).tzinfo is not None


def test_article_page_has_title_description_and_canonical(client, launch_article):
    response = client.get(launch_article.get_absolute_url())

    assertContains(response, f"<title>{launch_article.title} | Steadfast Partners")
    assert meta(response, "name", "description") == launch_article.summary
    assertContains(response, f'<link rel="canonical" href="{ARTICLE_URL}">')


def test_seo_title_overrides_the_headline_in_the_title_only(client, make_article):
    article = make_article(title="Long headline", seo_title="Short SEO title")

    response = client.get(article.get_absolute_url())

    assertContains(response, "<title>Short SEO title | Steadfast Partners</title>")
    assertContains(response, ">Long headline</h1>")


def test_meta_description_falls_back_to_the_body_and_is_never_empty(
    client, make_article
):
    article = make_article(summary="", body="<p>Opening words of the body.</p>")

    response = client.get(article.get_absolute_url())

    assert meta(response, "name", "description") == "Opening words of the body."


def test_article_page_has_open_graph_and_twitter_cards(client, launch_article):
    response = client.get(launch_article.get_absolute_url())

    assert meta(response, "property", "og:type") == "article"
    assert meta(response, "property", "og:url") == ARTICLE_URL
    assert meta(response, "property", "og:title") == launch_article.title
    assert meta(response, "property", "og:description") == launch_article.summary
    assert meta(response, "property", "og:image").startswith(TEST_SITE_URL)
    assert meta(response, "property", "og:image:alt")
    assert meta(response, "name", "twitter:card") == "summary_large_image"
    assert meta(response, "name", "twitter:image").startswith(TEST_SITE_URL)


def test_article_json_ld_describes_the_article(client, launch_article):
    response = client.get(launch_article.get_absolute_url())

    article = graph_item(response, "Article")
    assert article["headline"] == launch_article.title
    assert article["url"] == ARTICLE_URL
    assert is_iso_with_time_zone(article["datePublished"])
    assert is_iso_with_time_zone(article["dateModified"])
    assert article["author"]["@type"] == "Person"
    assert article["author"]["name"] == launch_article.author_name
    assert article["author"]["url"].startswith("http")
    assert article["image"].startswith(TEST_SITE_URL)
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "Steadfast Partners"
    assert article["publisher"]["logo"]["url"].startswith(TEST_SITE_URL)


def test_article_json_ld_has_breadcrumbs(client, launch_article):
    response = client.get(launch_article.get_absolute_url())

    crumbs = graph_item(response, "BreadcrumbList")["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]
    assert [crumb["item"] for crumb in crumbs] == [
        f"{TEST_SITE_URL}/",
        f"{TEST_SITE_URL}/articles/",
        ARTICLE_URL,
    ]


def test_json_ld_cannot_be_broken_out_of_by_article_text(client, make_article):
    article = make_article(title="</script><script>alert(1)</script> & more")

    response = client.get(article.get_absolute_url())

    assert "<script>alert(1)" not in response.content.decode()
    assert graph_item(response, "Article")["headline"] == article.title


def test_home_page_marks_up_the_organization_with_the_visible_phone(client):
    response = client.get("/")

    organization = graph_item(response, "Organization")
    assert organization["url"] == f"{TEST_SITE_URL}/"
    assert organization["telephone"] == "+17372105503"
    assert organization["contactPoint"]["telephone"] == "+17372105503"
    assertContains(response, 'href="tel:+17372105503"')


def test_home_page_features_the_article_and_the_call_to_action(client, launch_article):
    response = client.get("/")

    assertContains(response, launch_article.title)
    assertContains(response, f'href="{launch_article.get_absolute_url()}"')
    assertContains(response, '<aside class="cta-panel"')
    assertContains(response, f'<link rel="canonical" href="{TEST_SITE_URL}/">')


def test_updated_date_changes_only_with_a_substantive_update(client, launch_article):
    launch_article.published_at = timezone.now() - timedelta(days=30)
    launch_article.content_updated_at = launch_article.published_at
    launch_article.save()

    response = client.get(launch_article.get_absolute_url())

    assert "Updated <time" not in response.content.decode()
    article = graph_item(response, "Article")
    assert article["dateModified"] == article["datePublished"]


def test_byline_dates_and_reading_time_are_visible(client, launch_article):
    response = client.get(launch_article.get_absolute_url())

    assertContains(response, f"By {launch_article.author_name}")
    assertContains(response, "Published <time datetime=")
    assertContains(response, f"{launch_article.reading_time} min read")


def test_cards_and_pages_date_an_article_alike(client, make_article):
    # 03:00 UTC on March 1 is still February 28 in Austin.
    published = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
    article = make_article(published_at=published, content_updated_at=published)

    page = client.get(article.get_absolute_url())
    listing = client.get("/articles/")

    for response in (page, listing):
        assertContains(
            response,
            '<time datetime="2026-03-01T03:00:00+00:00">February 28, 2026</time>',
        )


def test_machines_read_one_publication_time_everywhere_on_the_page(
    client, make_article
):
    published = timezone.now().replace(microsecond=123456) - timedelta(days=3)
    article = make_article(published_at=published)

    response = client.get(article.get_absolute_url())

    expected = published.isoformat(timespec="seconds")
    assertContains(response, f'Published <time datetime="{expected}">')
    assert meta(response, "property", "article:published_time") == expected
    assert graph_item(response, "Article")["datePublished"] == expected


def test_sitemap_lists_public_pages_with_lastmod(client, launch_article):
    response = client.get("/sitemap.xml")

    root = ET.fromstring(response.content)
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    lastmod = timezone.localdate(launch_article.modified_at).isoformat()
    assert entries[f"{TEST_SITE_URL}/articles/"] == lastmod
    assert entries[ARTICLE_URL] == lastmod
    # The site's pages are listed too (tests/pages), the home page first.
    assert next(iter(entries)) == f"{TEST_SITE_URL}/"


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()

    assert f"Sitemap: {TEST_SITE_URL}/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert client.get("/sitemap.xml").status_code == 200


def test_rss_feed_lists_published_articles_with_absolute_links(
    client, launch_article, make_article
):
    make_article(title="Newer article", published_at=timezone.now())

    response = client.get("/articles/feed/")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Newer article",
        launch_article.title,
    ]
    assert items[1].findtext("link") == ARTICLE_URL
    assert items[1].findtext("description") == launch_article.summary
    assert channel.findtext("link") == f"{TEST_SITE_URL}/articles/"


def test_pages_link_to_the_feed(client, launch_article):
    for url in ["/", "/articles/", launch_article.get_absolute_url()]:
        assertContains(client.get(url), 'type="application/rss+xml"')
