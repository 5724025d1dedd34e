"""The editor says what it does: its buttons, its messages, its history and
an editor's landing page, for every kind of content."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from pages.models import Page
from publishing.models import Publishable
from tests.articles.test_admin import change_url as article_url
from tests.articles.test_admin import form_data as article_form
from tests.pages.test_admin import change_url as page_url
from tests.pages.test_admin import form_data as page_form

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_live_page_offers_save_draft_publish_changes_and_preview_only(editor):
    home = Page.objects.get(kind=Page.Kind.HOME)

    response = editor.get(page_url(home))

    assertContains(response, 'value="Save draft" name="_save_draft"')
    assertContains(response, 'value="Publish changes"')
    assertContains(response, f'href="/preview/pages.page/{home.pk}/"')
    assertNotContains(response, "Save and add another")
    assertNotContains(response, "Save and continue editing")
    assertNotContains(response, 'name="_unpublish"')


def test_a_fixed_page_shows_its_slug_and_kind_but_cannot_change_them(editor):
    home = Page.objects.get(kind=Page.Kind.HOME)

    response = editor.get(page_url(home))

    assertNotContains(response, 'name="slug"')
    assertNotContains(response, 'name="kind"')
    assertNotContains(response, 'name="position"')
    assertNotContains(response, 'name="form_heading"')
    assertContains(response, 'name="featured_label"')


def test_the_contact_page_is_listed_with_the_pages_and_edits_its_words(editor):
    contact = Page.objects.get(kind=Page.Kind.CONTACT)

    listing = editor.get("/admin/pages/page/")
    form = editor.get(page_url(contact))

    assertContains(listing, page_url(contact))
    assertContains(form, 'name="next_steps"')
    assertNotContains(form, 'name="featured_label"')
    assertNotContains(form, 'name="body"')


def test_an_unchanged_save_of_a_live_page_does_not_say_draft_saved(editor):
    about = Page.objects.get(kind=Page.Kind.ABOUT)

    response = editor.post(
        page_url(about), page_form(about, publish=False), follow=True
    )

    assert messages_of(response) == ["No changes: this is the published version."]


def test_one_message_says_a_draft_was_saved(editor):
    about = Page.objects.get(kind=Page.Kind.ABOUT)

    response = editor.post(
        page_url(about), page_form(about, publish=False, lead="New words."), follow=True
    )

    assert messages_of(response) == [
        "Draft saved. Visitors see nothing of it until you publish."
    ]


def test_editing_a_draft_and_publishing_in_one_save_publishes_the_new_words(
    editor, visitor
):
    about = Page.objects.get(kind=Page.Kind.ABOUT)
    editor.post(
        page_url(about), page_form(about, publish=False, lead="Drafted."), follow=True
    )

    response = editor.post(
        page_url(about), page_form(about, lead="Final words."), follow=True
    )

    assert messages_of(response) == ["Published."]
    assertContains(visitor.get("/about/"), "Final words.")
    about.refresh_from_db()
    assert about.draft == {}


def test_a_future_date_schedules_and_the_message_says_when(
    content_editor_client, make_article
):
    draft = make_article(status=Article.Status.DRAFT)
    when = timezone.localtime() + timedelta(days=9)
    data = article_form(
        draft,
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1="09:00:00",
        _publish="Schedule",
    )

    response = content_editor_client.post(article_url(draft), data, follow=True)

    assert messages_of(response) == [
        f"Scheduled for {when.day} {when.strftime('%B')}, 9:00."
    ]
    draft.refresh_from_db()
    assert draft.is_scheduled
    assertContains(response, 'value="Schedule"')


def test_a_draft_says_save_draft_and_publish(content_editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)

    response = content_editor_client.get(article_url(draft))

    assertContains(response, 'value="Publish"')
    assertContains(response, 'value="Save draft"')


def test_no_help_text_renders_markup():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            help_text = str(getattr(field, "help_text", ""))
            assert "<" not in help_text, f"{model.__name__}.{field.name}"


def test_history_names_what_happened_with_sentences_before_and_after(editor):
    about = Page.objects.get(kind=Page.Kind.ABOUT)
    lead = "We lead security programs. We answer within a day."
    editor.post(page_url(about), page_form(about, lead=lead))
    editor.post(
        page_url(about),
        page_form(about, publish=False, lead=lead.replace("a day", "two days")),
    )

    history = editor.get(f"/admin/pages/page/{about.pk}/history/")

    assertContains(history, "<strong>Published</strong>")
    assertContains(history, "<strong>Draft saved</strong>")
    assertContains(history, "We answer within <del>a</del> <del>day.</del>")
    assertContains(history, "We answer within <ins>two</ins> <ins>days.</ins>")
    assertNotContains(history, "Change reason")
    assertNotContains(history, "None")


def test_an_editors_landing_page_lists_drafts_scheduled_and_recent_work(
    content_editor_client, make_article
):
    make_article(title="A draft waiting", status=Article.Status.DRAFT)
    make_article(title="Out next week", published_at=timezone.now() + timedelta(days=7))

    response = content_editor_client.get("/admin/")

    assertContains(response, "Drafts and unpublished changes")
    assertContains(response, "A draft waiting")
    assertContains(response, "Out next week")
    assertContains(response, "Recently published")


def test_sales_sees_no_publishing_desk(sales_client):
    assertNotContains(sales_client.get("/admin/"), "Drafts and unpublished changes")


def test_sales_cannot_learn_a_drafts_address_through_view_on_site(
    sales_client, make_article
):
    draft = make_article(status=Article.Status.DRAFT)
    kind = ContentType.objects.get_for_model(Article)

    response = sales_client.get(f"/admin/r/{kind.pk}/{draft.pk}/")

    assert response.status_code in {403, 404}


def test_every_content_type_shares_one_publishing_model():
    assert issubclass(Article, Publishable)
    assert issubclass(Page, Publishable)


def test_the_admin_has_a_favicon(content_editor_client):
    assertContains(content_editor_client.get("/admin/"), 'rel="icon"')
