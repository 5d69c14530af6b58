"""The ten change domains of the seed report, with statements and both texts.

Reads its own frozen copy, seed/0002_domains.json (the app's domains/seed/domains.json as
it was when this migration was written), so a later edit of the app's seed files never
changes what this migration does. The learning texts are lists of paragraphs there.
"""

import json
from pathlib import Path

from django.db import migrations

SEED_FILE = Path(__file__).resolve().parent / "seed" / "0002_domains.json"


def _domains():
    with SEED_FILE.open(encoding="utf-8") as file:
        return json.load(file)


def forwards(apps, schema_editor):
    Domain = apps.get_model("domains", "Domain")
    for order, data in enumerate(_domains(), start=1):
        Domain.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "statement": data["statement"],
                "what_changes": "\n\n".join(data["what_changes"]),
                "what_creates_change": "\n\n".join(data["what_creates_change"]),
                "order": order,
                "is_active": True,
                "icon": data["slug"],
            },
        )


def backwards(apps, schema_editor):
    apps.get_model("domains", "Domain").objects.filter(
        slug__in=[d["slug"] for d in _domains()]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("domains", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
