"""The learning report's editable texts, prefilled from the seed report."""

from django.db import migrations

from domains.seed_data import REPORT_TEXTS

SECTIONS = [
    ("preface", "Forord", REPORT_TEXTS["preface"]),
    ("preface_closing", "Forord, afslutning", REPORT_TEXTS["preface_closing"]),
    ("introduction", "Indledning", REPORT_TEXTS["introduction"]),
    ("method", "Evaluering gennem forandringsfortællinger", REPORT_TEXTS["method"]),
    ("closing", "Afrunding og perspektivering", REPORT_TEXTS["closing"]),
]


def forwards(apps, schema_editor):
    ReportText = apps.get_model("reports", "ReportText")
    for key, title, body in SECTIONS:
        ReportText.objects.get_or_create(key=key, defaults={"title": title, "body": body})


def backwards(apps, schema_editor):
    apps.get_model("reports", "ReportText").objects.filter(
        key__in=[key for key, _, _ in SECTIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
