"""Let Sales (and Content) see the anonymous assessment counts in the admin.

The counts are harmless aggregates: sales see which results turn into
inquiries, content staff see how the article's decision rule is used.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAMES = ["Sales", "Content"]
CODENAME = "view_dailyassessmentcount"


def grant_view_permission(apps, schema_editor):
    # On a fresh database permissions are only created after all migrations
    # ran (STYLE pitfall 4): create ours now so the groups can hold them.
    app_config = apps.get_app_config("assessment")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="assessment", codename=CODENAME
    )
    for name in GROUP_NAMES:
        # The other apps' migrations may not have created the group yet.
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke_view_permission(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUP_NAMES):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="assessment", codename=CODENAME
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant_view_permission, revoke_view_permission),
    ]
