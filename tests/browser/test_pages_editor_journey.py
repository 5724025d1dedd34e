"""Journey: a content editor keeps the site's pages current in the admin.

They change the home page's hero as a draft (visitors keep the published one
until they publish it), and create a service page with an image from the
image library and a table, all in the rich-text editor.
"""

import re

import pytest
from django.conf import settings
from PIL import Image as PillowImage
from playwright.sync_api import expect

from pages.models import Page
from tests.browser.checks import axe_violations
from tests.browser.conftest import DESKTOP, log_in_through_the_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_HERO = "Security and technology leadership for growing organizations"


@pytest.fixture
def content_editor(make_staff_user):
    return make_staff_user("erin", role="content")


@pytest.fixture(autouse=True)
def media_root(tmp_path, monkeypatch):
    """Uploads land in a scratch folder, served as in development."""
    monkeypatch.setattr(settings, "MEDIA_ROOT", tmp_path / "media")


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "roles.png"
    PillowImage.new("RGB", (1200, 600), "#0b2545").save(path)
    return path


def test_editor_drafts_the_home_hero_previews_and_publishes_it(
    open_page, content_editor
):
    page, _ = open_page(DESKTOP)
    log_in_through_the_form(page, "erin")
    visitor, _ = open_page(DESKTOP)
    old_hero = Page.objects.get(kind=Page.Kind.HOME).title

    page.goto("/admin/pages/page/")
    page.get_by_role("link", name=old_hero).click()
    page.locator(".ProseMirror[contenteditable='true']").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Title:", exact=True).fill(NEW_HERO)
    # The home page is always live: no status to pick, no Unpublish.
    assert page.get_by_label("Status", exact=True).count() == 0
    submit_row = page.locator(".submit-row.publish-row")
    expect(submit_row.get_by_role("button", name="Unpublish")).to_have_count(0)
    expect(submit_row.locator("input[name=_publish]")).to_have_value("Publish changes")
    submit_row.get_by_role("button", name="Save draft").click()

    expect(page.locator(".messagelist .success")).to_have_text(
        "Draft saved. Visitors see nothing of it until you publish."
    )
    expect(page.locator(".messagelist .success")).to_have_count(1)
    visitor.goto("/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(old_hero)

    home = Page.objects.get(kind=Page.Kind.HOME)
    with page.expect_popup() as popup:
        submit_row.locator("a.preview-link").click()
    preview = popup.value
    assert preview.url.endswith(f"/preview/pages.page/{home.pk}/")
    expect(preview.get_by_role("heading", level=1)).to_have_text(NEW_HERO)
    expect(preview.get_by_role("status")).to_contain_text("Unpublished changes")
    preview.close()

    page.locator(".submit-row.publish-row input[name=_publish]").click()
    expect(page.locator(".messagelist .success")).to_have_text("Published.")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    visitor.goto("/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(NEW_HERO)


def test_editor_creates_a_service_page_with_an_image_and_a_table(
    open_page, content_editor, photo
):
    page, _ = open_page(DESKTOP)
    log_in_through_the_form(page, "erin")
    page.goto("/admin/pages/page/add/")
    editor = page.locator(".ProseMirror[contenteditable='true']")
    editor.wait_for()

    page.get_by_label("Title:", exact=True).fill("Incident response planning")
    page.get_by_label("Kind").select_option("service")
    page.get_by_label("Lead").fill("A plan for the day something goes wrong.")
    page.get_by_label("Meta description").fill(
        "Incident response planning led by a fractional vCISO: who does what "
        "when something goes wrong."
    )
    expect(page.locator(".meta-counter")).to_have_text(
        "94 characters: a good length (50–160)."
    )
    editor.click()
    page.keyboard.type("Who does what when something goes wrong.")

    # A table with a header row, and its caption in the paragraph above.
    page.keyboard.press("Enter")
    page.keyboard.type("Table: Who owns what")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Insert table").click()
    table_dialog = page.locator("dialog[open]")
    table_dialog.locator("input[name=rows]").fill("2")
    table_dialog.locator("input[name=cols]").fill("2")
    table_dialog.locator("select[name=withHeaderRow]").select_option("Yes")
    table_dialog.get_by_role("button", name="Insert Table").click()
    for n, text in enumerate(["Step", "Owner", "Contain", "vCISO"]):
        if n:
            page.keyboard.press("Tab")
        page.keyboard.type(text)

    # An image after the first paragraph, from the image library inside the
    # editor: uploaded in place (a description first), never in a window of
    # its own, and never splitting the paragraph the cursor is in.
    first = editor.locator("p").first
    first.click()
    words = first.inner_text()
    insert_image = page.get_by_role("button", name="Insert image")
    expect(insert_image).to_have_attribute("title", "Insert image")
    insert_image.click()
    library = page.locator("dialog.image-library[open]")
    expect(library.get_by_role("status")).to_have_text(
        "No images yet: upload the first one below."
    )
    expect(library.get_by_label("Image URL")).to_have_count(0)
    assert axe_violations(page) == []
    library.get_by_label("Picture").set_input_files(photo)
    library.get_by_role("button", name="Upload and insert").click()
    expect(library.get_by_role("alert")).to_contain_text(
        "Describe the picture for people who cannot see it"
    )
    library.get_by_label("Description (alt text)").fill(
        "Diagram of who acts first in an incident"
    )
    library.get_by_role("button", name="Upload and insert").click()
    expect(page.locator("dialog.image-library")).to_have_count(0)
    expect(first).to_have_text(words)
    expect(first.locator("xpath=following-sibling::*[1]")).to_have_js_property(
        "tagName", "FIGURE"
    )

    # The same image again, chosen from the dialog's grid.
    first.click()
    insert_image.click()
    library.get_by_role(
        "button", name="Diagram of who acts first in an incident"
    ).click()
    expect(page.locator("dialog.image-library")).to_have_count(0)
    expect(editor.locator("figure img")).to_have_count(2)

    publish = page.locator(".submit-row.publish-row input[name=_publish]")
    expect(publish).to_have_value("Publish")
    publish.click()
    expect(page.locator(".messagelist .success")).to_have_text("Published.")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/admin/pages/page/\d+/change/$"))

    visitor, _ = open_page(DESKTOP)
    response = visitor.goto("/services/incident-response-planning/")
    assert response.status == 200
    image = visitor.get_by_role(
        "img", name="Diagram of who acts first in an incident"
    ).first
    expect(image).to_have_attribute("srcset", re.compile(r"480w, .* 1200w$"))
    expect(image).to_have_attribute("width", "1200")
    expect(visitor.locator("table caption")).to_have_text("Who owns what")
    expect(visitor.get_by_role("columnheader", name="Owner")).to_be_visible()
    expect(visitor.get_by_role("cell", name="vCISO")).to_be_visible()
    assert axe_violations(visitor) == []
    visitor.goto("/services/")
    expect(
        visitor.get_by_role("link", name="Incident response planning")
    ).to_be_visible()


def test_a_page_with_an_image_and_a_table_is_valid_html(
    client, html_checker, photo, live_server
):
    # live_server: the suite then restores the migrated pages (conftest.py).
    from django.core.files import File

    from publishing.images import Image

    with photo.open("rb") as file:
        image = Image(file=File(file, name="roles.png"), alt_text="Both roles")
        image.save()
    about = Page.objects.get(kind=Page.Kind.ABOUT)
    about.body = (
        f'<p>Text.</p><figure><img src="{image.src}" alt="" data-file="{image.pk}">'
        "<figcaption>Who owns what</figcaption></figure>"
        "<p>Table: Who owns what</p><table><tbody><tr><th>Role</th><th>Owns</th></tr>"
        "<tr><th>vCISO</th><td>The security program</td></tr></tbody></table>"
    )
    about.save()

    response = client.get("/about/")

    assert 'srcset="' in response.content.decode()
    assert html_checker.errors(response.content.decode()) == []
