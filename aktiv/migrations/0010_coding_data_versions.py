"""Coding's tables under the data versions (aktiv.page_cache), as 0004 and 0009 do: the
domain pages and the report show quote candidates (excerpts), so a marked, unmarked or
re-anchored excerpt changes those pages' keys at once. Excerpts and memos are story data
("stories"); the codebook's sub-codes are reference data."""

from django.db import migrations

TABLES = {
    "stories": [
        "coding_excerpt",
        "coding_excerpt_domains",
        "coding_excerpt_codes",
        "coding_memo",
    ],
    "reference": ["coding_code"],
}


def _trigger(table, kind):
    return (
        f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION aktiv_bump_data_version('{kind}')"
    )


FORWARD = [_trigger(table, kind) for kind, tables in TABLES.items() for table in tables]
BACKWARD = [
    f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}"
    for tables in TABLES.values()
    for table in tables
]


class Migration(migrations.Migration):
    dependencies = [
        ("aktiv", "0009_report_editions"),
        ("coding", "0001_excerpts_codebook_memos"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
