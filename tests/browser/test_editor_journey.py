"""Journey 2: a content editor changes an article in the rich-text editor."""

from datetime import timedelta

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
    # No status to pick: the buttons say what they do.
    assert page.get_by_label("Status", exact=True).count() == 0
    for gone in ("Save", "Save and add another", "Save and continue editing"):
        assert page.get_by_role("button", name=gone, exact=True).count() == 0
    submit_row = page.locator(".submit-row.publish-row")
    expect(submit_row.locator("input[name=_publish].publish-button")).to_have_value(
        "Publish"
    )
    submit_row.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist .success")).to_have_text(
        "Draft saved. Visitors see nothing of it until you publish."
    )
    expect(page.locator(".messagelist .success")).to_have_count(1)

    # The preview shows the draft; visitors still get a 404.
    with page.expect_popup() as popup:
        submit_row.locator("a.preview-link").click()
    preview = popup.value
    assert preview.url.endswith(f"/preview/articles.article/{draft_article.pk}/")
    expect(preview.get_by_role("status")).to_contain_text("draft")
    expect(preview.locator(".article-body")).to_contain_text(
        "Then ask who covers for them on holiday."
    )
    visitor, _ = open_page(DESKTOP)
    response = visitor.goto(f"/articles/{draft_article.slug}/")
    assert response.status == 404

    # Publishing makes the change public, with no script anywhere.
    page.locator(".submit-row.publish-row input[name=_publish]").click()
    expect(page.locator(".messagelist .success")).to_have_text("Published.")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page.locator(".submit-row.publish-row input[name=_publish]")).to_have_value(
        "Publish changes"
    )

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

    # Unpublishing takes it away from visitors again.
    page.get_by_role("button", name="Unpublish").click()
    expect(page.locator(".messagelist .success")).to_have_text(
        "Unpublished: visitors no longer see it."
    )
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert visitor.goto(f"/articles/{draft_article.slug}/").status == 404


def test_a_date_ahead_turns_publish_into_schedule(
    open_page, content_editor, draft_article
):
    page, _ = open_page(DESKTOP)
    log_in_through_the_form(page, "erin")
    page.goto(f"/admin/articles/article/{draft_article.pk}/change/")
    page.locator(".ProseMirror[contenteditable='true']").wait_for()
    publish = page.locator(".submit-row.publish-row input[name=_publish]")
    expect(publish).to_have_value("Publish")

    ahead = timezone.localtime() + timedelta(days=30)
    ahead = ahead.replace(hour=9, minute=0, second=0, microsecond=0)
    page.locator("#id_published_at_0").fill(ahead.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill("09:00:00")
    expect(publish).to_have_value("Schedule")
    publish.click()

    expect(page.locator(".messagelist .success")).to_have_text(
        f"Scheduled for {ahead.strftime('%-d %B, %-H:%M')}."
    )
    expect(page.locator(".messagelist .success")).to_have_count(1)
    visitor, _ = open_page(DESKTOP)
    assert visitor.goto(f"/articles/{draft_article.slug}/").status == 404

    # A date in the past says "Publish" again, as the button then does.
    page.locator("#id_published_at_0").fill(
        (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%d")
    )
    expect(publish).to_have_value("Publish")
