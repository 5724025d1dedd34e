"""The image library now lives in the publishing app (its 0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0005_more_site_copy"), ("publishing", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Image")]
        ),
    ]
