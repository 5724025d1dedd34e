"""The site copy a fresh site starts with: today's words, and the navigation
to the new pages (Services, About) beside the existing ones."""

from django.db import migrations

NAVIGATION = [
    ("Home", "/"),
    ("Services", "/services/"),
    ("Articles", "/articles/"),
    ("Assessment", "/assessment/"),
    ("About", "/about/"),
    ("Contact", "/contact/"),
]


def create_site_copy(apps, schema_editor):
    SiteCopy = apps.get_model("core", "SiteCopy")
    NavigationLink = apps.get_model("core", "NavigationLink")
    copy, created = SiteCopy.objects.get_or_create(pk=1)
    if created:
        for position, (label, url) in enumerate(NAVIGATION, start=1):
            NavigationLink.objects.create(
                site_copy=copy, label=label, url=url, position=position * 10
            )


def remove_site_copy(apps, schema_editor):
    apps.get_model("core", "SiteCopy").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_sitecopy_navigationlink")]

    operations = [migrations.RunPython(create_site_copy, remove_site_copy)]
