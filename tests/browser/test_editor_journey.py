"""Journey 2: a content editor changes an article in the rich-text editor."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.checks import axe_violations
from tests.browser.conftest import DESKTOP, log_in_through_the_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SCRIPT_PASTE = (
    "<p>Pasted from a vendor page.</p>"
    "<script>document.title = 'pwned'</script>"
    "<p><a href=\"javascript:document.title = 'pwned'\">A link</a></p>"
)


@pytest.fixture
def content_editor(make_staff_user):
    return make_staff_user("erin", role="content")


@pytest.fixture
def draft_article():
    return Article.objects.create(
        title="Ten questions to ask before hiring a vCISO",
        slug="ten-questions-vciso",
        summary="What to ask a fractional security leader before you sign.",
        body="<h2>Start with the risks</h2><p>Ask what they would fix first.</p>",
        author_name="Morgan Reyes",
        status=Article.Status.DRAFT,
        published_at=timezone.now(),
    )


def paste_html(editor, html: str) -> None:
    """What the browser does on Ctrl+V with HTML on the clipboard."""
    editor.evaluate(
        """(el, html) => {
          const data = new DataTransfer();
          data.setData('text/html', html);
          data.setData('text/plain', html);
          el.dispatchEvent(new ClipboardEvent('paste',
            {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        html,
    )


def test_editor_changes_an_article_previews_the_draft_and_publishes_it(
    open_page, content_editor, draft_article
):
    page, _ = open_page(DESKTOP)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    log_in_through_the_form(page, "erin")

    page.get_by_role("link", name="Articles").first.click()
    page.get_by_role("link", name=draft_article.title).click()
    # The editor builds its toolbar in script: check the page once it has.
    editor = page.locator(".ProseMirror[contenteditable='true']")
    editor.wait_for()
    assert axe_violations(page) == []

    # Typing into the rich-text editor, then pasting HTML with a script.
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Then ask who covers for them on holiday.")
    paste_html(editor, SCRIPT_PASTE)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    # The preview shows the draft; visitors still get a 404.
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Preview this article").click()
    preview = popup.value
    expect(preview.get_by_role("status")).to_contain_text("draft")
    expect(preview.locator(".article-body")).to_contain_text(
        "Then ask who covers for them on holiday."
    )
    visitor, _ = open_page(DESKTOP)
    response = visitor.goto(f"/articles/{draft_article.slug}/")
    assert response.status == 404

    # Publishing makes the change public, with no script anywhere.
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    response = visitor.goto(f"/articles/{draft_article.slug}/")
    assert response.status == 200
    body = visitor.locator(".article-body")
    expect(body).to_contain_text("Then ask who covers for them on holiday.")
    expect(body).to_contain_text("Pasted from a vendor page.")
    assert visitor.locator("main script").count() == 0
    assert "pwned" not in response.text()
    assert visitor.locator("main a[href^='javascript:']").count() == 0
    assert visitor.title() != "pwned"
    assert dialogs == []
    draft_article.refresh_from_db()
    assert "<script" not in draft_article.body_html
