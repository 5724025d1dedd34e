"""The Content group edits pages and the site copy; Sales gets neither.

The group itself is the articles' (articles/migrations/0002_content_group.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content"
PERMISSIONS = [
    ("pages", "page", ["add", "change", "delete", "view"]),
    ("pages", "historicalpage", ["view"]),
    ("core", "sitecopy", ["change", "view"]),
    ("core", "navigationlink", ["add", "change", "delete", "view"]),
]


def grant_content_group(apps, schema_editor):
    # On a fresh database permissions are only created after all migrations
    # ran (STYLE pitfall 4): create them now so the group can hold them.
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


def revoke_content_group(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is None:
        return
    for app_label, model, actions in PERMISSIONS:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("core", "0003_site_copy"),
        ("articles", "0002_content_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_content_group, revoke_content_group)]
