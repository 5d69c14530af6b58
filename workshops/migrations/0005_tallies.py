"""Ballot and vote counts kept by PostgreSQL (workshops.tallies): the tables, and the
triggers that keep them in the same transaction as every ballot and vote.

Why in the database: a results page counted 30,000 votes per view (6 ms of database and
19 ms of Python at 10,000 ballots); kept here, it reads one row per group and domain.
Triggers fire whatever code path writes (a participant, a paper ballot, the admin, psql).

- workshops_tally_ballots(ballots, sign): the ballots' group counts, and their votes (a
  ballot whose group changes takes its votes along). Inserted ballots are added, deleted
  ones removed; an update that moves a ballot removes the old row and adds the new one.
- A vote adds to or takes from its ballot's group and domain.
- The counts go with their group and workshop (foreign keys ON DELETE CASCADE: the
  models do not cascade, the database does).
The triggers run once per statement (with transition tables), so a bulk insert updates
each count row once; the upserts list their rows in key order, so concurrent voters lock
the count rows of one group in the same order.
"""

import django.db.models.deletion
from django.db import migrations, models


FORWARD = [
    """
    ALTER TABLE workshops_groupcount
        ADD CONSTRAINT groupcount_group_fk FOREIGN KEY (group_id)
            REFERENCES workshops_group (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        ADD CONSTRAINT groupcount_workshop_fk FOREIGN KEY (workshop_id)
            REFERENCES workshops_workshop (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
    """,
    """
    ALTER TABLE workshops_votecount
        ADD CONSTRAINT votecount_group_fk FOREIGN KEY (group_id)
            REFERENCES workshops_group (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        ADD CONSTRAINT votecount_workshop_fk FOREIGN KEY (workshop_id)
            REFERENCES workshops_workshop (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
    """,
    # Add (sign 1) or remove (sign -1) a set of ballots: their group counts, and their
    # votes (a ballot whose group changes takes its votes along).
    """
    CREATE FUNCTION workshops_tally_ballots(rows workshops_ballot[], sign integer) RETURNS void
    LANGUAGE sql AS $$
        INSERT INTO workshops_groupcount AS c (group_id, workshop_id, ballots, paper)
        SELECT b.group_id, b.workshop_id, sign * count(*), sign * count(*) FILTER (WHERE b.is_paper)
          FROM unnest(rows) b
         GROUP BY 1, 2
         ORDER BY 1
        ON CONFLICT (group_id) DO UPDATE
        SET ballots = c.ballots + EXCLUDED.ballots, paper = c.paper + EXCLUDED.paper;

        INSERT INTO workshops_votecount AS c (group_id, workshop_id, domain_id, n)
        SELECT b.group_id, b.workshop_id, v.domain_id, sign * count(*)
          FROM unnest(rows) b JOIN workshops_vote v ON v.ballot_id = b.id
         GROUP BY 1, 2, 3
         ORDER BY 1, 3
        ON CONFLICT (group_id, domain_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    $$
    """,
    """
    CREATE FUNCTION workshops_ballots_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM workshops_tally_ballots(ARRAY(SELECT n::workshops_ballot FROM new_rows n), 1);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION workshops_ballots_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM workshops_tally_ballots(ARRAY(SELECT o::workshops_ballot FROM old_rows o), -1);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION workshops_ballots_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- Only ballots that moved group or workshop, or became (not) paper.
        PERFORM workshops_tally_ballots(ARRAY(
            SELECT o::workshops_ballot FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.group_id, o.workshop_id, o.is_paper)
                   IS DISTINCT FROM (n.group_id, n.workshop_id, n.is_paper)), -1);
        PERFORM workshops_tally_ballots(ARRAY(
            SELECT n::workshops_ballot FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (o.group_id, o.workshop_id, o.is_paper)
                   IS DISTINCT FROM (n.group_id, n.workshop_id, n.is_paper)), 1);
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER ballot_tally_insert AFTER INSERT ON workshops_ballot "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION workshops_ballots_inserted()",
    "CREATE TRIGGER ballot_tally_update AFTER UPDATE ON workshops_ballot "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION workshops_ballots_updated()",
    "CREATE TRIGGER ballot_tally_delete AFTER DELETE ON workshops_ballot "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION workshops_ballots_deleted()",
    # Votes add to or take from their ballot's group and domain.
    """
    CREATE FUNCTION workshops_tally_votes(rows workshops_vote[], sign integer) RETURNS void
    LANGUAGE sql AS $$
        INSERT INTO workshops_votecount AS c (group_id, workshop_id, domain_id, n)
        SELECT b.group_id, b.workshop_id, v.domain_id, sign * count(*)
          FROM unnest(rows) v JOIN workshops_ballot b ON b.id = v.ballot_id
         GROUP BY 1, 2, 3
         ORDER BY 1, 3
        ON CONFLICT (group_id, domain_id) DO UPDATE SET n = c.n + EXCLUDED.n;
    $$
    """,
    """
    CREATE FUNCTION workshops_votes_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM workshops_tally_votes(ARRAY(SELECT n::workshops_vote FROM new_rows n), 1);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION workshops_votes_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM workshops_tally_votes(ARRAY(SELECT o::workshops_vote FROM old_rows o), -1);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION workshops_votes_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM workshops_tally_votes(ARRAY(SELECT o::workshops_vote FROM old_rows o), -1);
        PERFORM workshops_tally_votes(ARRAY(SELECT n::workshops_vote FROM new_rows n), 1);
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER vote_tally_insert AFTER INSERT ON workshops_vote "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION workshops_votes_inserted()",
    "CREATE TRIGGER vote_tally_update AFTER UPDATE ON workshops_vote "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION workshops_votes_updated()",
    "CREATE TRIGGER vote_tally_delete AFTER DELETE ON workshops_vote "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION workshops_votes_deleted()",
    # What exists already is counted once.
    "SELECT workshops_tally_ballots(ARRAY(SELECT b FROM workshops_ballot b), 1)",
]

BACKWARD = [
    *[
        f"DROP TRIGGER IF EXISTS {name} ON {table}"
        for table, names in (
            ("workshops_vote", ("vote_tally_insert", "vote_tally_update", "vote_tally_delete")),
            (
                "workshops_ballot",
                ("ballot_tally_insert", "ballot_tally_update", "ballot_tally_delete"),
            ),
        )
        for name in names
    ],
    *[
        f"DROP FUNCTION IF EXISTS {name}()"
        for name in (
            "workshops_votes_inserted",
            "workshops_votes_updated",
            "workshops_votes_deleted",
            "workshops_ballots_inserted",
            "workshops_ballots_updated",
            "workshops_ballots_deleted",
        )
    ],
    "DROP FUNCTION IF EXISTS workshops_tally_votes(workshops_vote[], integer)",
    "DROP FUNCTION IF EXISTS workshops_tally_ballots(workshops_ballot[], integer)",
    "ALTER TABLE workshops_votecount DROP CONSTRAINT IF EXISTS votecount_group_fk, "
    "DROP CONSTRAINT IF EXISTS votecount_workshop_fk",
    "ALTER TABLE workshops_groupcount DROP CONSTRAINT IF EXISTS groupcount_group_fk, "
    "DROP CONSTRAINT IF EXISTS groupcount_workshop_fk",
]


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0004_vote_while_open"),
    ]

    operations = [
        migrations.CreateModel(
            name="GroupCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("ballots", models.IntegerField(default=0)),
                ("paper", models.IntegerField(default=0)),
                (
                    "group",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="count",
                        to="workshops.group",
                    ),
                ),
                (
                    "workshop",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="workshops.workshop",
                    ),
                ),
            ],
            options={
                "verbose_name": "optælling af stemmesedler",
                "verbose_name_plural": "optællinger af stemmesedler",
                "indexes": [models.Index(fields=["workshop"], name="groupcount_workshop")],
            },
        ),
        migrations.CreateModel(
            name="VoteCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("domain_id", models.BigIntegerField()),
                ("n", models.IntegerField(default=0)),
                (
                    "group",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="workshops.group",
                    ),
                ),
                (
                    "workshop",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="workshops.workshop",
                    ),
                ),
            ],
            options={
                "verbose_name": "optælling af stemmer",
                "verbose_name_plural": "optællinger af stemmer",
                "indexes": [models.Index(fields=["workshop"], name="votecount_workshop")],
                "constraints": [
                    models.UniqueConstraint(fields=("group", "domain_id"), name="votecount_key")
                ],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
