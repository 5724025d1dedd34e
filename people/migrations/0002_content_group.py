"""The Content group writes and publishes people, testimonials and case
studies; Sales never edits them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = {
    "person": ["add", "change", "view"],
    "testimonial": ["add", "change", "delete", "view"],
    "casestudy": ["add", "change", "view"],
    "historicalperson": ["view"],
    "historicaltestimonial": ["view"],
    "historicalcasestudy": ["view"],
}


def codenames() -> list[str]:
    return [
        f"{action}_{model}" for model, actions in MODELS.items() for action in actions
    ]


def grant(apps, schema_editor):
    # Permissions of a new model exist only after all migrations ran.
    people = apps.get_app_config("people")
    people.models_module = True
    create_permissions(people, apps=apps, verbosity=0)
    people.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Content")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="people", codename__in=codenames()
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Content").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="people", codename__in=codenames()
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("articles", "0002_content_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
