"""Story counts kept by PostgreSQL (stories.tallies): the tables, and the triggers that
keep them in the same transaction as every write.

Why in the database: the overview pages need counts over every story a reader may see
(per domain, employment type, pair of domains, storyteller, collector and month). Counted
per view, /domains/ cost 414 ms of database time at 100,000 stories; kept here, a page
reads a few dozen rows. Triggers fire whatever code path writes, so a bulk UPDATE, the
admin or psql cannot leave a count behind.

The rules, in one place:
- stories_audiences(story): which audiences see a story (see stories.tallies). It must
  say what StoryQuerySet says; tests/stories/test_tallies.py checks them against each
  other on random writes.
- stories_tally_stories(stories, sign): add (+1) or remove (-1) everything a set of
  stories counts for, given their current domain tags and feedback. Inserted stories
  are added, deleted ones removed, and for an UPDATE the old rows are removed and the
  new ones added, only where something counted changed (editing a text changes nothing).
- A domain tag added or removed adjusts its story's per-domain row and every pair it is
  in; feedback moves the story's "with feedback" count at its first and at its last.
The triggers run once per statement (with transition tables), so an import of 5,000
stories updates each count row once, not 5,000 times; the upserts list their rows in key
order, so concurrent writers lock count rows in one order.
"""

from django.db import migrations, models


FORWARD = [
    """
    CREATE FUNCTION stories_audiences(s stories_story) RETURNS text[] LANGUAGE sql STABLE AS $$
        SELECT ARRAY['all'] || CASE WHEN s.status = 'ready' AND s.withdrawn_at IS NULL THEN
            ARRAY['staff']
            || CASE WHEN s.consent_analysis_on IS NOT NULL THEN ARRAY['analysis'] END
            || CASE WHEN s.consent_report_on IS NOT NULL THEN ARRAY['report'] END
            || CASE WHEN s.consent_publish_on IS NOT NULL THEN ARRAY['publish'] END
        END
    $$
    """,
    """
    CREATE FUNCTION stories_teller(s stories_story) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(nullif(s.storyteller_code, ''), '#' || s.id)
    $$
    """,
    # Storytellers: add to each (round, audience, teller) row its stories (told) and its
    # stories with feedback (heard), and to the round's totals the storytellers who now
    # have (or no longer have) a story, or a story with feedback: a row crossing zero.
    """
    CREATE FUNCTION stories_add_to_tellers(
        round_keys bigint[], audiences text[], tellers text[], told bigint[], heard bigint[]
    ) RETURNS void LANGUAGE sql AS $$
        WITH delta AS (
            SELECT * FROM unnest(round_keys, audiences, tellers, told, heard)
                       AS d(round_id, audience, teller, stories, with_feedback)
             WHERE d.round_id IS NOT NULL
        ), after AS (
            INSERT INTO stories_storytellercount AS c
                   (round_id, audience, teller, stories, with_feedback)
            SELECT round_id, audience, teller, stories, with_feedback FROM delta
             ORDER BY 1, 2, 3
            ON CONFLICT (round_id, audience, teller) DO UPDATE
            SET stories = c.stories + EXCLUDED.stories,
                with_feedback = c.with_feedback + EXCLUDED.with_feedback
            RETURNING c.round_id, c.audience, c.teller, c.stories, c.with_feedback
        )
        INSERT INTO stories_storytellertotal AS t
               (round_id, audience, tellers, tellers_heard, stories_heard)
        SELECT a.round_id, a.audience,
               count(*) FILTER (WHERE a.stories > 0 AND a.stories - d.stories <= 0)
               - count(*) FILTER (WHERE a.stories <= 0 AND a.stories - d.stories > 0),
               count(*) FILTER (WHERE a.with_feedback > 0
                                  AND a.with_feedback - d.with_feedback <= 0)
               - count(*) FILTER (WHERE a.with_feedback <= 0
                                    AND a.with_feedback - d.with_feedback > 0),
               sum(d.with_feedback)
          FROM after a JOIN delta d USING (round_id, audience, teller)
         GROUP BY 1, 2
         ORDER BY 1, 2
        ON CONFLICT (round_id, audience) DO UPDATE
        SET tellers = t.tellers + EXCLUDED.tellers,
            tellers_heard = t.tellers_heard + EXCLUDED.tellers_heard,
            stories_heard = t.stories_heard + EXCLUDED.stories_heard;
    $$
    """,
    # Add (sign 1) or remove (sign -1) everything a set of stories counts for, with their
    # current domain tags and feedback: one upsert per table, grouped by key.
    """
    CREATE FUNCTION stories_tally_stories(rows stories_story[], sign integer) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(cardinality(rows), 0) = 0 THEN
            RETURN;
        END IF;

        -- Each story itself (domain 0) and each of its domains.
        INSERT INTO stories_storycount AS c (round_id, audience, domain_id, employment_type, n)
        SELECT coalesce(s.round_id, 0), a, d, s.employment_type, sign * count(*)
          FROM unnest(rows) s
               CROSS JOIN LATERAL unnest(stories_audiences(s)) a
               CROSS JOIN LATERAL (SELECT 0::bigint UNION ALL
                                   SELECT domain_id FROM stories_story_domains
                                    WHERE story_id = s.id) t(d)
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (round_id, audience, domain_id, employment_type)
        DO UPDATE SET n = c.n + EXCLUDED.n;

        -- Each pair of its domains.
        INSERT INTO stories_domainpaircount AS c (round_id, audience, domain_a, domain_b, n)
        SELECT coalesce(s.round_id, 0), a, x.domain_id, y.domain_id, sign * count(*)
          FROM unnest(rows) s
               CROSS JOIN LATERAL unnest(stories_audiences(s)) a
               JOIN stories_story_domains x ON x.story_id = s.id
               JOIN stories_story_domains y ON y.story_id = s.id AND x.domain_id < y.domain_id
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (round_id, audience, domain_a, domain_b) DO UPDATE SET n = c.n + EXCLUDED.n;

        -- Its storyteller.
        PERFORM stories_add_to_tellers(array_agg(round_key), array_agg(audience),
                                       array_agg(teller), array_agg(told), array_agg(heard))
          FROM (SELECT coalesce(s.round_id, 0) AS round_key, a AS audience,
                       stories_teller(s) AS teller, sign * count(*) AS told,
                       sign * count(*) FILTER (WHERE EXISTS (SELECT 1 FROM stories_feedback f
                                                              WHERE f.story_id = s.id)) AS heard
                  FROM unnest(rows) s CROSS JOIN LATERAL unnest(stories_audiences(s)) a
                 GROUP BY 1, 2, 3) deltas;

        -- The collection: round, collector, month.
        INSERT INTO stories_collectioncount AS c (round_id, collector_id, month, total, ready,
                                                 analysis, report, publish, withdrawn, read_back)
        SELECT coalesce(s.round_id, 0), coalesce(s.collected_by_id, 0),
               date_trunc('month', s.collected_on)::date, sign * count(*),
               sign * count(*) FILTER (WHERE s.status = 'ready'),
               sign * count(s.consent_analysis_on), sign * count(s.consent_report_on),
               sign * count(s.consent_publish_on), sign * count(s.withdrawn_at),
               sign * count(s.read_back_on)
          FROM unnest(rows) s
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
        ON CONFLICT (round_id, collector_id, month) DO UPDATE
        SET total = c.total + EXCLUDED.total, ready = c.ready + EXCLUDED.ready,
            analysis = c.analysis + EXCLUDED.analysis, report = c.report + EXCLUDED.report,
            publish = c.publish + EXCLUDED.publish, withdrawn = c.withdrawn + EXCLUDED.withdrawn,
            read_back = c.read_back + EXCLUDED.read_back;
    END
    $$
    """,
    # Stories: one trigger per kind of statement (transition tables allow no other way).
    """
    CREATE FUNCTION stories_story_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM stories_tally_stories(ARRAY(SELECT n::stories_story FROM new_rows n), 1);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION stories_story_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM stories_tally_stories(ARRAY(SELECT o::stories_story FROM old_rows o), -1);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION stories_story_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        changed bigint[];
    BEGIN
        -- Only the rows where something counted changed (an edited text changes nothing).
        SELECT array_agg(o.id) INTO changed
          FROM old_rows o JOIN new_rows n ON n.id = o.id
         WHERE (o.round_id, o.status, o.withdrawn_at, o.consent_analysis_on,
                o.consent_report_on, o.consent_publish_on, o.employment_type,
                o.storyteller_code, o.collected_by_id, o.collected_on, o.read_back_on)
               IS DISTINCT FROM
               (n.round_id, n.status, n.withdrawn_at, n.consent_analysis_on,
                n.consent_report_on, n.consent_publish_on, n.employment_type,
                n.storyteller_code, n.collected_by_id, n.collected_on, n.read_back_on);
        IF changed IS NOT NULL THEN
            PERFORM stories_tally_stories(
                ARRAY(SELECT o::stories_story FROM old_rows o WHERE o.id = ANY (changed)), -1);
            PERFORM stories_tally_stories(
                ARRAY(SELECT n::stories_story FROM new_rows n WHERE n.id = ANY (changed)), 1);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER story_tally_insert AFTER INSERT ON stories_story "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION stories_story_inserted()",
    "CREATE TRIGGER story_tally_update AFTER UPDATE ON stories_story "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION stories_story_updated()",
    "CREATE TRIGGER story_tally_delete AFTER DELETE ON stories_story "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION stories_story_deleted()",
    # Tags: the per-domain rows of the tagged stories, and every pair with at least one
    # tag of the statement in it (counted once, whichever of its two tags is newer).
    """
    CREATE FUNCTION stories_tags_changed(tags stories_story_domains[], sign integer)
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO stories_storycount AS c (round_id, audience, domain_id, employment_type, n)
        SELECT coalesce(s.round_id, 0), a, t.domain_id, s.employment_type, sign * count(*)
          FROM unnest(tags) t
               JOIN stories_story s ON s.id = t.story_id
               CROSS JOIN LATERAL unnest(stories_audiences(s)) a
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (round_id, audience, domain_id, employment_type)
        DO UPDATE SET n = c.n + EXCLUDED.n;

        -- The tags of those stories as they are with the statement's tags in them (after
        -- an insert they are in the table; after a delete they are added back).
        WITH changed AS (
            SELECT story_id, domain_id FROM unnest(tags)
        ), tagged AS (
            SELECT story_id, domain_id FROM stories_story_domains
             WHERE story_id IN (SELECT story_id FROM changed)
            UNION
            SELECT story_id, domain_id FROM changed
        )
        INSERT INTO stories_domainpaircount AS c (round_id, audience, domain_a, domain_b, n)
        SELECT coalesce(s.round_id, 0), a, x.domain_id, y.domain_id, sign * count(*)
          FROM tagged x
               JOIN tagged y ON y.story_id = x.story_id AND x.domain_id < y.domain_id
               JOIN stories_story s ON s.id = x.story_id
               CROSS JOIN LATERAL unnest(stories_audiences(s)) a
         WHERE (x.story_id, x.domain_id) IN (SELECT story_id, domain_id FROM changed)
            OR (y.story_id, y.domain_id) IN (SELECT story_id, domain_id FROM changed)
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (round_id, audience, domain_a, domain_b) DO UPDATE SET n = c.n + EXCLUDED.n;
    END
    $$
    """,
    """
    CREATE FUNCTION stories_tags_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM stories_tags_changed(ARRAY(SELECT n::stories_story_domains FROM new_rows n), 1);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION stories_tags_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM stories_tags_changed(ARRAY(SELECT o::stories_story_domains FROM old_rows o), -1);
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER story_tag_tally_insert AFTER INSERT ON stories_story_domains "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION stories_tags_inserted()",
    "CREATE TRIGGER story_tag_tally_delete AFTER DELETE ON stories_story_domains "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION stories_tags_deleted()",
    # Feedback: a story counts "with feedback" from its first feedback until its last is
    # deleted. `stories` are those whose first feedback came (sign 1) or whose last went
    # (sign -1) in the statement.
    """
    CREATE FUNCTION stories_feedback_changed(stories bigint[], sign integer)
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM stories_add_to_tellers(array_agg(round_key), array_agg(audience),
                                       array_agg(teller), array_agg(0), array_agg(heard))
          FROM (SELECT coalesce(s.round_id, 0) AS round_key, a AS audience,
                       stories_teller(s) AS teller, sign * count(*) AS heard
                  FROM stories_story s CROSS JOIN LATERAL unnest(stories_audiences(s)) a
                 WHERE s.id = ANY (stories)
                 GROUP BY 1, 2, 3) deltas;
    END
    $$
    """,
    """
    CREATE FUNCTION stories_feedback_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- First feedback: all of the story's feedback is new in this statement.
        PERFORM stories_feedback_changed(ARRAY(
            SELECT n.story_id FROM new_rows n GROUP BY n.story_id
            HAVING count(*) = (SELECT count(*) FROM stories_feedback f
                                WHERE f.story_id = n.story_id)), 1);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION stories_feedback_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- Last feedback gone: none of the story's feedback is left.
        PERFORM stories_feedback_changed(ARRAY(
            SELECT DISTINCT o.story_id FROM old_rows o
             WHERE NOT EXISTS (SELECT 1 FROM stories_feedback f WHERE f.story_id = o.story_id)
        ), -1);
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER story_feedback_tally_insert AFTER INSERT ON stories_feedback "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION stories_feedback_inserted()",
    "CREATE TRIGGER story_feedback_tally_delete AFTER DELETE ON stories_feedback "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION stories_feedback_deleted()",
    # What exists already is counted once.
    "SELECT stories_tally_stories(ARRAY(SELECT s FROM stories_story s), 1)",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS story_feedback_tally_delete ON stories_feedback",
    "DROP TRIGGER IF EXISTS story_feedback_tally_insert ON stories_feedback",
    "DROP TRIGGER IF EXISTS story_tag_tally_delete ON stories_story_domains",
    "DROP TRIGGER IF EXISTS story_tag_tally_insert ON stories_story_domains",
    "DROP TRIGGER IF EXISTS story_tally_delete ON stories_story",
    "DROP TRIGGER IF EXISTS story_tally_update ON stories_story",
    "DROP TRIGGER IF EXISTS story_tally_insert ON stories_story",
    "DROP FUNCTION IF EXISTS stories_feedback_deleted()",
    "DROP FUNCTION IF EXISTS stories_feedback_inserted()",
    "DROP FUNCTION IF EXISTS stories_feedback_changed(bigint[], integer)",
    "DROP FUNCTION IF EXISTS stories_tags_deleted()",
    "DROP FUNCTION IF EXISTS stories_tags_inserted()",
    "DROP FUNCTION IF EXISTS stories_tags_changed(stories_story_domains[], integer)",
    "DROP FUNCTION IF EXISTS stories_story_updated()",
    "DROP FUNCTION IF EXISTS stories_story_deleted()",
    "DROP FUNCTION IF EXISTS stories_story_inserted()",
    "DROP FUNCTION IF EXISTS stories_tally_stories(stories_story[], integer)",
    "DROP FUNCTION IF EXISTS stories_add_to_tellers(bigint[], text[], text[], bigint[], bigint[])",
    "DROP FUNCTION IF EXISTS stories_teller(stories_story)",
    "DROP FUNCTION IF EXISTS stories_audiences(stories_story)",
]


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0006_search_document_field"),
    ]

    operations = [
        migrations.CreateModel(
            name="CollectionCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("round_id", models.BigIntegerField()),
                ("collector_id", models.BigIntegerField()),
                ("month", models.DateField()),
                ("total", models.IntegerField(default=0)),
                ("ready", models.IntegerField(default=0)),
                ("analysis", models.IntegerField(default=0)),
                ("report", models.IntegerField(default=0)),
                ("publish", models.IntegerField(default=0)),
                ("withdrawn", models.IntegerField(default=0)),
                ("read_back", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "optælling af indsamlingen",
                "verbose_name_plural": "optællinger af indsamlingen",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round_id", "collector_id", "month"), name="collectioncount_key"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="DomainPairCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("round_id", models.BigIntegerField()),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("all", "alle fortællinger"),
                            ("staff", "klare fortællinger"),
                            ("analysis", "med samtykke til analyse"),
                            ("report", "med samtykke til rapporten"),
                            ("publish", "med samtykke til offentliggørelse"),
                        ],
                        max_length=10,
                    ),
                ),
                ("domain_a", models.BigIntegerField()),
                ("domain_b", models.BigIntegerField()),
                ("n", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "optælling af domænepar",
                "verbose_name_plural": "optællinger af domænepar",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round_id", "audience", "domain_a", "domain_b"),
                        name="domainpaircount_key",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="StoryCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("round_id", models.BigIntegerField()),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("all", "alle fortællinger"),
                            ("staff", "klare fortællinger"),
                            ("analysis", "med samtykke til analyse"),
                            ("report", "med samtykke til rapporten"),
                            ("publish", "med samtykke til offentliggørelse"),
                        ],
                        max_length=10,
                    ),
                ),
                ("domain_id", models.BigIntegerField()),
                ("employment_type", models.CharField(max_length=20)),
                ("n", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "optælling af fortællinger",
                "verbose_name_plural": "optællinger af fortællinger",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round_id", "audience", "domain_id", "employment_type"),
                        name="storycount_key",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="StorytellerCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("round_id", models.BigIntegerField()),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("all", "alle fortællinger"),
                            ("staff", "klare fortællinger"),
                            ("analysis", "med samtykke til analyse"),
                            ("report", "med samtykke til rapporten"),
                            ("publish", "med samtykke til offentliggørelse"),
                        ],
                        max_length=10,
                    ),
                ),
                ("teller", models.CharField(max_length=30)),
                ("stories", models.IntegerField(default=0)),
                ("with_feedback", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "optælling pr. fortæller",
                "verbose_name_plural": "optællinger pr. fortæller",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round_id", "audience", "teller"), name="storytellercount_key"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="StorytellerTotal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("round_id", models.BigIntegerField()),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("all", "alle fortællinger"),
                            ("staff", "klare fortællinger"),
                            ("analysis", "med samtykke til analyse"),
                            ("report", "med samtykke til rapporten"),
                            ("publish", "med samtykke til offentliggørelse"),
                        ],
                        max_length=10,
                    ),
                ),
                ("tellers", models.IntegerField(default=0)),
                ("tellers_heard", models.IntegerField(default=0)),
                ("stories_heard", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "optælling af fortællere",
                "verbose_name_plural": "optællinger af fortællere",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round_id", "audience"), name="storytellertotal_key"
                    )
                ],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
