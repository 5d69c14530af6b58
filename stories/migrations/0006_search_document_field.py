"""The stored search column becomes a model field (GeneratedField) with its GIN index.

0004 added the same column with hand-written SQL, invisible to the model. Here it is
dropped and added again through Django, so the model says what the table holds.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stories", "0005_data_version"), ("aktiv", "0003_data_versions")]

    operations = [
        migrations.RunSQL(
            [
                "DROP INDEX IF EXISTS story_fulltext_danish",
                "ALTER TABLE stories_story DROP COLUMN IF EXISTS search_document",
            ],
            migrations.RunSQL.noop,
        ),
        migrations.AddField(
            model_name="story",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.SearchVector(
                    "title", "text", "significance", config="danish"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="story_fulltext_danish"
            ),
        ),
    ]
