"""A second stored search document for restricted readers: title and text only.

A manager may read a story's title and text but not why the change matters to the
storyteller; searching the full document let a word found only there find the story.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stories', '0008_story_rules_as_constraints'),
    ]

    operations = [
        migrations.AddField(
            model_name='story',
            name='report_search_document',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.SearchVector('title', 'text', config='danish'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='story',
            index=django.contrib.postgres.indexes.GinIndex(fields=['report_search_document'], name='story_fulltext_report'),
        ),
    ]
