"""Sanitising and rendering article bodies (publishing/richtext.py)."""

import pytest

from articles.models import Article
from articles.views import split_sections
from publishing import richtext as content

pytestmark = pytest.mark.django_db


def test_script_elements_are_stripped():
    cleaned = content.sanitize("<p>Hello</p><script>alert(1)</script>")

    assert "<script" not in cleaned
    assert "alert(1)" not in cleaned
    assert "<p>Hello</p>" in cleaned


def test_event_handler_attributes_are_stripped():
    cleaned = content.sanitize('<p onclick="steal()">Hi <img src=x onerror="x()"></p>')

    assert "onclick" not in cleaned
    assert "onerror" not in cleaned
    # Only images of the library reach a page (tests/pages/test_images_and_tables.py).
    assert "<img" not in content.render_body(cleaned)[0]


def test_javascript_links_lose_their_href():
    cleaned = content.sanitize('<p><a href="javascript:alert(1)">click</a></p>')

    assert "javascript:" not in cleaned
    assert "click" in cleaned


def test_links_to_other_sites_are_kept_without_passing_trust():
    cleaned = content.sanitize('<p><a href="https://www.nist.gov/">NIST</a></p>')

    assert 'href="https://www.nist.gov/"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_only_article_markup_survives():
    cleaned = content.sanitize(
        '<h1>Big</h1><h2 style="color:red" class="x">Part</h2><iframe src="/"></iframe>'
        "<blockquote><p><strong>b</strong> <em>i</em></p></blockquote>"
        "<ul><li>x</li></ul>"
    )

    assert cleaned == (
        "Big<h2>Part</h2><blockquote><p><strong>b</strong> <em>i</em></p></blockquote>"
        "<ul><li>x</li></ul>"
    )


def test_headings_get_stable_readable_unique_ids():
    html, toc = content.render_body(
        "<h2>What Does a vCISO Do?</h2><p>x</p><h3>In <em>practice</em></h3>"
        "<h2>What does a vCISO do?</h2>"
    )

    assert '<h2 id="what-does-a-vciso-do">What Does a vCISO Do?</h2>' in html
    assert '<h3 id="in-practice">In <em>practice</em></h3>' in html
    assert [entry["id"] for entry in toc] == [
        "what-does-a-vciso-do",
        "in-practice",
        "what-does-a-vciso-do-2",
    ]
    assert toc[1] == {"id": "in-practice", "text": "In practice", "level": 3}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<p>Intro</p>\n<h2 id="a">A</h2><p>1</p><h3 id="a1">A.1</h3>'
            '<h2 id="b">B</h2><p>2</p>',
            [
                ("", "<p>Intro</p>\n"),
                ("a", '<h2 id="a">A</h2><p>1</p><h3 id="a1">A.1</h3>'),
                ("b", '<h2 id="b">B</h2><p>2</p>'),
            ],
        ),
        ('\n<h2 id="a">A</h2>', [("a", '<h2 id="a">A</h2>')]),
        ("<p>No headings</p>", [("", "<p>No headings</p>")]),
        ("", []),
    ],
    ids=["intro-and-sections", "starts-with-a-section", "no-sections", "empty"],
)
def test_a_body_is_cut_into_sections_at_its_h2s(body, expected):
    assert split_sections(body) == expected


def test_an_empty_editor_document_is_an_empty_body():
    assert content.sanitize("<p></p>") == ""


def test_saving_an_article_sanitises_and_renders_its_body(make_article):
    article = make_article(
        body='<h2>Risk</h2><p onmouseover="x()">Text<script>bad()</script></p>'
    )

    article.refresh_from_db()
    assert article.body == "<h2>Risk</h2><p>Text</p>"
    assert article.body_html == '<h2 id="risk">Risk</h2><p>Text</p>'
    assert article.toc == [{"id": "risk", "text": "Risk", "level": 2}]


def test_a_malicious_body_never_reaches_the_public_page(client, make_article):
    make_article(
        slug="hostile",
        body='<h2>Hi</h2><p><a href="javascript:steal()">x</a></p>'
        '<script>evil()</script><p><img src=x onerror="evil()"></p>',
    )

    response = client.get("/articles/hostile/")

    html = response.content.decode()
    assert "evil()" not in html
    assert "javascript:steal" not in html
    assert "onerror" not in html


def test_event_handlers_on_links_never_reach_the_public_page(client, make_article):
    make_article(
        slug="linked",
        body='<h2>Sources</h2><p><a href="https://www.nist.gov/" onclick="steal()" '
        'onmouseover="steal()" onfocus="steal()" style="x">NIST</a></p>',
    )

    html = client.get("/articles/linked/").content.decode()

    assert 'href="https://www.nist.gov/"' in html
    assert ">NIST</a>" in html
    assert "steal()" not in html
    assert "onclick" not in html
    assert "onmouseover" not in html


def test_reading_time_rounds_up_to_whole_minutes(make_article):
    article = make_article(body="<p>" + "word " * 231 + "</p>")

    assert article.word_count == 231
    assert article.reading_time == 2
    assert Article.objects.get(pk=article.pk).reading_time == 2
