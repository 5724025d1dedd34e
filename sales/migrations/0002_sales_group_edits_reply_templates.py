"""The Sales group writes its own reply templates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ["view", "add", "change", "delete"]


def grant(apps, schema_editor):
    # On a fresh database permissions are only created after all migrations
    # ran (STYLE pitfall 4): create ours now so the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Sales").first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="sales",
            codename__in=[f"{action}_replytemplate" for action in ACTIONS],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sales", "0001_timeline_and_reply_templates"),
        ("contact", "0002_sales_group"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop, elidable=True),
    ]
