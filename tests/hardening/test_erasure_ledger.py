"""Erasure survives a backup restore: ledger, export_erasures, reapply_erasures."""

import datetime
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from aktiv.models import AuditEvent
from stories.erasure import LedgerError, load_ledger
from stories.models import Erasure, Feedback, Story
from tests.factories import make_story

SECRET = "Hemmeligheden om Brødrene i kælderen"


def _erase(client, story):
    return client.post(f"/stories/{story.pk}/erase/", {"confirm": "on"})


@pytest.mark.django_db
def test_erase_writes_ledger_row_without_content_in_same_transaction(staff_client, staff_user):
    story = make_story(title=SECRET, text=SECRET, significance=SECRET)
    Feedback.objects.create(story=story, given_on=datetime.date(2021, 1, 1), how="letter")
    response = _erase(staff_client, story)
    assert response.status_code == 302
    assert not Story.objects.filter(pk=story.pk).exists()
    entry = Erasure.objects.get(story_id=story.pk)
    assert entry.erased_by == staff_user and entry.erased_by_username == "medarbejder"
    # No content of the story anywhere in the ledger row.
    values = " ".join(str(v) for v in Erasure.objects.filter(pk=entry.pk).values().first().values())
    assert "Hemmelig" not in values


@pytest.mark.django_db
def test_failed_erase_writes_no_ledger_row(staff_client, monkeypatch):
    story = make_story()

    def refuse(*args, **kwargs):
        from django.db.models import ProtectedError

        raise ProtectedError("in use", set())

    monkeypatch.setattr(Story, "delete", refuse)
    response = _erase(staff_client, story)
    assert response.status_code == 302
    assert Story.objects.filter(pk=story.pk).exists()
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_reapply_deletes_story_again_and_is_idempotent(staff_user):
    story = make_story(title=SECRET)
    Erasure.objects.create(
        story_id=story.pk, erased_at=timezone.now(), erased_by=staff_user, erased_by_username="x"
    )  # as if a restore brought the story back while the ledger kept its row
    out = io.StringIO()
    call_command("reapply_erasures", stdout=out)
    assert "Deleted again: 1 stories" in out.getvalue()
    assert not Story.objects.filter(pk=story.pk).exists()
    event = AuditEvent.objects.get(action="delete", object_id=str(story.pk))
    assert event.user is None and event.username == ""  # a system action
    assert event.detail == {"grund": "reapply_erasures"}
    assert SECRET not in event.object_label

    out = io.StringIO()
    call_command("reapply_erasures", stdout=out)
    assert "Deleted again: 0 stories" in out.getvalue()
    assert Erasure.objects.count() == 1


@pytest.mark.django_db
def test_reapply_leaves_alone_a_newer_story_that_reuses_an_erased_id(staff_user):
    story = make_story(title="Ny fortælling efter gendannelsen")
    Erasure.objects.create(
        story_id=story.pk,
        erased_at=timezone.now() - datetime.timedelta(days=3),
        erased_by_username="medarbejder",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("reapply_erasures", stdout=out, stderr=err)
    assert Story.objects.filter(pk=story.pk).exists()
    assert "Left alone: 1" in err.getvalue()


@pytest.mark.django_db
def test_reapply_moves_the_id_sequence_past_erased_ids():
    Erasure.objects.create(story_id=987_654, erased_at=timezone.now())
    call_command("reapply_erasures", stdout=io.StringIO())
    assert make_story().pk > 987_654


@pytest.mark.django_db
def test_export_and_load_ledger_round_trip(staff_client, staff_user):
    story = make_story()
    _erase(staff_client, story)
    out = io.StringIO()
    call_command("export_erasures", stdout=out)
    data = json.loads(out.getvalue())
    assert [e["story_id"] for e in data["erasures"]] == [story.pk]
    assert set(data["erasures"][0]) == {"story_id", "erased_at", "erased_by"}
    [(story_id, erased_at, username)] = load_ledger(out.getvalue())
    assert story_id == story.pk and username == "medarbejder"
    assert erased_at == Erasure.objects.get().erased_at


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"format": "other"}',
        '{"format": "aktiv-erasure-ledger", '
        '"erasures": [{"story_id": "x", "erased_at": "2021-01-01T00:00:00+00:00"}]}',
    ],
)
def test_load_ledger_refuses_other_files(text):
    with pytest.raises(LedgerError):
        load_ledger(text)


# A real backup and restore on PostgreSQL ---------------------------------------------


def _pg_tool(name):
    bindir = os.environ.get("AKTIV_PG_BINDIR")
    if bindir and (Path(bindir) / name).exists():
        return str(Path(bindir) / name)
    return shutil.which(name)


def _pg_args():
    s = connection.settings_dict
    args = ["-h", s["HOST"] or "127.0.0.1", "-U", s["USER"] or "postgres", "-d", s["NAME"]]
    if s["PORT"]:
        args += ["-p", str(s["PORT"])]
    return args


def _pg_env():
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


@pytest.mark.django_db(transaction=True)
def test_erasure_survives_restore_of_a_dump_taken_before_it(tmp_path, staff_client):
    pg_dump, pg_restore = _pg_tool("pg_dump"), _pg_tool("pg_restore")
    if not (pg_dump and pg_restore):
        pytest.skip("pg_dump/pg_restore not found (set AKTIV_PG_BINDIR)")

    erased = make_story(title=SECRET, text=SECRET, significance=SECRET)
    kept = make_story(title="Den der bliver")

    # 1. The nightly backup, taken before the erasure.
    dump = tmp_path / "aktiv.dump"
    subprocess.run(
        [pg_dump, "-Fc", "-f", str(dump), *_pg_args()], check=True, env=_pg_env(), timeout=120
    )

    # 2. The citizen asks for erasure; staff erase the story.
    assert _erase(staff_client, erased).status_code == 302
    assert not Story.objects.filter(pk=erased.pk).exists()

    # 3. Operations procedure: export the ledger, then restore the backup.
    ledger = tmp_path / "ledger.json"
    out = io.StringIO()
    call_command("export_erasures", stdout=out)
    ledger.write_text(out.getvalue(), encoding="utf-8")
    connection.close()
    subprocess.run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", *_pg_args(), str(dump)],
        check=True,
        env=_pg_env(),
        timeout=120,
    )
    # The restore brought the story back and emptied the ledger table.
    assert Story.objects.filter(pk=erased.pk, title=SECRET).exists()
    assert not Erasure.objects.exists()

    # 4. Re-apply the erasures from the exported ledger.
    out = io.StringIO()
    call_command("reapply_erasures", "--ledger", str(ledger), stdout=out)
    assert "Deleted again: 1 stories" in out.getvalue()
    assert "1 put back from the file" in out.getvalue()
    assert not Story.objects.filter(pk=erased.pk).exists()
    assert not Story.objects.filter(title=SECRET).exists()
    assert Story.objects.filter(pk=kept.pk).exists()
    assert Erasure.objects.filter(story_id=erased.pk).exists()
    assert AuditEvent.objects.filter(
        action="delete", object_id=str(erased.pk), detail__grund="reapply_erasures"
    ).exists()
    # A story written after the restore cannot take the erased story's id.
    assert make_story().pk > erased.pk

    # Running it again (with or without the file) changes nothing.
    out = io.StringIO()
    call_command("reapply_erasures", "--ledger", str(ledger), stdout=out)
    assert "Deleted again: 0 stories" in out.getvalue()
    assert "0 put back" in out.getvalue()
