"""Each domain gets an easy-read version of its statement for the ballot and the cards
(the report keeps the original), and the seed report's ten get theirs, each with a LIX
of 25 or lower (domains.readability).

The app calls a domain "forandringsområde" now (its Danish names change with it).

Reads its own frozen copy, seed/0004_easy_statements.json, so a later edit of the app's
seed files never changes what this migration does. A statement someone already wrote
is kept.
"""

import json
from pathlib import Path

from django.db import migrations, models

SEED_FILE = Path(__file__).resolve().parent / "seed" / "0004_easy_statements.json"


def _statements():
    with SEED_FILE.open(encoding="utf-8") as file:
        return {row["slug"]: row["easy_statement"] for row in json.load(file)}


def forwards(apps, schema_editor):
    Domain = apps.get_model("domains", "Domain")
    for slug, text in _statements().items():
        Domain.objects.filter(slug=slug, easy_statement="").update(easy_statement=text)


class Migration(migrations.Migration):
    dependencies = [("domains", "0003_icon_is_a_choice")]

    operations = [
        migrations.AddField(
            model_name="domain",
            name="easy_statement",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Til stemmesedlen og kortene. Korte ord og korte sætninger: sigt efter "
                    "LIX 25 eller lavere. Tom: udsagnet ovenfor bruges. Rapporten bruger altid "
                    "udsagnet ovenfor."
                ),
                max_length=300,
                verbose_name="udsagnet i let dansk",
            ),
        ),
        migrations.AlterModelOptions(
            name='domain',
            options={'ordering': ['order', 'name'], 'verbose_name': 'forandringsområde', 'verbose_name_plural': 'forandringsområder'},
        ),
        migrations.AlterField(
            model_name='domain',
            name='is_active',
            field=models.BooleanField(default=True, help_text='Et forandringsområde, der ikke er aktivt, vises ikke på nye stemmesedler.', verbose_name='aktiv'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
