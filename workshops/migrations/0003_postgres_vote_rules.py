"""Database rules Django cannot declare.

1. "At most N votes for *this* workshop": every vote's slot must be <= the workshop's
   votes_per_participant. A trigger on the vote checks it (and takes a share lock on the
   workshop row, so a concurrent change of the limit waits); a second trigger refuses
   lowering a workshop's limit below a slot already in use. Together with the slot
   range check and unique (ballot, slot) / (ballot, domain) this makes "at most N distinct
   domains per ballot" a rule no code path can break, also for two *first* submissions.
2. A ballot's group belongs to the ballot's workshop: a composite foreign key
   (group_id, workshop_id) -> group (id, workshop_id).
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION workshops_vote_within_limit() RETURNS trigger AS $$
    DECLARE
        allowed integer;
    BEGIN
        SELECT w.votes_per_participant INTO allowed
          FROM workshops_ballot b
          JOIN workshops_workshop w ON w.id = b.workshop_id
         WHERE b.id = NEW.ballot_id
           FOR SHARE OF w;
        IF allowed IS NOT NULL AND NEW.slot > allowed THEN
            RAISE EXCEPTION 'vote slot % exceeds the workshop''s limit of % votes',
                NEW.slot, allowed
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'vote_slot_within_workshop_limit';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER vote_slot_within_workshop_limit
        BEFORE INSERT OR UPDATE OF slot, ballot_id ON workshops_vote
        FOR EACH ROW EXECUTE FUNCTION workshops_vote_within_limit()
    """,
    """
    CREATE OR REPLACE FUNCTION workshops_limit_covers_votes() RETURNS trigger AS $$
    BEGIN
        IF NEW.votes_per_participant < OLD.votes_per_participant AND EXISTS (
            SELECT 1
              FROM workshops_vote v
              JOIN workshops_ballot b ON b.id = v.ballot_id
             WHERE b.workshop_id = NEW.id AND v.slot > NEW.votes_per_participant
        ) THEN
            RAISE EXCEPTION 'ballots of workshop % already use more than % votes',
                NEW.id, NEW.votes_per_participant
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'workshop_limit_covers_votes';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER workshop_limit_covers_votes
        BEFORE UPDATE OF votes_per_participant ON workshops_workshop
        FOR EACH ROW EXECUTE FUNCTION workshops_limit_covers_votes()
    """,
    """
    ALTER TABLE workshops_ballot
        ADD CONSTRAINT ballot_group_in_workshop
        FOREIGN KEY (group_id, workshop_id) REFERENCES workshops_group (id, workshop_id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
    """,
]

BACKWARD = [
    "ALTER TABLE workshops_ballot DROP CONSTRAINT IF EXISTS ballot_group_in_workshop",
    "DROP TRIGGER IF EXISTS workshop_limit_covers_votes ON workshops_workshop",
    "DROP FUNCTION IF EXISTS workshops_limit_covers_votes()",
    "DROP TRIGGER IF EXISTS vote_slot_within_workshop_limit ON workshops_vote",
    "DROP FUNCTION IF EXISTS workshops_vote_within_limit()",
]


class Migration(migrations.Migration):
    dependencies = [("workshops", "0002_integrity_and_throttle")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
