"""Mark the site's phone number in published bodies, so it follows the setting.

Sites that existed then rendered their bodies again with the code of the
day. A new site's only body is the launch article, which 0003 already
stores rendered that way, so there is nothing left to do.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_body_tables_and_phone_help"),
        ("core", "0001_initial"),
    ]

    operations = []
