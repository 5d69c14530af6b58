"""A published report edition is marked when a story it was built from loses its consent.

Why in the database: consent is lost in many ways (the storyteller withdraws, one scope
is withdrawn, the story is erased, a backup's erasures are re-applied, an operator runs
an UPDATE), and a published edition must never go on being handed out with the story in
it. A statement-level trigger on stories_story sees every such write, whatever code path
made it, in the same transaction.

The rule: a story in an edition's manifest (reports_editionstory) that no longer has
the audience "report" (stories_audiences(), the one consent rule of stories migration
0007) or no longer exists gets `lost_at`, and its edition's `consent_lost` goes up by
one (and `consent_lost_at` is set the first time). reports.models.Edition.is_stale then
holds until the edition is rebuilt without those stories (reports.services).
"""

from django.db import migrations

FORWARD = [
    """
    CREATE FUNCTION reports_mark_editions(lost_ids bigint[]) RETURNS void
    LANGUAGE sql AS $$
        WITH lost AS (
            UPDATE reports_editionstory es SET lost_at = now()
             WHERE es.story_id = ANY(lost_ids) AND es.lost_at IS NULL
            RETURNING es.edition_id
        ), per_edition AS (
            SELECT edition_id, count(*) AS n FROM lost GROUP BY edition_id
        )
        UPDATE reports_edition e
           SET consent_lost = e.consent_lost + p.n,
               consent_lost_at = coalesce(e.consent_lost_at, now())
          FROM per_edition p
         WHERE e.id = p.edition_id
    $$
    """,
    """
    CREATE FUNCTION reports_story_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM reports_mark_editions(ARRAY(
            SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE 'report' = ANY(stories_audiences(o))
               AND NOT 'report' = ANY(stories_audiences(n))
               AND EXISTS (SELECT 1 FROM reports_editionstory es WHERE es.story_id = o.id)
        ));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION reports_story_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM reports_mark_editions(ARRAY(
            SELECT o.id FROM old_rows o
             WHERE EXISTS (SELECT 1 FROM reports_editionstory es WHERE es.story_id = o.id)
        ));
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER reports_edition_story_updated AFTER UPDATE ON stories_story "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION reports_story_updated()",
    "CREATE TRIGGER reports_edition_story_deleted AFTER DELETE ON stories_story "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION reports_story_deleted()",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS reports_edition_story_deleted ON stories_story",
    "DROP TRIGGER IF EXISTS reports_edition_story_updated ON stories_story",
    "DROP FUNCTION IF EXISTS reports_story_deleted()",
    "DROP FUNCTION IF EXISTS reports_story_updated()",
    "DROP FUNCTION IF EXISTS reports_mark_editions(bigint[])",
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_report_editions"),
        ("stories", "0007_tallies"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
