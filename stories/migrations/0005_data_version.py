"""A story data version bumped by PostgreSQL on every write to stories, tags and feedback.

Used by stories.aggregate_cache to key cached aggregates. Statement-level triggers fire
for every INSERT/UPDATE/DELETE/TRUNCATE whatever code path issued it, so the version
cannot be forgotten by a bulk update or an import.
"""

from django.db import migrations

TABLES = ["stories_story", "stories_story_domains", "stories_feedback"]

FORWARD = [
    "CREATE TABLE stories_dataversion (id integer PRIMARY KEY, version bigint NOT NULL)",
    "INSERT INTO stories_dataversion (id, version) VALUES (1, 1)",
    """
    CREATE FUNCTION stories_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE stories_dataversion SET version = version + 1 WHERE id = 1;
        RETURN NULL;
    END
    $$
    """,
    *[
        f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION stories_bump_data_version()"
        for table in TABLES
    ],
]

BACKWARD = [
    *[f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}" for table in TABLES],
    "DROP FUNCTION IF EXISTS stories_bump_data_version()",
    "DROP TABLE IF EXISTS stories_dataversion",
]


class Migration(migrations.Migration):
    dependencies = [("stories", "0004_fulltext_stored_column")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
