import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [("contact", "0003_phone_number_help_text"), ("core", None)]
AFTER_THE_MOVE = [("contact", "0004_move_site_settings_to_core")]


def migrate(targets):
    """Migrate the test database to ``targets``; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(
        [target for target in targets if target[1] is not None]
    ).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_core_app_keeps_its_phone_number():
    old_apps = migrate(BEFORE_THE_MOVE)
    # As contact's 0002 left it (a flush by an earlier test may not have).
    old_apps.get_model("auth", "Group").objects.get_or_create(name="Sales")
    old_apps.get_model("contact", "SiteSettings").objects.create(
        pk=1, phone_number="512-555-0142"
    )

    new_apps = migrate(AFTER_THE_MOVE)

    site_settings = new_apps.get_model("core", "SiteSettings").objects.get()
    assert site_settings.phone_number == "512-555-0142"
    sales = new_apps.get_model("auth", "Group").objects.get(name="Sales")
    assert set(
        sales.permissions.filter(content_type__app_label="core").values_list(
            "codename", flat=True
        )
    ) == {"view_sitesettings", "change_sitesettings"}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
