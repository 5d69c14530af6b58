"""Data versions bumped by PostgreSQL on every write, to key cached pages and aggregates.

Three counters, one per kind of data a page can be built from:
- stories: stories, their domain tags and feedback;
- workshops: workshops, their domains, groups, ballots, votes, quotes and selections;
- reference: domains, collection rounds, report texts and user names.
Statement-level triggers fire for every INSERT/UPDATE/DELETE/TRUNCATE whatever code path
issued it (forms, imports, bulk updates, erasure, consent withdrawal, the admin, psql),
so a version cannot be forgotten. This replaces the single story counter of stories
0005. Superseded by 0004, which covers every table a cached page reads.
"""

from django.db import migrations

TABLES = {
    "stories": ["stories_story", "stories_story_domains", "stories_feedback"],
    "workshops": [
        "workshops_workshop",
        "workshops_workshop_domains",
        "workshops_group",
        "workshops_ballot",
        "workshops_vote",
        "workshops_quote",
        "workshops_selection",
    ],
    "reference": ["domains_domain", "stories_collectionround", "reports_reporttext"],
}

FORWARD = [
    "CREATE TABLE aktiv_dataversion (name varchar(20) PRIMARY KEY, version bigint NOT NULL)",
    "INSERT INTO aktiv_dataversion (name, version) VALUES "
    + ", ".join(f"('{name}', 1)" for name in TABLES),
    """
    CREATE FUNCTION aktiv_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE aktiv_dataversion SET version = version + 1 WHERE name = TG_ARGV[0];
        RETURN NULL;
    END
    $$
    """,
    *[
        f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION aktiv_bump_data_version('{name}')"
        for name, tables in TABLES.items()
        for table in tables
    ],
    # User names are shown (who collected a story); logins update last_login and must
    # not empty the caches, so only a changed name counts.
    "CREATE TRIGGER auth_user_data_version AFTER INSERT OR DELETE OR UPDATE OF username "
    "ON auth_user FOR EACH STATEMENT EXECUTE FUNCTION aktiv_bump_data_version('reference')",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS auth_user_data_version ON auth_user",
    *[
        f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}"
        for tables in TABLES.values()
        for table in tables
    ],
    "DROP FUNCTION IF EXISTS aktiv_bump_data_version()",
    "DROP TABLE IF EXISTS aktiv_dataversion",
]

# stories 0005 made triggers with the same names on the story tables; they go first.
DROP_STORY_COUNTER = [
    *[f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}" for table in TABLES["stories"]],
    "DROP FUNCTION IF EXISTS stories_bump_data_version()",
    "DROP TABLE IF EXISTS stories_dataversion",
]


def backwards_statements():
    from importlib import import_module

    story_counter = import_module("stories.migrations.0005_data_version")
    return BACKWARD + story_counter.FORWARD


class Migration(migrations.Migration):
    dependencies = [
        ("aktiv", "0002_roles_and_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("stories", "0005_data_version"),
        ("workshops", "0003_postgres_vote_rules"),
        ("domains", "0002_seed_domains"),
        ("reports", "0002_seed_texts"),
    ]

    operations = [migrations.RunSQL(DROP_STORY_COUNTER + FORWARD, backwards_statements())]
