"""Erasure of stories, recorded in a ledger that outlives a backup restore.

`stories.services.erase_story` deletes the story for real (no soft delete) and writes an
`Erasure` row (id, when, by whom; never content) in the same transaction. After a restore the
stories the backup still holds are deleted again by `reapply` (the command
`reapply_erasures`); `ledger_entries`/`load_ledger` are the JSON file the operator keeps
outside the database backups (`export_erasures`).
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from aktiv import audit

from .models import Erasure, Story

LEDGER_FORMAT = "aktiv-erasure-ledger"
LEDGER_VERSION = 1


class LedgerError(Exception):
    """The ledger file cannot be read."""


def record_erasure(story_id, user):
    """The ledger line for an erased story (stories.services.erase_story calls this)."""
    Erasure.objects.update_or_create(
        story_id=story_id,
        defaults={
            "erased_at": timezone.now(),
            "erased_by": user,
            "erased_by_username": user.get_username() if user is not None else "",
        },
    )


def ledger_entries():
    """The whole ledger as plain data (for `export_erasures`)."""
    return {
        "format": LEDGER_FORMAT,
        "version": LEDGER_VERSION,
        "exported_at": timezone.now().isoformat(),
        "erasures": [
            {
                "story_id": e.story_id,
                "erased_at": e.erased_at.isoformat(),
                "erased_by": e.erased_by_username,
            }
            for e in Erasure.objects.order_by("erased_at", "story_id")
        ],
    }


def load_ledger(text):
    """Entries [(story_id, erased_at, username)] of an exported ledger file."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise LedgerError(f"The ledger is not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != LEDGER_FORMAT:
        raise LedgerError("This is not an Aktiv erasure ledger (made by export_erasures).")
    entries = []
    for item in data.get("erasures", []):
        try:
            story_id = int(item["story_id"])
            erased_at = parse_datetime(item["erased_at"])
        except (KeyError, TypeError, ValueError) as exc:
            raise LedgerError(f"A ledger entry cannot be read: {item!r}") from exc
        if story_id < 1 or erased_at is None:
            raise LedgerError(f"A ledger entry cannot be read: {item!r}")
        if timezone.is_naive(erased_at):
            erased_at = timezone.make_aware(erased_at, datetime.UTC)
        entries.append((story_id, erased_at, str(item.get("erased_by") or "")[:150]))
    return entries


def reapply(extra_entries=()):
    """Delete again every story in the ledger (database table + `extra_entries` of a file).

    Entries of the file missing from the table are inserted, so the table is whole again.
    A story is only deleted if it was created before its erasure: an id reused after a
    restore (the sequence went back with the backup) belongs to another story. Finally the
    id sequence is moved past every erased id so no new story can take one again.
    Returns counts {"ledger", "restored_entries", "deleted", "skipped_newer"}.
    """
    users = {u.get_username(): u for u in get_user_model().objects.all()}
    counts = {"ledger": 0, "restored_entries": 0, "deleted": 0, "skipped_newer": 0}
    with transaction.atomic():
        known = {e.story_id: e for e in Erasure.objects.select_for_update()}
        for story_id, erased_at, username in extra_entries:
            if story_id in known:
                continue
            known[story_id] = Erasure.objects.create(
                story_id=story_id,
                erased_at=erased_at,
                erased_by=users.get(username),
                erased_by_username=username,
            )
            counts["restored_entries"] += 1
        counts["ledger"] = len(known)
        stories = Story.objects.filter(pk__in=list(known)).only("id", "created_at")
        for story in stories:
            entry = known[story.pk]
            if story.created_at > entry.erased_at:
                counts["skipped_newer"] += 1
                continue
            story_id, label = story.pk, story.audit_label()
            story.delete()
            counts["deleted"] += 1
            audit.record(
                None,
                audit.Action.DELETE,
                object_type="stories.story",
                object_id=story_id,
                label=label,
                grund="reapply_erasures",
            )
        _move_sequence_past(max(known, default=0))
    return counts


def _move_sequence_past(highest_erased_id):
    """Never hand out an erased story's id again (a restore moves the sequence back)."""
    if not highest_erased_id:
        return
    table = Story._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST(%s, COALESCE("
            "pg_sequence_last_value(pg_get_serial_sequence(%s, 'id')::regclass), 1)))",
            [table, highest_erased_id, table],
        )
