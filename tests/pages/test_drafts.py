"""Editing a live page or article saves a draft until staff publish it."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from pages.models import Page
from tests.pages.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db


def test_saving_a_live_page_keeps_visitors_on_the_published_version(
    editor, visitor, about_page
):
    response = editor.post(
        change_url(about_page),
        form_data(about_page, publish=False, lead="A lead still in draft."),
        follow=True,
    )

    assertContains(
        response, "Draft saved. Visitors see nothing of it until you publish."
    )
    assertNotContains(visitor.get("/about/"), "A lead still in draft.")
    about_page.refresh_from_db()
    assert about_page.draft["lead"] == "A lead still in draft."
    assert about_page.lead != "A lead still in draft."


def test_the_form_and_the_preview_show_the_draft(editor, about_page):
    editor.post(
        change_url(about_page),
        form_data(about_page, publish=False, body="<h2>New team section</h2>"),
    )

    form = editor.get(change_url(about_page))
    preview = editor.get(f"/preview/pages.page/{about_page.pk}/")

    assertContains(form, "New team section")
    assertContains(form, "Unpublished changes.")
    assertContains(form, 'name="_publish"')
    assertContains(preview, '<h2 id="new-team-section">New team section</h2>')
    assertContains(preview, "Unpublished changes: visitors still see")


def test_publish_changes_makes_the_draft_live(
    editor, visitor, about_page, django_capture_on_commit_callbacks
):
    editor.post(
        change_url(about_page),
        form_data(about_page, publish=False, title="About the advisors"),
    )
    visitor.get("/about/")  # cached with the published title
    about_page.refresh_from_db()
    about_page.apply_draft()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(change_url(about_page), form_data(about_page))

    assert response.status_code == 302
    assert response["Location"].endswith(change_url(about_page))
    assertContains(visitor.get("/about/"), "<h1")
    assertContains(visitor.get("/about/"), "About the advisors")
    about_page.refresh_from_db()
    assert about_page.draft == {}


def test_a_page_that_is_not_live_yet_saves_straight_away(editor, visitor):
    page = Page.objects.create(
        kind=Page.Kind.SERVICE,
        slug="security-program",
        title="Security program",
        lead="Not live yet.",
        meta_description="A service page that is still a draft, not yet public.",
    )

    editor.post(change_url(page), form_data(page, publish=False, lead="Changed."))

    page.refresh_from_db()
    assert page.lead == "Changed."
    assert page.draft == {}


def test_a_draft_of_a_live_article_waits_for_publishing(
    editor, visitor, launch_article
):
    from tests.articles.test_admin import form_data as article_form

    data = article_form(launch_article, summary="A summary still in draft.")
    del data["_publish"]
    editor.post(f"/admin/articles/article/{launch_article.pk}/change/", data)

    assertNotContains(
        visitor.get(launch_article.get_absolute_url()), "A summary still in draft."
    )
    assertContains(
        editor.get(f"/preview/articles.article/{launch_article.pk}/"),
        "A summary still in draft.",
    )
    assert Article.objects.get(pk=launch_article.pk).has_draft


def test_history_shows_the_changes_as_words_not_markup(editor, about_page):
    editor.post(
        change_url(about_page),
        form_data(
            about_page,
            publish=False,
            body=about_page.body.replace("two fractional", "two <em>part-time</em>"),
        ),
    )

    history = editor.get(f"/admin/pages/page/{about_page.pk}/history/")

    assertContains(history, "<strong>Draft saved</strong>")
    assertContains(history, "<dt>Body</dt>")
    assertContains(history, "<del>fractional</del>")
    assertContains(history, "<ins>part-time</ins>")
    assertNotContains(history, "&lt;em&gt;")
    assertNotContains(history, "&lt;p&gt;")


@pytest.mark.parametrize("kind", [Page.Kind.HOME, Page.Kind.SERVICES])
def test_the_preview_of_a_page_listing_services_lists_them(editor, kind):
    page = Page.objects.get(kind=kind)

    response = editor.get(f"/preview/pages.page/{page.pk}/")

    assertContains(response, 'href="/services/vciso/"')
    assertContains(response, "<h1")
