"""Uploads to the image library, as an attacker and as an editor send them.

Every upload is decoded in full and stored re-encoded, without its metadata;
anything that does not decode as a JPEG, PNG, GIF or WebP is refused with a
message, never a 500.
"""

import io
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from pytest_django.asserts import assertContains, assertNotContains

from publishing.images import Image

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/publishing/image/add/"
PICKER_URL = "/admin/publishing/image/picker/"
GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def encoded(picture: PillowImage.Image, format: str, **params) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format, **params)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type)


def photo_with_gps(width: int = 1200, height: int = 800) -> bytes:
    """A phone's photo: the camera, where it was taken, and a rotation."""
    exif = PillowImage.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "EOS 5D Mark IV"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 12.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    return encoded(PillowImage.new("RGB", (width, height), "teal"), "JPEG", exif=exif)


def png(width: int, height: int) -> bytes:
    return encoded(PillowImage.new("RGB", (width, height), "navy"), "PNG")


def gif(width: int = 40, height: int = 20) -> bytes:
    return encoded(PillowImage.new("P", (width, height), 3), "GIF")


EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n%%EndComments\n"
    b"newpath 0 0 moveto 10 10 lineto stroke\nshowpage\n%%EOF\n"
)


def stored_files(root: Path) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


def files_of(image: Image, root: Path) -> list[Path]:
    names = [image.file.name, *(each["name"] for each in image.renditions)]
    return [Path(root) / name for name in names]


def add(client, name: str, data: bytes, content_type: str = "image/png", **fields):
    return client.post(
        ADD_URL,
        {"file": upload(name, data, content_type), "alt_text": "A test", **fields},
    )


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200  # the form again, not a 500
    assert message in response.content.decode()
    assert not Image.objects.exists()


# --- What is kept of a photo -------------------------------------------------


def test_a_photos_location_and_camera_are_never_stored_or_served(
    content_client, media_root
):
    data = photo_with_gps()
    assert b"Exif" in data and PillowImage.open(io.BytesIO(data)).getexif()

    response = add(content_client, "IMG_1234.jpg", data, "image/jpeg")

    assert response.status_code == 302
    image = Image.objects.get()
    everything = stored_files(media_root)
    assert set(everything) == set(files_of(image, media_root))
    assert len(everything) == 1 + len(image.renditions)
    for path in everything:
        content = path.read_bytes()
        assert b"Exif" not in content, path
        assert b"Canon" not in content, path
        with PillowImage.open(path) as stored:
            assert not stored.getexif(), path
            assert "exif" not in stored.info, path
    # The rotation is applied to the pixels before the EXIF goes.
    assert (image.width, image.height) == (800, 1200)
    assert image.renditions[-1]["width"] == 800


def test_the_upload_is_not_kept_under_its_own_guessable_name(
    content_client, media_root
):
    add(content_client, "IMG_1234.jpg", photo_with_gps(), "image/jpeg")

    image = Image.objects.get()
    assert "IMG_1234" not in image.file.name
    assert not [p for p in stored_files(media_root) if "IMG_1234" in p.name]


# --- Files that are not (only) an image --------------------------------------


def png_with_cut_pixels(width: int = 800, height: int = 600) -> bytes:
    """A PNG whose compressed pixels stop half way, in chunks that are whole
    (right lengths and checksums): Pillow's verify() finds nothing wrong."""
    data = png(width, height)
    start = data.index(b"IDAT") - 4
    length = int.from_bytes(data[start : start + 4], "big")
    pixels = data[start + 8 : start + 8 + length][: length // 2]
    chunk = b"IDAT" + pixels
    return (
        data[:start]
        + len(pixels).to_bytes(4, "big")
        + chunk
        + zlib.crc32(chunk).to_bytes(4, "big")
        + data[start + 12 + length :]
    )


def test_a_png_cut_short_is_refused_with_a_message(content_client):
    data = png(800, 600)

    response = add(content_client, "cut.png", data[: len(data) // 2])

    assert response.status_code == 200
    assert not Image.objects.exists()
    assert "errorlist" in response.content.decode()


def test_a_png_whose_pixels_stop_half_way_is_refused_with_a_message(content_client):
    data = png_with_cut_pixels()
    with PillowImage.open(io.BytesIO(data)) as looks_fine:
        looks_fine.verify()

    response = add(content_client, "cut.png", data)

    assert_refused(response, "could not be read")


def test_a_gif_with_a_script_after_its_end_is_stored_without_it(
    content_client, media_root
):
    polyglot = gif() + b"<script>alert(document.domain)</script>"

    response = add(content_client, "poly.gif", polyglot, "image/gif")

    # Accepted as a picture, but what is stored and served is re-encoded.
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.renditions
    for path in stored_files(media_root):
        assert b"<script" not in path.read_bytes(), path


def test_a_gif_javascript_polyglot_never_gives_a_500(content_client, media_root):
    # GIF89a/*...*/=alert(1)// : a valid script, and a GIF 10799 px wide.
    data = gif()
    polyglot = b"GIF89a/*" + data[8:] + b"*/=alert(document.domain)//"

    response = add(content_client, "poly.gif", polyglot, "image/gif")

    assert response.status_code in {200, 302}
    for path in stored_files(media_root):
        assert b"alert(" not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("drawing.eps", EPS),
        ("drawing.jpg", EPS),  # the name does not matter, the content does
        ("scan.tiff", encoded(PillowImage.new("RGB", (50, 50)), "TIFF")),
        ("scan.bmp", encoded(PillowImage.new("RGB", (50, 50)), "BMP")),
    ],
)
def test_formats_other_than_jpeg_png_gif_and_webp_are_refused(
    content_client, media_root, name, data
):
    response = add(content_client, name, data, "application/octet-stream")

    assert response.status_code == 200
    assert "is not a JPEG, PNG, GIF or WebP image" in response.content.decode()
    assert not Image.objects.exists()
    assert not stored_files(media_root)


def test_an_eps_never_reaches_ghostscript(monkeypatch, content_client):
    from PIL import EpsImagePlugin

    def ghostscript(*args, **kwargs):
        raise AssertionError("EPS was handed to Ghostscript")

    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", ghostscript)
    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "load", ghostscript)

    response = add(content_client, "drawing.eps", EPS, "application/postscript")

    assert response.status_code == 200
    assert not Image.objects.exists()


def test_the_pickers_upload_refuses_a_bad_file_as_json(content_client):
    response = content_client.post(
        PICKER_URL,
        {"file": upload("drawing.eps", EPS), "alt_text": "A drawing"},
    )

    assert response.status_code == 400
    assert "file" in response.json()["errors"]


@pytest.mark.parametrize("format", ["JPEG", "PNG", "GIF", "WEBP"])
def test_the_four_formats_are_accepted(content_client, format):
    picture = PillowImage.new("RGB", (640, 480), "olive")
    if format == "GIF":
        picture = picture.convert("P")

    response = add(content_client, f"x.{format.lower()}", encoded(picture, format))

    assert response.status_code == 302
    assert Image.objects.get().width == 640


# --- Sizes -------------------------------------------------------------------


def test_a_3000_by_2_divider_line_is_accepted(content_client, media_root):
    # A divider adds nothing: decorative.
    response = add(
        content_client, "divider.png", png(3000, 2), alt_text="", is_decorative="on"
    )

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (3000, 2)
    assert [each["width"] for each in image.renditions] == [480, 960, 1600]
    assert all(each["height"] >= 1 for each in image.renditions)
    for path in files_of(image, media_root):
        with PillowImage.open(path) as stored:
            assert stored.height >= 1


def test_a_tall_2_px_wide_image_is_accepted(content_client):
    response = add(content_client, "rule.png", png(2, 3000))

    assert response.status_code == 302
    assert [each["width"] for each in Image.objects.get().renditions] == [2]


def test_a_300_px_image_keeps_a_rendition_at_its_own_width(content_client):
    add(content_client, "small.png", png(300, 200))

    image = Image.objects.get()
    assert [(each["width"], each["height"]) for each in image.renditions] == [
        (300, 200)
    ]
    assert image.src.endswith(".webp")
    assert 'width="300" height="200"' in image.img_tag()


def test_a_1000_px_image_has_480_960_and_its_own_width(content_client):
    add(content_client, "medium.png", png(1000, 500))

    widths = [each["width"] for each in Image.objects.get().renditions]
    assert widths == [480, 960, 1000]


def test_a_decorative_image_has_an_empty_alt(content_client):
    add(
        content_client,
        "line.png",
        png(300, 20),
        alt_text="A thin line",
        is_decorative="on",
    )

    image = Image.objects.get()
    assert image.alt == ""
    assert ' alt="" ' in image.img_tag()
    assert "A thin line" not in image.img_tag()


# --- Deleting ----------------------------------------------------------------


def test_deleting_an_image_removes_its_files(
    content_client, media_root, django_capture_on_commit_callbacks
):
    add(content_client, "photo.jpg", photo_with_gps(), "image/jpeg")
    image = Image.objects.get()
    paths = files_of(image, media_root)
    assert len(paths) == 3 and all(path.exists() for path in paths)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert not [path for path in paths if path.exists()]


def test_deleting_from_the_admin_removes_the_files(
    content_client, media_root, django_capture_on_commit_callbacks
):
    add(content_client, "a.png", png(700, 300))
    add(content_client, "b.png", png(500, 300))
    paths = [
        path for image in Image.objects.all() for path in files_of(image, media_root)
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = content_client.post(
            "/admin/publishing/image/",
            {
                "action": "delete_selected",
                "_selected_action": [image.pk for image in Image.objects.all()],
                "post": "yes",
            },
        )

    assert response.status_code == 302
    assert not Image.objects.exists()
    assert not [path for path in paths if path.exists()]


def test_the_image_form_saves_without_the_publishing_buttons(content_client):
    # An image is not published: its form keeps the admin's own Save buttons.
    response = content_client.get(ADD_URL)

    assert response.status_code == 200
    assertContains(response, 'name="_save"')
    assertNotContains(response, "Save draft")
    assertNotContains(response, 'name="_publish"')
