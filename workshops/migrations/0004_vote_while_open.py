"""A vote can only be stored while its workshop takes votes.

The vote trigger of 0003 already reads the ballot's workshop under a share lock to check
the vote limit. It now also refuses a vote when the workshop is not open; a paper ballot
(entered by the facilitator) may still be added after the vote closed. Closing a
workshop updates its row, so it waits for the votes being stored and no vote slips in
after it. This is what the single-statement first ballot did by hand in Python.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION workshops_vote_within_limit() RETURNS trigger AS $$
    DECLARE
        allowed integer;
        workshop_status varchar;
        paper boolean;
    BEGIN
        SELECT w.votes_per_participant, w.status, b.is_paper
          INTO allowed, workshop_status, paper
          FROM workshops_ballot b
          JOIN workshops_workshop w ON w.id = b.workshop_id
         WHERE b.id = NEW.ballot_id
           FOR SHARE OF w;
        IF workshop_status IS DISTINCT FROM 'open'
           AND NOT (paper AND workshop_status = 'closed') THEN
            RAISE EXCEPTION 'the workshop of ballot % does not take votes now', NEW.ballot_id
                USING ERRCODE = 'check_violation',
                      CONSTRAINT = 'vote_while_workshop_open';
        END IF;
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
]

BACKWARD = [
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
]


class Migration(migrations.Migration):
    dependencies = [("workshops", "0003_postgres_vote_rules")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
