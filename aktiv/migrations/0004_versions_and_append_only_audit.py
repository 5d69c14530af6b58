"""Two rules only the database can keep, whatever code path writes.

1. Data versions (read by aktiv.page_cache). One counter per kind of data, bumped by a
   statement-level trigger on every INSERT, UPDATE, DELETE or TRUNCATE of each table
   below. A cached page names the kinds it depends on; the test
   tests/aktiv/test_page_cache.py renders every cached page and fails if it reads a
   table that is not listed here under one of those kinds (or, for the counts that
   triggers keep from these tables, aktiv.page_cache.DERIVED_TABLES). This replaces the
   partial set of 0003 (which missed auth_user_groups and most of auth_user).

   Each counter is striped over SLOTS rows: a writing transaction bumps the slot of its
   transaction id, and a reader adds the slots up. The sum moves with every committed
   write, as one row would, but writers no longer queue for one row: with a single row,
   every ballot waited for the ballot before it to commit.

2. The audit log is append-only. A row trigger refuses UPDATE and DELETE of
   aktiv_auditevent, except
   - DELETE inside `aktiv.audit.pruning()` (prune_audit), which sets the
     transaction-local setting aktiv.prune_audit;
   - an UPDATE that only clears user_id (Django does this when a user is deleted).
   TRUNCATE is left alone: the test suite empties tables with it between tests.
"""

from django.db import migrations

# kind -> tables. For auth_user only the columns a page shows or that decide who may see
# what count (the password too: aktiv.backends keeps signed-in users under this version
# and a changed password must end other sessions); a login updates last_login and must
# not empty every cache.
TABLES = {
    "stories": [
        "stories_story",
        "stories_story_domains",
        "stories_feedback",
    ],
    "workshops": [
        "workshops_workshop",
        "workshops_workshop_domains",
        "workshops_group",
        "workshops_ballot",
        "workshops_vote",
        "workshops_quote",
        "workshops_selection",
    ],
    "reference": [
        "domains_domain",
        "stories_collectionround",
        "reports_reporttext",
        "auth_user_groups",
        "auth_group",
    ],
}
USER_COLUMNS = "username, password, first_name, last_name, is_active, is_staff, is_superuser"



SLOTS = 16

STRIPED_COUNTERS = [
    "ALTER TABLE aktiv_dataversion ADD COLUMN slot smallint NOT NULL DEFAULT 0",
    "ALTER TABLE aktiv_dataversion DROP CONSTRAINT aktiv_dataversion_pkey",
    "ALTER TABLE aktiv_dataversion ADD PRIMARY KEY (name, slot)",
    f"INSERT INTO aktiv_dataversion (name, slot, version) "
    f"SELECT name, s, 0 FROM aktiv_dataversion, generate_series(1, {SLOTS - 1}) s",
    f"""
    CREATE OR REPLACE FUNCTION aktiv_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE aktiv_dataversion SET version = version + 1
         WHERE name = TG_ARGV[0] AND slot = txid_current() % {SLOTS};
        RETURN NULL;
    END
    $$
    """,
]
ONE_COUNTER = [
    """
    CREATE OR REPLACE FUNCTION aktiv_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE aktiv_dataversion SET version = version + 1 WHERE name = TG_ARGV[0];
        RETURN NULL;
    END
    $$
    """,
    "DELETE FROM aktiv_dataversion WHERE slot <> 0",
    "ALTER TABLE aktiv_dataversion DROP CONSTRAINT aktiv_dataversion_pkey",
    "ALTER TABLE aktiv_dataversion ADD PRIMARY KEY (name)",
    "ALTER TABLE aktiv_dataversion DROP COLUMN slot",
]


def _trigger(table, kind):
    return (
        f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION aktiv_bump_data_version('{kind}')"
    )


DROP_VERSION_TRIGGERS = [
    *[
        f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}"
        for tables in TABLES.values()
        for table in tables
    ],
    "DROP TRIGGER IF EXISTS auth_user_data_version ON auth_user",
]

VERSION_TRIGGERS = [
    *DROP_VERSION_TRIGGERS,
    *[_trigger(table, kind) for kind, tables in TABLES.items() for table in tables],
    f"CREATE TRIGGER auth_user_data_version AFTER INSERT OR DELETE OR UPDATE OF {USER_COLUMNS} "
    "ON auth_user FOR EACH STATEMENT EXECUTE FUNCTION aktiv_bump_data_version('reference')",
]

APPEND_ONLY_AUDIT = [
    """
    CREATE FUNCTION aktiv_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF current_setting('aktiv.prune_audit', true) = 'on' THEN
                RETURN OLD;
            END IF;
        ELSIF NEW.user_id IS NULL
              AND (to_jsonb(NEW) - 'user_id') = (to_jsonb(OLD) - 'user_id') THEN
            RETURN NEW;  -- a deleted user's events keep their username, lose the link
        END IF;
        RAISE EXCEPTION 'audit events cannot be changed or deleted (only by prune_audit)'
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'audit_append_only';
    END
    $$
    """,
    """
    CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON aktiv_auditevent
        FOR EACH ROW EXECUTE FUNCTION aktiv_audit_append_only()
    """,
]

FORWARD = STRIPED_COUNTERS + VERSION_TRIGGERS + APPEND_ONLY_AUDIT


def backward():
    """Drop what this migration made and put back the triggers of 0003."""
    from importlib import import_module

    before = import_module("aktiv.migrations.0003_data_versions")
    return [
        "DROP TRIGGER IF EXISTS audit_append_only ON aktiv_auditevent",
        "DROP FUNCTION IF EXISTS aktiv_audit_append_only()",
        *DROP_VERSION_TRIGGERS,
        *[sql for sql in before.FORWARD if sql.startswith("CREATE TRIGGER")],
        *ONE_COUNTER,
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("aktiv", "0003_data_versions"),
        ("stories", "0007_tallies"),
        ("workshops", "0005_tallies"),
    ]

    operations = [migrations.RunSQL(FORWARD, backward())]
