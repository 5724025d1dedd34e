"""Images and tables in the rich text: what editors insert, what visitors get."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image as PillowImage
from pytest_django.asserts import assertContains, assertNotContains

from publishing import views
from publishing.images import Image
from publishing.richtext import IMAGE_PICKER_URL
from tests.pages.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg(width: int = 2000, height: int = 1000, name: str = "chart.jpg"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), "navy").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


@pytest.fixture
def chart() -> Image:
    image = Image(file=jpeg(), alt_text="The vCISO's and the vCIO's domains")
    image.full_clean()
    image.save()
    return image


def messages_for(response, field: str) -> list[str]:
    return [error["message"] for error in response.json()["errors"][field]]


def test_an_editor_uploads_an_image_with_alt_text_from_the_editors_dialog(editor):
    response = editor.post(
        IMAGE_PICKER_URL, {"file": jpeg(), "alt_text": "A chart of both roles"}
    )

    assert response.status_code == 201
    image = Image.objects.get()
    assert [each["width"] for each in image.renditions] == [480, 960, 1600]
    assert image.renditions[-1]["height"] == 800
    assert image.renditions[-1]["name"].endswith(".webp")
    assert response.json()["image"] == {
        "id": image.pk,
        "src": image.src,
        "thumbnail": image.thumbnail["url"],
        "width": 480,
        "height": 240,
        "alt": "A chart of both roles",
        "label": "A chart of both roles",
    }
    library = editor.get(IMAGE_PICKER_URL).json()
    assert library["canUpload"] is True
    assert [each["id"] for each in library["images"]] == [image.pk]


def test_an_image_without_alt_text_is_refused_unless_decorative(editor):
    response = editor.post(IMAGE_PICKER_URL, {"file": jpeg(), "alt_text": " "})

    assert response.status_code == 400
    assert messages_for(response, "alt_text") == [
        "Describe the picture for people who cannot see it, or tick “decorative” "
        "if it adds nothing to the text."
    ]
    assert not Image.objects.exists()

    editor.post(IMAGE_PICKER_URL, {"file": jpeg(), "is_decorative": "on"})
    assert Image.objects.get().alt == ""


def test_a_file_that_is_not_an_image_gets_a_clear_message(editor):
    fake = SimpleUploadedFile("notes.jpg", b"not really a picture", "image/jpeg")

    response = editor.post(IMAGE_PICKER_URL, {"file": fake, "alt_text": "My chart"})

    assert response.status_code == 400
    assert "Upload a valid image" in messages_for(response, "file")[0]
    assert not Image.objects.exists()


def test_a_30_mb_upload_gets_a_clear_message(editor):
    huge = SimpleUploadedFile("huge.jpg", b"\xff" * (30 * 1024 * 1024), "image/jpeg")

    response = editor.post(IMAGE_PICKER_URL, {"file": huge, "alt_text": "Huge"})

    assert "the largest image accepted is 10 MB" in messages_for(response, "file")[0]
    assert not Image.objects.exists()


def test_sales_cannot_open_the_image_library(salesperson):
    assert salesperson.get(IMAGE_PICKER_URL).status_code == 403


def test_an_inserted_image_is_responsive_with_its_size_and_alt_text(
    editor, visitor, about_page, chart
):
    body = (
        f'<figure><img src="{chart.src}" alt="" data-file="{chart.pk}">'
        "<figcaption>Who owns what</figcaption></figure><p>Text.</p>"
    )
    editor.post(change_url(about_page), form_data(about_page, body=body))

    response = visitor.get("/about/")

    assertContains(response, f'srcset="{chart.srcset}"')
    assertContains(response, 'width="1600" height="800"')
    assertContains(response, 'alt="The vCISO&#x27;s and the vCIO&#x27;s domains"')
    assertContains(response, "<figcaption>Who owns what</figcaption>")


def test_an_image_from_elsewhere_is_dropped(visitor, about_page):
    about_page.body = (
        '<figure><img src="https://tracker.example/p.gif"></figure><p>x</p>'
    )
    about_page.save()

    assertNotContains(visitor.get("/about/"), "tracker.example")


def test_renditions_are_served_with_a_year_long_lifetime(chart):
    name = chart.renditions[0]["name"]
    request = RequestFactory().get(f"/media/{name}")

    response = views.media(request, name)

    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_editor_offers_tables_and_images_under_the_strict_csp(editor, about_page):
    response = editor.get(change_url(about_page))

    assertContains(response, "&quot;Table&quot;")
    assertContains(response, IMAGE_PICKER_URL)
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_a_table_pasted_with_scripts_keeps_its_cells_and_says_what_was_removed(
    editor, visitor, about_page
):
    pasted = (
        "<p>Table: Fees and hours</p><table><tbody>"
        '<tr><th>Role</th><th onclick="steal()">Owns</th></tr>'
        "<tr><th>vCISO</th><td>Security<script>alert(1)</script></td></tr>"
        "</tbody></table>"
    )

    response = editor.post(
        change_url(about_page), form_data(about_page, body=pasted), follow=True
    )

    assertContains(response, "were removed; the text, its tables and links are kept")
    page = visitor.get("/about/")
    assertContains(page, "<caption>Fees and hours</caption>")
    assertContains(page, '<th scope="col">Owns</th>')
    assertContains(
        page, '<th scope="row">vCISO</th><td data-label="Owns">Security</td>'
    )
    assertNotContains(page, "alert(1)")
    assertNotContains(page, "steal()")


def test_a_caption_is_only_the_paragraph_right_above_its_table(
    editor, visitor, about_page
):
    body = (
        "<p>Table: see the chart below.</p><h2>Costs</h2><p>Some text.</p>"
        "<table><tbody><tr><th>Role</th><th>Owns</th></tr></tbody></table>"
    )

    editor.post(change_url(about_page), form_data(about_page, body=body))

    page = visitor.get("/about/").content.decode()
    assert '<h2 id="costs">Costs</h2><p>Some text.</p><div class="table-scroll"' in page
    assert "<caption>" not in page


def test_the_editors_picker_address_is_the_image_librarys():
    from django.urls import reverse

    assert reverse("admin:publishing_image_picker") == IMAGE_PICKER_URL


def test_a_new_description_or_a_deleted_image_shows_on_the_pages_using_it(
    visitor, about_page, launch_article, chart, django_capture_on_commit_callbacks
):
    # As the editor's picker inserts it, with the description of the moment.
    figure = (
        f'<figure><img src="{chart.src}" alt="{chart.alt_text}" '
        f'data-file="{chart.pk}"></figure>'
    )
    about_page.body += figure
    about_page.save()
    launch_article.body += figure
    launch_article.save()
    visitor.get("/about/")  # cached
    revisions = about_page.history.count()

    with django_capture_on_commit_callbacks(execute=True):
        chart.alt_text = "Who owns security, who owns technology"
        chart.save()

    for url in ["/about/", launch_article.get_absolute_url()]:
        assertContains(visitor.get(url), 'alt="Who owns security, who owns technology"')
    assert about_page.history.count() == revisions

    with django_capture_on_commit_callbacks(execute=True):
        chart.delete()

    assertNotContains(visitor.get("/about/"), "<img")


def test_an_images_picture_cannot_be_swapped_under_its_renditions(editor, chart):
    page = editor.get(f"/admin/publishing/image/{chart.pk}/change/")

    assertNotContains(page, 'type="file"')
    editor.post(
        f"/admin/publishing/image/{chart.pk}/change/",
        {"file": jpeg(800, 400, "other.jpg"), "alt_text": chart.alt_text},
    )
    chart.refresh_from_db()
    assert chart.width == 2000
