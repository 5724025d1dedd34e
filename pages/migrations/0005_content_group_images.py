"""The Content group manages the image library that articles and pages use."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    # As 0002: permissions of a new model exist only after all migrations ran.
    core = apps.get_app_config("core")
    core.models_module = True
    create_permissions(core, apps=apps, verbosity=0)
    core.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Content")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="core",
            codename__in=[f"{action}_image" for action in ACTIONS],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Content").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="core",
                codename__in=[f"{action}_image" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_drafts"), ("core", "0004_image")]

    operations = [migrations.RunPython(grant, revoke)]
