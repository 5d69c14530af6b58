from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import ProgrammingError, transaction
from django.utils import timezone

from aktiv import audit
from aktiv.models import AuditEvent

pytestmark = pytest.mark.django_db


def event_aged(days):
    """An event written `days` ago (events cannot be changed afterwards)."""
    event = AuditEvent.objects.create(
        at=timezone.now() - timedelta(days=days),
        action=audit.Action.VIEW,
        object_type="stories.story",
        object_id="1",
    )
    return event.pk


def test_prune_audit_deletes_entries_older_than_the_default_180_days():
    old, edge, recent = event_aged(181), event_aged(179), event_aged(1)
    out = StringIO()
    call_command("prune_audit", stdout=out)
    assert set(AuditEvent.objects.values_list("pk", flat=True)) == {edge, recent}
    assert "Deleted 1 audit entries" in out.getvalue()
    assert old not in AuditEvent.objects.values_list("pk", flat=True)


def test_prune_audit_follows_the_configured_retention(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    event_aged(31)
    keep = event_aged(29)
    call_command("prune_audit", stdout=StringIO())
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [keep]


def test_prune_audit_dry_run_deletes_nothing():
    event_aged(400)
    out = StringIO()
    call_command("prune_audit", "--dry-run", stdout=out)
    assert AuditEvent.objects.count() == 1
    assert "1 audit entries older than 180 days" in out.getvalue()


def test_prune_audit_refuses_a_retention_below_one_day():
    with pytest.raises(CommandError):
        call_command("prune_audit", "--days", "0", stdout=StringIO())


def test_audit_events_cannot_be_changed_or_deleted_outside_prune_audit(staff_user):
    event = audit.record(staff_user, audit.Action.VIEW, object_type="stories.story", object_id=1)
    with pytest.raises(ProgrammingError, match="cannot be changed"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(object_label="ændret")
    with pytest.raises(ProgrammingError, match="cannot be changed"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with audit.pruning():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert not AuditEvent.objects.exists()


def test_deleting_a_user_keeps_their_events_with_the_username(staff_user):
    event = audit.record(staff_user, audit.Action.VIEW, object_type="stories.story", object_id=1)
    staff_user.delete()
    event.refresh_from_db()
    assert event.user_id is None and event.username == "medarbejder"


def test_the_admin_cannot_delete_audit_events(admin_client_):
    event = audit.record(None, audit.Action.VIEW, object_type="stories.story", object_id=1)
    response = admin_client_.post(f"/admin/aktiv/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
