"""The image library moves from core to the publishing app, with its rows,
its permissions (through its content type) and, in 0002, its table."""

from django.db import migrations, models

import publishing.images


def relabel_image_content_type(old: str, new: str):
    """Move the image's content type, and the permissions that hang on it,
    from one app label to the other (unless the other already has one)."""

    def relabel(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label=new, model="image").exists():
            ContentType.objects.filter(app_label=old, model="image").update(
                app_label=new
            )

    return relabel


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_more_site_copy"),
        # It grants the Content group the image permissions, by content type.
        ("pages", "0005_content_group_images"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Image",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "file",
                            models.ImageField(
                                height_field="height",
                                help_text="A JPEG, PNG, GIF or WebP of at most 10 MB. It is resized for phones and large screens when you save.",
                                upload_to="images/originals/",
                                validators=[publishing.images.validate_upload],
                                verbose_name="image",
                                width_field="width",
                            ),
                        ),
                        (
                            "alt_text",
                            models.CharField(
                                blank=True,
                                help_text="What the picture shows, for people who cannot see it, e.g. “Chart of the vCISO's and vCIO's responsibilities”. Required unless the picture is decorative.",
                                max_length=250,
                                verbose_name="description (alt text)",
                            ),
                        ),
                        (
                            "is_decorative",
                            models.BooleanField(
                                default=False,
                                help_text="Tick only if the picture adds nothing the text does not say: screen readers then skip it.",
                                verbose_name="decorative",
                            ),
                        ),
                        (
                            "width",
                            models.PositiveIntegerField(default=0, editable=False),
                        ),
                        (
                            "height",
                            models.PositiveIntegerField(default=0, editable=False),
                        ),
                        ("renditions", models.JSONField(default=list, editable=False)),
                        ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "ordering": ["-uploaded_at"],
                        "db_table": "core_image",
                    },
                ),
            ],
        ),
        migrations.RunPython(
            relabel_image_content_type("core", "publishing"),
            relabel_image_content_type("publishing", "core"),
        ),
    ]
