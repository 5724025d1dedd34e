"""Proof and reach (issue 26): the firm's people and clients' words, added by
a Content editor, shown once published; on every public page a header that
fits a phone, at most two call links on its first screen, no table cell past
its edge, and a footer that links the privacy notice and the firm's email."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image as PillowImage
from playwright.sync_api import expect

from core.models import SiteCopy
from people import models as people
from publishing.images import Image
from tests.browser.checks import axe_violations
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot
from tests.browser.pages import PUBLIC_PAGES, public_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUOTE = "They gave our security program an owner within a month."

# Call links a visitor sees on the first screen: shown, and inside it.
CALL_LINKS_ON_FIRST_SCREEN = """() => [...document.querySelectorAll('a[href^="tel:"]')]
  .filter((a) => {
    const r = a.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
      && getComputedStyle(a).visibility !== 'hidden';
  }).length"""

# Table cells whose right edge lies past the screen's.
CELLS_PAST_THE_EDGE = """() => [...document.querySelectorAll('td, th')]
  .filter((cell) => cell.getBoundingClientRect().right > innerWidth + 0.5)
  .map((cell) => cell.textContent.trim().slice(0, 40))"""

# Whether a call link is on screen and not covered by anything.
CALL_LINK_IN_REACH = """() => [...document.querySelectorAll('a[href^="tel:"]')]
  .some((a) => {
  const r = a.getBoundingClientRect();
  if (r.width === 0 || r.top < 0 || r.bottom > innerHeight) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit !== null && a.contains(hit);
})"""


@pytest.fixture(autouse=True)
def media_root(tmp_path, monkeypatch):
    """Uploads land in a scratch folder, served as in development."""
    monkeypatch.setattr(settings, "MEDIA_ROOT", tmp_path / "media")


@pytest.fixture
def portrait_file(tmp_path):
    path = tmp_path / "dana.png"
    PillowImage.new("RGB", (600, 800), "#5b6b7b").save(path)
    return path


@pytest.fixture
def proof(tmp_path) -> dict:
    """A published person with a photo, a testimonial and a case study, as
    the firm would add them (test data: the launch content has none)."""
    path = tmp_path / "lee.png"
    PillowImage.new("RGB", (600, 800), "#3b4b5b").save(path)
    with path.open("rb") as file:
        from django.core.files import File

        photo = Image(file=File(file, name="lee.png"), alt_text="Portrait of Lee Park")
        photo.save()
    live = {
        "status": people.Person.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
    }
    person = people.Person.objects.create(
        name="Lee Park",
        slug="lee-park",
        role="Fractional vCIO",
        photo=photo,
        bio="Lee sets technology roadmaps.",
        credentials="CISSP",
        **live,
    )
    people.Testimonial.objects.create(
        quote=QUOTE,
        name="Sam Client",
        role="COO",
        company="Example Health",
        agreed_on=timezone.localdate(),
        **live,
    )
    case = people.CaseStudy.objects.create(
        title="A SOC 2 program with an owner",
        slug="soc-2-program",
        client="A software company",
        summary="How a stalled SOC 2 effort reached its audit.",
        situation="The audit had stalled.",
        what_we_did="We owned the program.",
        outcome="The audit was passed.",
        **live,
    )
    return {"person": person, "case": case}


def publish(page) -> None:
    page.locator(".submit-row.publish-row input[name=_publish]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Published")


def save_draft(page) -> None:
    page.locator(".submit-row.publish-row").get_by_role(
        "button", name="Save draft"
    ).click()
    expect(page.locator(".messagelist .success")).to_contain_text("Draft saved")


def test_a_content_editor_adds_a_person_a_testimonial_and_a_case_study(
    open_page, make_staff_user, log_in, portrait_file
):
    editor = make_staff_user("erin", role="content")
    page, _ = open_page(DESKTOP)
    log_in(page, editor)
    visitor, _ = open_page(DESKTOP)
    article_url = public_path("article")

    # A portrait in the image library, described for those who cannot see it.
    page.goto("/admin/publishing/image/add/")
    page.locator("input[type=file][name=file]").set_input_files(portrait_file)
    page.get_by_label("Description (alt text):").fill("Portrait of Dana Reyes")
    # The image form shares the publishing app's submit row: any button saves.
    page.locator(".submit-row input[type=submit]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # The person, first as a draft: nobody sees them yet.
    page.goto("/admin/people/person/add/")
    assert axe_violations(page) == []
    page.get_by_label("Name:").fill("Dana Reyes")
    page.get_by_label("Role:").fill("Fractional vCISO")
    page.get_by_label("Photo:").select_option(label="Portrait of Dana Reyes")
    page.get_by_label("Short bio:").fill("Dana leads security programs.")
    page.get_by_label("Credentials:").fill("CISSP, CISM")
    save_draft(page)
    for url in ("/about/", article_url, "/"):
        visitor.goto(url)
        expect(visitor.locator("main")).not_to_contain_text("Dana Reyes")
    publish(page)
    visitor.goto("/about/")
    expect(visitor.get_by_role("link", name="Dana Reyes")).to_be_visible()
    expect(visitor.get_by_role("img", name="Portrait of Dana Reyes")).to_be_visible()

    # The launch article names her in its byline.
    page.goto("/admin/articles/article/")
    page.get_by_role("link", name=re.compile("How Does a vCIO Differ")).click()
    page.get_by_label("Authors:").select_option(label="Dana Reyes")
    publish(page)
    visitor.goto(article_url)
    byline = visitor.locator(".article-meta__author")
    expect(byline.get_by_role("link", name="Dana Reyes")).to_have_attribute(
        "href", "/people/dana-reyes/"
    )

    # A testimonial: on the home page only once published.
    page.goto("/admin/people/testimonial/add/")
    page.get_by_label("Quote:").fill(QUOTE)
    page.get_by_label("Name:").fill("Sam Client")
    page.get_by_label("Company:").fill("Example Health")
    page.get_by_label("Agreed to be quoted on:").fill(timezone.localdate().isoformat())
    save_draft(page)
    visitor.goto("/")
    expect(visitor.locator("main")).not_to_contain_text(QUOTE)
    publish(page)
    visitor.goto("/")
    expect(visitor.locator(".hero")).to_contain_text(QUOTE)

    # A case study: on the services overview, with a page of its own.
    page.goto("/admin/people/casestudy/add/")
    page.get_by_label("Title:", exact=True).fill("A SOC 2 program with an owner")
    page.get_by_label("Summary:").fill("How a stalled SOC 2 effort reached its audit.")
    page.get_by_label("Situation:").fill("The audit had stalled.")
    page.get_by_label("What we did:").fill("We owned the program.")
    page.get_by_label("Outcome:").fill("The audit was passed.")
    save_draft(page)
    visitor.goto("/services/")
    expect(visitor.locator("main")).not_to_contain_text("SOC 2 program")
    publish(page)
    visitor.goto("/services/")
    visitor.get_by_role("link", name="A SOC 2 program with an owner").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "A SOC 2 program with an owner"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_person_and_case_study_pages_are_accessible(open_page, proof, viewport):
    page, _ = open_page(viewport, phone=viewport is PHONE)

    for name, url in [
        ("person", proof["person"].get_absolute_url()),
        ("case-study", proof["case"].get_absolute_url()),
        ("home-with-proof", "/"),
        ("about-with-people", "/about/"),
        ("services-with-proof", "/services/"),
    ]:
        page.goto(url)
        save_screenshot(page, name)
        assert page.get_by_role("heading", level=1).count() == 1
        assert axe_violations(page) == [], url


def test_person_and_case_study_pages_are_valid_html(client, html_checker, proof):
    for url in (
        proof["person"].get_absolute_url(),
        proof["case"].get_absolute_url(),
        "/",
        "/about/",
        "/services/",
    ):
        assert html_checker.errors(client.get(url).content.decode()) == [], url


def every_public_url(proof: dict | None = None) -> list[str]:
    urls = [public_path(name) for name in PUBLIC_PAGES]
    if proof:
        urls += [proof["person"].get_absolute_url(), proof["case"].get_absolute_url()]
    return urls


def test_a_phone_sees_a_short_header_two_call_links_at_most_and_every_cell(
    open_page, proof
):
    page, _ = open_page(PHONE, phone=True)

    for url in every_public_url(proof):
        page.goto(url)
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 72, url
        assert page.evaluate(CALL_LINKS_ON_FIRST_SCREEN) <= 2, url
        assert page.evaluate(CELLS_PAST_THE_EDGE) == [], url


def test_the_services_table_reads_as_labelled_cards_on_a_phone(open_page):
    page, _ = open_page(PHONE, phone=True)
    page.goto("/services/")

    cell = page.locator("td", has_text="Is the organization secure?")
    label = cell.evaluate("(td) => getComputedStyle(td, '::before').content")

    assert label == '"vCISO"'
    assert cell.bounding_box()["x"] + cell.bounding_box()["width"] <= PHONE["width"]


def test_the_phone_menu_opens_without_javascript_and_leads_on(open_page):
    page, _ = open_page(PHONE, phone=True)
    page.goto("/")

    menu = page.locator(".site-nav__menu")
    menu.get_by_text("Menu").tap()
    menu.get_by_role("link", name="About").tap()

    expect(page).to_have_url(re.compile(r"/about/$"))


def test_breadcrumb_and_contents_links_are_at_least_24px_tall(open_page):
    page, _ = open_page(PHONE, phone=True)
    page.goto(public_path("article"))

    heights = page.locator(".article-breadcrumb a, .article-toc a").evaluate_all(
        "(links) => links.map((a) => a.getBoundingClientRect().height)"
    )

    assert heights and min(heights) >= 24


def test_a_call_link_stays_in_reach_down_the_article_on_a_desktop(open_page):
    page, _ = open_page(DESKTOP)
    page.goto(public_path("article"))

    for share in (0.3, 0.5, 0.7):
        page.evaluate(
            "(share) => window.scrollTo(0, (document.documentElement.scrollHeight"
            " - window.innerHeight) * share)",
            share,
        )
        assert page.evaluate(CALL_LINK_IN_REACH), f"no call link on screen at {share}"


def test_every_footer_links_the_privacy_notice_and_the_firms_email(open_page, proof):
    live = SiteCopy.objects.get(pk=SiteCopy.LIVE_PK)
    live.email = "hello@steadfastpartners.example"
    live.save()
    page, _ = open_page(DESKTOP)

    for url in every_public_url(proof):
        page.goto(url)
        footer = page.locator("footer.site-footer")
        expect(footer.get_by_role("link", name="Privacy notice")).to_have_attribute(
            "href", "/privacy/"
        )
        expect(
            footer.get_by_role("link", name="hello@steadfastpartners.example")
        ).to_have_attribute("href", "mailto:hello@steadfastpartners.example")


def test_the_privacy_notice_names_the_firm_an_email_and_its_date_and_sells_nothing(
    open_page,
):
    live = SiteCopy.objects.get(pk=SiteCopy.LIVE_PK)
    live.email = "hello@steadfastpartners.example"
    live.save()
    page, _ = open_page(DESKTOP)
    page.goto("/privacy/")

    note = page.locator(".page-note")
    expect(note).to_contain_text("This notice is from Steadfast Partners")
    expect(
        note.get_by_role("link", name="hello@steadfastpartners.example")
    ).to_be_visible()
    expect(note).to_contain_text(re.compile(r"Effective \w+ \d+, \d{4}"))
    expect(page.locator(".cta-panel")).to_have_count(0)


def test_every_heading_level_has_one_style_on_every_page(open_page, proof):
    page, _ = open_page(DESKTOP)
    looks: dict[str, set] = {"H2": set(), "H3": set()}

    for url in every_public_url(proof):
        page.goto(url)
        for tag, family, weight, size in page.evaluate(
            """() => [...document.querySelectorAll('main h2, main h3')]
              .filter((h) => !h.closest('.article-card'))
              .map((h) => [h.tagName, getComputedStyle(h).fontFamily,
                           getComputedStyle(h).fontWeight,
                           getComputedStyle(h).fontSize])"""
        ):
            looks[tag].add((family, weight, size))

    assert all(len(styles) == 1 for styles in looks.values()), looks
    assert all(family.startswith("Georgia") for family, _, _ in looks["H2"])


def test_form_fields_read_in_the_body_font_with_outlines_one_can_see(open_page):
    page, _ = open_page(DESKTOP)
    page.goto("/contact/")

    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    message = page.get_by_label("How can we help?")
    radio = page.get_by_label("Both")

    assert message.evaluate("(el) => getComputedStyle(el).fontFamily") == body_font
    # #6c757d on white: 4.7:1, past the 3:1 WCAG 1.4.11 asks of an outline.
    border = radio.evaluate("(el) => getComputedStyle(el).borderTopColor")
    assert border == "rgb(108, 117, 125)"
