"""The launch article, published by a data migration from the seed text."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/articles/vcio-vs-vciso/"
SEED = (Path(__file__).parent / "seed_article.txt").read_text(encoding="utf-8")
SECTION_HEADINGS = {
    "what-does-a-vciso-do": "What Does a vCISO Do?",
    "what-does-a-vcio-do": "What Does a vCIO Do?",
    "where-the-two-roles-intersect": "Where the Two Roles Intersect",
    "does-your-organization-need-both": "Does Your Organization Need Both?",
    "how-do-you-decide-where-to-start": "How Do You Decide Where to Start?",
}


def normalise(text: str) -> str:
    """Whitespace and non-breaking spaces aside, text must match exactly."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


class ArticleBlocks(HTMLParser):
    """The text of each <h1>, <h2> and <p> inside the article's sections."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.depth_in_sections = 0
        self.current: list[str] | None = None
        self.current_tag = ""
        self.in_cta = False

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "section" and "article-section" in classes.split():
            self.depth_in_sections += 1
        if tag == "p" and "article-section__cta" in classes:
            self.in_cta = True
        if self.depth_in_sections and tag in {"h2", "p"} and not self.in_cta:
            self.current, self.current_tag = [], tag

    def handle_endtag(self, tag):
        if self.current is not None and tag == self.current_tag:
            self.blocks.append((tag, normalise("".join(self.current))))
            self.current = None
        if tag == "p":
            self.in_cta = False
        if tag == "section" and self.depth_in_sections:
            self.depth_in_sections -= 1

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def seed_blocks() -> tuple[str, list[str]]:
    lines = [normalise(line) for line in SEED.split("\n")]
    title, rest = lines[0], [line for line in lines[1:] if line]
    assert rest[-1].startswith("Call Us Today")
    return title, rest[:-1]


def article_blocks(html: str) -> list[tuple[str, str]]:
    parser = ArticleBlocks()
    parser.feed(html)
    return parser.blocks


def test_seed_article_text_is_published_word_for_word(client):
    response = client.get(ARTICLE_URL)

    _, expected = seed_blocks()
    assert [text for _, text in article_blocks(response.content.decode())] == expected


def test_title_is_the_pages_only_h1(client):
    response = client.get(ARTICLE_URL)

    title, _ = seed_blocks()
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1) == title


def test_typographic_apostrophes_and_em_dashes_are_kept(client):
    response = client.get(ARTICLE_URL)

    assert "How Does a vCIO Differ from a vCISO — and Does" in response.content.decode()
    assert "it’s easy to assume one role covers the other. It doesn’t." in (
        response.content.decode()
    )


def test_the_five_sections_are_h2s_with_readable_ids(client):
    response = client.get(ARTICLE_URL)

    for anchor, heading in SECTION_HEADINGS.items():
        assert f'<h2 id="{anchor}">{heading}</h2>' in response.content.decode()


def test_table_of_contents_links_to_every_section(client):
    response = client.get(ARTICLE_URL)

    toc = re.search(
        r'<nav class="article-toc".*?</nav>', response.content.decode(), re.DOTALL
    ).group(0)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', toc)
    assert links == list(SECTION_HEADINGS.items())


def test_call_us_line_becomes_the_call_to_action_panel_not_body_text(client):
    response = client.get(ARTICLE_URL)

    html = response.content.decode()
    body_texts = [text for _, text in article_blocks(html)]
    assert not any(text.startswith("Call Us Today") for text in body_texts)
    panel = re.search(r'<aside class="cta-panel".*?</aside>', html, re.DOTALL).group(0)
    assert "Call Us Today" in panel
    assert 'href="tel:+17372105503"' in panel
    assert "737-210-5503" in panel
    assert 'href="/contact/' in panel


def test_lone_non_breaking_space_line_is_dropped(launch_article):
    assert "<p>&nbsp;</p>" not in launch_article.body_html
    assert "<p>\xa0</p>" not in launch_article.body_html
    assert "<p></p>" not in launch_article.body_html


def test_launch_article_is_published_with_a_summary_and_reading_time(launch_article):
    assert launch_article.is_published
    assert launch_article.summary
    assert 2 <= launch_article.reading_time <= 5


def test_seeded_body_went_through_the_same_rendering_as_an_admin_save(launch_article):
    body_html, toc = launch_article.body_html, launch_article.toc

    launch_article.save()

    assert launch_article.body_html == body_html
    assert launch_article.toc == toc
