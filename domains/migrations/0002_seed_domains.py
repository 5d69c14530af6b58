"""The ten change domains of the seed report, with statements and both texts."""

from django.db import migrations

from domains.seed_data import DOMAINS


def forwards(apps, schema_editor):
    Domain = apps.get_model("domains", "Domain")
    for order, data in enumerate(DOMAINS, start=1):
        Domain.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "statement": data["statement"],
                "what_changes": data["what_changes"],
                "what_creates_change": data["what_creates_change"],
                "order": order,
                "is_active": True,
                "icon": data["slug"],
            },
        )


def backwards(apps, schema_editor):
    apps.get_model("domains", "Domain").objects.filter(
        slug__in=[d["slug"] for d in DOMAINS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("domains", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
