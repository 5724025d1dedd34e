"""Content staff keep articles current in the admin."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertContains, assertFormError, assertNotContains

from articles.models import Article
from publishing.images import Image as LibraryImage

pytestmark = pytest.mark.django_db


def form_data(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
        "status": article.status,
        "published_at_0": timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        "author_name": article.author_name,
        "author_title": article.author_title,
        "author_url": article.author_url,
        "seo_title": article.seo_title,
        "meta_description": article.meta_description,
        "slug_redirects-TOTAL_FORMS": "0",
        "slug_redirects-INITIAL_FORMS": "0",
        "slug_redirects-MIN_NUM_FORMS": "0",
        "slug_redirects-MAX_NUM_FORMS": "1000",
        # Edits to a live article are drafts until published (tests/pages).
        "_publish": "Publish changes",
    }
    data.update(changes)
    return data


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), "navy").save(buffer, "PNG")
    return SimpleUploadedFile("share.png", buffer.getvalue(), "image/png")


def test_content_group_edits_articles_but_cannot_delete_or_see_inquiries():
    codenames = set(
        Group.objects.get(name="Content").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )

    assert {
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "view_historicalarticle"),
    } <= codenames
    assert ("articles", "delete_article") not in codenames
    assert not [perm for perm in codenames if perm[0] == "contact"]


def test_editor_finds_articles_with_search_and_publication_filter(
    content_editor_client, launch_article
):
    response = content_editor_client.get(
        "/admin/articles/article/", {"q": "vCISO", "publication": "live"}
    )

    assertContains(response, launch_article.title)
    assertContains(response, "By publication")


@pytest.mark.parametrize(
    ("publication", "shown", "hidden"),
    [
        ("draft", "A draft", ["A scheduled one", "A live one"]),
        ("scheduled", "A scheduled one", ["A draft", "A live one"]),
        ("live", "A live one", ["A draft", "A scheduled one"]),
    ],
)
def test_publication_filter_tells_drafts_scheduled_and_published_apart(
    content_editor_client, make_article, publication, shown, hidden
):
    make_article(title="A draft", status=Article.Status.DRAFT)
    make_article(
        title="A scheduled one", published_at=timezone.now() + timedelta(days=3)
    )
    make_article(title="A live one")

    response = content_editor_client.get(
        "/admin/articles/article/", {"publication": publication}
    )

    assertContains(response, shown)
    for title in hidden:
        assertNotContains(response, title)


def test_a_scheduled_article_is_listed_as_scheduled_not_published(
    content_editor_client, make_article
):
    make_article(title="Coming soon", published_at=timezone.now() + timedelta(days=3))

    response = content_editor_client.get("/admin/articles/article/")

    assertContains(response, '<td class="field-publication">Scheduled</td>')
    assertNotContains(response, "icon-no.svg")


def test_a_new_article_is_bylined_to_the_editor_and_offers_no_substantive_update(
    content_editor, content_editor_client
):
    content_editor.first_name, content_editor.last_name = "Casey", "Nguyen"
    content_editor.save()

    response = content_editor_client.get("/admin/articles/article/add/")

    assertContains(response, 'value="Casey Nguyen"')
    assertNotContains(response, "id_substantive_update")


def test_the_byline_defaults_to_the_editors_full_name_never_the_username(
    content_editor, content_editor_client
):
    content_editor.first_name, content_editor.last_name = "Casey", "Morgan"
    content_editor.save()

    response = content_editor_client.get("/admin/articles/article/add/")

    assertContains(response, 'value="Casey Morgan"')
    assertNotContains(response, f'value="{content_editor.username}"')


def test_history_names_the_editor_without_a_link_content_staff_cannot_open(
    content_editor, content_editor_client, launch_article, admin_client
):
    content_editor_client.post(
        change_url(launch_article), form_data(launch_article, title="Retitled")
    )
    history = f"/admin/articles/article/{launch_article.pk}/history/"

    response = content_editor_client.get(history)

    assertContains(response, content_editor.username)
    assertNotContains(response, "/admin/auth/user/")
    # Whoever may view users still gets the link.
    assertContains(
        admin_client.get(history), f"/admin/auth/user/{content_editor.pk}/change/"
    )


def test_change_form_has_the_wysiwyg_editor_under_the_strict_csp(
    content_editor_client, launch_article
):
    response = content_editor_client.get(change_url(launch_article))

    assertContains(response, "data-django-prose-editor-configurable")
    assertContains(response, '<script type="importmap">')
    csp = response["Content-Security-Policy"]
    assert "'sha256-" in csp
    assert "unsafe-inline" not in csp
    assertContains(response, "id_substantive_update")
    assertContains(response, f"/preview/articles.article/{launch_article.pk}/")


def test_add_form_prepopulates_the_slug_and_loads(content_editor_client):
    response = content_editor_client.get("/admin/articles/article/add/")

    assertContains(response, "data-prepopulated-fields=")
    assertContains(response, 'name="slug"')


def test_editor_saves_are_sanitised(content_editor_client, launch_article):
    response = content_editor_client.post(
        change_url(launch_article),
        form_data(
            launch_article,
            body='<h2>Part</h2><p onclick="x()">Text</p><script>alert(1)</script>',
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    launch_article.refresh_from_db()
    assert launch_article.body == "<h2>Part</h2><p>Text</p>"


def test_typo_fix_keeps_the_updated_date(content_editor_client, launch_article):
    before = launch_article.content_updated_at

    content_editor_client.post(
        change_url(launch_article),
        form_data(launch_article, title=launch_article.title + "!"),
    )

    launch_article.refresh_from_db()
    assert launch_article.title.endswith("!")
    assert launch_article.content_updated_at == before


def test_a_substantive_draft_moves_the_updated_date_only_when_published(
    content_editor_client, launch_article
):
    before = launch_article.content_updated_at
    draft = form_data(
        launch_article, summary="Rewritten advice.", substantive_update="on"
    )
    del draft["_publish"]

    content_editor_client.post(change_url(launch_article), draft | {"_save_draft": "1"})
    launch_article.refresh_from_db()
    assert launch_article.content_updated_at == before

    content_editor_client.post(
        change_url(launch_article),
        form_data(launch_article, summary="Rewritten advice.", substantive_update="on"),
    )
    launch_article.refresh_from_db()
    assert launch_article.content_updated_at > before


def test_substantive_update_moves_the_updated_date(
    client, content_editor_client, launch_article
):
    Article.objects.filter(pk=launch_article.pk).update(
        published_at=timezone.now() - timedelta(days=40),
        content_updated_at=timezone.now() - timedelta(days=40),
    )
    launch_article.refresh_from_db()

    content_editor_client.post(
        change_url(launch_article),
        form_data(launch_article, substantive_update="on"),
    )

    launch_article.refresh_from_db()
    assert timezone.now() - launch_article.content_updated_at < timedelta(minutes=1)
    assertContains(client.get(launch_article.get_absolute_url()), "Updated <time")


def test_every_change_is_attributed_in_the_history(
    content_editor, content_editor_client, launch_article
):
    content_editor_client.post(
        change_url(launch_article), form_data(launch_article, title="Retitled")
    )

    latest = launch_article.history.latest()
    assert latest.history_user == content_editor
    assert latest.title == "Retitled"
    response = content_editor_client.get(
        f"/admin/articles/article/{launch_article.pk}/history/"
    )
    assertContains(response, "Retitled")
    assertContains(response, content_editor.username)


def test_editor_sees_the_previously_published_text(
    content_editor_client, launch_article
):
    content_editor_client.post(
        change_url(launch_article),
        form_data(launch_article, body="<h2>All new</h2><p>Rewritten advice.</p>"),
    )

    response = content_editor_client.get(change_url(launch_article))

    assertContains(response, "Previously published text")
    assertContains(response, "A virtual Chief Information Security Officer owns")


def test_a_share_image_from_the_library_is_used_for_link_previews(
    client, content_editor_client, launch_article, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    picture = LibraryImage.objects.create(
        file=png(), alt_text="A navy rectangle", is_decorative=False
    )
    content_editor_client.post(
        change_url(launch_article), form_data(launch_article, share_image=picture.pk)
    )

    response = client.get(launch_article.get_absolute_url())

    assertContains(
        response, '<meta property="og:image:alt" content="A navy rectangle">'
    )
    assertContains(
        response,
        f'<meta property="og:image" content="{settings.SITE_URL}{picture.src}">',
    )


def test_admin_edit_is_visible_on_the_next_public_request(
    client, content_editor_client, launch_article, django_capture_on_commit_callbacks
):
    client.get(launch_article.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        content_editor_client.post(
            change_url(launch_article),
            form_data(launch_article, title="Fresh from the admin"),
        )

    assertContains(
        client.get(launch_article.get_absolute_url()), "Fresh from the admin"
    )


def test_an_edit_saves_even_when_the_page_cache_is_down(
    content_editor_client, launch_article, django_capture_on_commit_callbacks
):
    with (
        mock.patch("core.cache.cache.incr", side_effect=ConnectionError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = content_editor_client.post(
            change_url(launch_article),
            form_data(launch_article, title="Saved while Redis was down"),
        )

    assert response.status_code == 302
    launch_article.refresh_from_db()
    assert launch_article.title == "Saved while Redis was down"


def test_a_draft_offers_preview_beside_the_buttons_and_no_view_on_site(
    content_editor_client, make_article
):
    draft = make_article(status=Article.Status.DRAFT)

    response = content_editor_client.get(change_url(draft))

    assertContains(
        response,
        f'class="button preview-link" href="/preview/articles.article/{draft.pk}/"',
    )
    assertNotContains(response, "View on site")


def test_an_article_cannot_be_related_to_itself(content_editor_client, launch_article):
    response = content_editor_client.post(
        change_url(launch_article),
        form_data(launch_article, related_articles=[launch_article.pk]),
    )

    assertFormError(
        response.context["adminform"].form,
        "related_articles",
        "An article cannot be related to itself.",
    )


def test_related_articles_appear_at_the_end_of_the_article(
    client, content_editor_client, launch_article, make_article
):
    other = make_article(title="Building a security roadmap")

    content_editor_client.post(
        change_url(launch_article),
        form_data(launch_article, related_articles=[other.pk]),
    )

    response = client.get(launch_article.get_absolute_url())
    assertContains(response, "Related articles</h2>")
    assertContains(response, f'href="{other.get_absolute_url()}"')
