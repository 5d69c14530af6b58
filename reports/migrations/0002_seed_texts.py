"""The learning report's editable texts, prefilled from the seed report.

Reads its own frozen copy, seed/0002_texts/<key>.md (the app's reports/seed/<key>.md as
they were when this migration was written), so a later edit of the app's seed files
never changes what this migration does.
"""

from pathlib import Path

from django.db import migrations

SEED_DIR = Path(__file__).resolve().parent / "seed" / "0002_texts"

SECTIONS = [
    ("preface", "Forord"),
    ("preface_closing", "Forord, afslutning"),
    ("introduction", "Indledning"),
    ("method", "Evaluering gennem forandringsfortællinger"),
    ("closing", "Afrunding og perspektivering"),
]


def _body(key):
    return (SEED_DIR / f"{key}.md").read_text(encoding="utf-8").strip()


def forwards(apps, schema_editor):
    ReportText = apps.get_model("reports", "ReportText")
    for key, title in SECTIONS:
        ReportText.objects.get_or_create(key=key, defaults={"title": title, "body": _body(key)})


def backwards(apps, schema_editor):
    apps.get_model("reports", "ReportText").objects.filter(
        key__in=[key for key, _ in SECTIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
