"""Site settings move to the core app, keeping the phone number staff set.

The Sales group keeps the rights it had on them: the phone number on every
page is the sales line.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def copy_to_core(apps, schema_editor):
    old = apps.get_model("contact", "SiteSettings")
    new = apps.get_model("core", "SiteSettings")
    for record in old.objects.all():
        new.objects.update_or_create(
            pk=record.pk,
            defaults={
                "phone_number": record.phone_number,
                "updated_at": record.updated_at,
            },
        )
    # On a fresh database permissions are only created after all migrations
    # ran (STYLE pitfall 4): create core's now so the group can hold them.
    core_app = apps.get_app_config("core")
    core_app.models_module = True
    create_permissions(core_app, apps=apps, verbosity=0)
    core_app.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    sales = Group.objects.filter(name="Sales").first()
    if sales is not None:
        sales.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="core",
                codename__in=["view_sitesettings", "change_sitesettings"],
            )
        )


def copy_back(apps, schema_editor):
    old = apps.get_model("contact", "SiteSettings")
    new = apps.get_model("core", "SiteSettings")
    for record in new.objects.all():
        old.objects.update_or_create(
            pk=record.pk, defaults={"phone_number": record.phone_number}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0003_phone_number_help_text"),
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_to_core, copy_back),
        migrations.DeleteModel(name="SiteSettings"),
    ]
