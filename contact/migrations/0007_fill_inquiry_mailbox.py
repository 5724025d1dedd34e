"""Existing inquiries get their folded mailbox, so the same person's earlier
inquiries link to new ones. The fold is copied here, as it is today: a data
migration must not change when the live code does."""

import contextlib
import re

from django.db import migrations


def fold(address):
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return address.strip().casefold()
    if len(local) >= 2 and local[0] == local[-1] == '"':
        local = re.sub(r"\\(.)", r"\1", local[1:-1])
    local = local.casefold().split("+", 1)[0]
    domain = domain.rstrip(".").casefold()
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def fill_mailbox(apps, schema_editor):
    Inquiry = apps.get_model("contact", "Inquiry")
    for inquiry in Inquiry.objects.filter(anonymised_at__isnull=True).only("email"):
        Inquiry.objects.filter(pk=inquiry.pk).update(mailbox=fold(inquiry.email))


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0006_inquiry_mailbox_and_follow_up"),
    ]

    operations = [
        migrations.RunPython(fill_mailbox, migrations.RunPython.noop, elidable=True),
    ]
