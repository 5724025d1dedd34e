"""The "Sales" staff group: works inquiries in the admin, never edits articles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Sales"
PERMISSIONS = [
    ("contact", "inquiry", ["view", "change", "export"]),
    ("contact", "inquirynote", ["view", "add"]),
    # The phone number on every page is the sales line.
    ("contact", "sitesettings", ["view", "change"]),  # core.sitesettings since 0004
]


def create_sales_group(apps, schema_editor):
    # On a fresh database permissions are only created after all migrations
    # ran (STYLE pitfall 4): create ours now so the group can hold them.
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


def remove_sales_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_sales_group, remove_sales_group),
    ]
