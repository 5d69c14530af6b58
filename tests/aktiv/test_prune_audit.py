from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from aktiv import audit
from aktiv.models import AuditEvent

pytestmark = pytest.mark.django_db


def event_aged(days):
    event = audit.record(None, audit.Action.VIEW, object_type="stories.story", object_id=1)
    AuditEvent.objects.filter(pk=event.pk).update(at=timezone.now() - timedelta(days=days))
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
