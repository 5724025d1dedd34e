"""The "Content" staff group: writes and publishes articles, never sees inquiries."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content"
PERMISSIONS = [
    ("articles", "article", ["add", "change", "view"]),
    ("articles", "historicalarticle", ["view"]),
    ("articles", "slugredirect", ["add", "change", "delete", "view"]),
]


def create_content_group(apps, schema_editor):
    # On a fresh database the permissions are only created after all
    # migrations ran; create ours now so the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, actions in PERMISSIONS:
        for action in actions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    codename=f"{action}_{model}",
                )
            )


def remove_content_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_content_group, remove_content_group),
    ]
