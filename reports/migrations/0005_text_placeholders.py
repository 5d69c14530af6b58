"""The seed's method text and the preface's signature become templates with placeholders.

The method section said "22 forandringsfortællinger" and "Tre grupper med i alt 14
borgere" whatever the data; now it says "{indsamlede_fortællinger}" and "{Grupper_ord}
grupper med i alt {deltagere} borgere" (reports.placeholders), which reproduce the seed
on its data. The preface ends with "{underskriver}" and "{underskriver_titel}" (the
edition's signer). A text someone has edited since the seed is left alone.

Reads its own frozen copies: seed/0002_texts (the texts as 0002 wrote them) and
seed/0005_texts (the templates).
"""

from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent / "seed"
KEYS = ("method", "preface_closing")


def _text(folder, key):
    return (SEED / folder / f"{key}.md").read_text(encoding="utf-8").strip()


def _swap(apps, old, new):
    ReportText = apps.get_model("reports", "ReportText")
    for key in KEYS:
        ReportText.objects.filter(key=key, body=_text(old, key)).update(body=_text(new, key))


def forwards(apps, schema_editor):
    _swap(apps, "0002_texts", "0005_texts")


def backwards(apps, schema_editor):
    _swap(apps, "0005_texts", "0002_texts")


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_edition_consent_marks")]

    operations = [migrations.RunPython(forwards, backwards)]
