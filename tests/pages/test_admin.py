"""Content staff edit the site's pages in the admin, as they edit articles."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from pages.models import Page

pytestmark = pytest.mark.django_db


def change_url(page: Page) -> str:
    return f"/admin/pages/page/{page.pk}/change/"


def form_data(page: Page, *, publish: bool = True, **changes) -> dict:
    """The change form as the editor sends it; by default with "Publish"
    pressed, which a live page needs for a change to show (else "Save draft")."""
    published = timezone.localtime(page.published_at)
    data = {
        "title": page.title,
        "slug": page.slug,
        "kind": page.kind,
        "lead": page.lead,
        "body": page.body,
        "meta_description": page.meta_description,
        "position": page.position,
        **{name: getattr(page, name) for name in Page.KIND_FIELDS.get(page.kind, ())},
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
    }
    data["_publish" if publish else "_save_draft"] = "1"
    data.update(changes)
    return data


def test_content_group_may_add_change_view_and_delete_pages_sales_nothing():
    def codenames(group: str) -> set[str]:
        return set(
            Group.objects.get(name=group)
            .permissions.filter(content_type__app_label="pages")
            .values_list("codename", flat=True)
        )

    assert {"add_page", "change_page", "view_page", "delete_page"} <= codenames(
        "Content"
    )
    assert codenames("Sales") == set()


def test_sales_gets_403_on_the_pages_admin(salesperson, about_page):
    assert salesperson.get("/admin/pages/page/").status_code == 403
    assert salesperson.get(change_url(about_page)).status_code == 403


def test_content_editor_changes_a_page_and_visitors_see_it(
    editor, visitor, about_page, django_capture_on_commit_callbacks
):
    visitor.get("/about/")  # cached

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            change_url(about_page),
            form_data(about_page, lead="Fractional security and technology leaders."),
        )

    assert response.status_code == 302, response.content.decode()[:3000]
    assertContains(
        visitor.get("/about/"), "Fractional security and technology leaders."
    )


def test_the_change_form_has_the_article_editor_under_the_strict_csp(
    editor, about_page
):
    response = editor.get(change_url(about_page))

    assertContains(response, "data-django-prose-editor-configurable")
    csp = response["Content-Security-Policy"]
    assert "'sha256-" in csp
    assert "unsafe-inline" not in csp
    assertContains(response, f"/preview/pages.page/{about_page.pk}/")
    assertContains(response, "50–160 characters")


def test_the_about_form_tells_staff_where_the_team_and_case_studies_go(
    editor, about_page
):
    response = editor.get(change_url(about_page))

    assertContains(response, "Add your team and case studies here")


def test_the_about_page_invents_no_team_and_shows_no_staff_note(visitor, about_page):
    response = visitor.get("/about/")

    assertNotContains(response, "Add your team")
    assertNotContains(response, "case studies")


def test_saved_bodies_are_sanitised(editor, about_page):
    editor.post(
        change_url(about_page),
        form_data(
            about_page,
            body='<h2>Part</h2><p onclick="x()">Text</p><script>alert(1)</script>',
        ),
    )

    about_page.refresh_from_db()
    assert about_page.body == "<h2>Part</h2><p>Text</p>"


def test_a_meta_description_outside_the_guide_is_refused_with_its_input_kept(
    editor, about_page
):
    response = editor.post(
        change_url(about_page), form_data(about_page, meta_description="Too short.")
    )

    assert response.status_code == 200
    assertContains(response, "Too short.")
    assertContains(response, "at least 50 characters")


def test_a_second_privacy_page_is_refused(editor):
    privacy = Page.objects.get(kind=Page.Kind.PRIVACY)

    response = editor.post(
        "/admin/pages/page/add/",
        form_data(privacy, slug="privacy-2", title="Another privacy notice"),
    )

    assert response.status_code == 200
    assertContains(response, "The site already has this page")


def test_a_plain_page_cannot_take_an_address_the_site_uses(editor):
    about = Page.objects.get(kind=Page.Kind.ABOUT)

    response = editor.post(
        "/admin/pages/page/add/",
        form_data(about, kind=Page.Kind.PLAIN, slug="articles", title="Articles"),
    )

    assert response.status_code == 200
    assertContains(response, "Another part of the site uses this address")


def test_staff_preview_a_draft_that_visitors_cannot_see(editor, visitor):
    draft = Page.objects.create(
        kind=Page.Kind.SERVICE,
        slug="incident-response",
        title="A draft service",
        lead="Not yet public.",
        meta_description="A draft service page that visitors must not see yet.",
    )

    preview = editor.get(f"/preview/pages.page/{draft.pk}/")

    assertContains(preview, "This is a draft: visitors cannot see it.")
    assert preview["X-Robots-Tag"] == "noindex"
    assert visitor.get("/services/incident-response/").status_code == 404
    assert visitor.get(f"/preview/pages.page/{draft.pk}/").status_code == 302


def test_history_records_who_changed_a_page(editor, content_user, about_page):
    editor.post(change_url(about_page), form_data(about_page, title="About us"))

    latest = about_page.history.latest()
    assert latest.title == "About us"
    assert latest.history_user == content_user
    assert editor.get(f"/admin/pages/page/{about_page.pk}/history/").status_code == 200


def test_content_cannot_change_the_phone_number(editor):
    assert editor.get("/admin/core/sitesettings/").status_code == 403


def test_the_meta_description_has_a_live_character_count(editor, about_page):
    assertContains(editor.get(change_url(about_page)), "publishing/counter.js")


@pytest.mark.parametrize("kind", Page.SINGLE_KINDS)
def test_content_cannot_take_one_of_the_sites_own_pages_down(editor, visitor, kind):
    page = Page.objects.get(kind=kind)
    next_year = timezone.localtime() + timedelta(days=365)

    unpublished = editor.post(
        change_url(page), form_data(page, publish=False, _unpublish="1")
    )
    scheduled = editor.post(
        change_url(page),
        form_data(page, published_at_0=next_year.strftime("%Y-%m-%d")),
    )
    deleted = editor.post(f"/admin/pages/page/{page.pk}/delete/", {"post": "yes"})
    deleted_in_bulk = editor.post(
        "/admin/pages/page/",
        {"action": "delete_selected", "_selected_action": [page.pk], "post": "yes"},
    )
    rekinded = editor.post(change_url(page), form_data(page, kind=Page.Kind.PLAIN))

    assertNotContains(editor.get(change_url(page)), 'name="_unpublish"')
    assert unpublished.status_code == 403
    assertContains(scheduled, "is always live")
    assert deleted.status_code == 403
    assert deleted_in_bulk.status_code == 403
    page.refresh_from_db()
    assert page.kind == kind
    assert page.is_published
    assert visitor.get(page.get_absolute_url()).status_code == 200
    assert rekinded.status_code == 302


def test_a_plain_page_can_still_be_unpublished_and_deleted(editor, visitor):
    page = Page.objects.create(
        title="Events",
        slug="events",
        lead="Where the firm speaks next.",
        body="<p>Dates follow.</p>",
        kind=Page.Kind.PLAIN,
        meta_description="Where to meet a senior advisor of the firm in person.",
        status=Page.Status.PUBLISHED,
    )

    assertContains(editor.get(change_url(page)), 'name="_unpublish"')
    editor.post(change_url(page), form_data(page, publish=False, _unpublish="1"))
    assert visitor.get("/events/").status_code == 404
    editor.post(f"/admin/pages/page/{page.pk}/delete/", {"post": "yes"})

    assert not Page.objects.filter(pk=page.pk).exists()
