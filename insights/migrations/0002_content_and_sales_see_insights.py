"""Let Content and Sales open Insights: which words win prospects is both
the writers' and the sellers' business."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAMES = ["Content", "Sales"]
CODENAME = "view_insights"


def grant(apps, schema_editor):
    # On a fresh database permissions are only created after all migrations
    # ran (STYLE pitfall 4): create ours now so the groups can hold them.
    app_config = apps.get_app_config("insights")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="insights", codename=CODENAME
    )
    for name in GROUP_NAMES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUP_NAMES):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="insights", codename=CODENAME
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_counted_pages_and_daily_counts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
