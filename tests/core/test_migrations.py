import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [("contact", "0003_phone_number_help_text"), ("core", None)]
AFTER_THE_MOVE = [("contact", "0004_move_site_settings_to_core")]


def migrate(targets):
    """Migrate the test database to ``targets``; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(
        [target for target in targets if target[1] is not None]
    ).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_core_app_keeps_its_phone_number():
    old_apps = migrate(BEFORE_THE_MOVE)
    # As contact's 0002 left it (a flush by an earlier test may not have).
    old_apps.get_model("auth", "Group").objects.get_or_create(name="Sales")
    old_apps.get_model("contact", "SiteSettings").objects.create(
        pk=1, phone_number="512-555-0142"
    )

    new_apps = migrate(AFTER_THE_MOVE)

    site_settings = new_apps.get_model("core", "SiteSettings").objects.get()
    assert site_settings.phone_number == "512-555-0142"
    sales = new_apps.get_model("auth", "Group").objects.get(name="Sales")
    assert set(
        sales.permissions.filter(content_type__app_label="core").values_list(
            "codename", flat=True
        )
    ) == {"view_sitesettings", "change_sitesettings"}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_an_articles_own_share_image_joins_the_library_without_its_exif(
    settings, tmp_path
):
    import io

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image as PillowImage

    settings.MEDIA_ROOT = tmp_path
    exif = PillowImage.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's make
    picture = io.BytesIO()
    PillowImage.new("RGB", (2400, 1260), "navy").save(picture, "JPEG", exif=exif)
    name = default_storage.save(
        "articles/share/card.jpg", ContentFile(picture.getvalue())
    )
    old_apps = migrate([("articles", "0010_publishable")])
    article = old_apps.get_model("articles", "Article").objects.create(
        title="With a card",
        slug="with-a-card",
        summary="s",
        body="<p>b</p>",
        author_name="A",
        legacy_share_image=name,
        share_image_alt="A navy card",
    )

    new_apps = migrate([("articles", "0011_share_images_join_the_library")])

    moved = new_apps.get_model("articles", "Article").objects.get(pk=article.pk)
    image = moved.share_image
    assert image.alt_text == "A navy card"
    assert [each["width"] for each in image.renditions] == [1600]
    with default_storage.open(image.renditions[0]["name"]) as served:
        data = served.read()
    assert b"PhoneMaker" not in data
    assert not PillowImage.open(io.BytesIO(data)).getexif()
    with default_storage.open(image.file.name) as stored:
        assert b"PhoneMaker" not in stored.read()
    assert not default_storage.exists(name)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
