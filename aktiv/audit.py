"""The audit log: one function to record who did what to which object, and when.

Callers pass the object, never its content: for a story the label is "Fortælling #N",
whatever its title says. `detail` is for small facts (which round was exported, which
consent scope changed), never for text typed by or about a citizen.

Audit events are append-only: the database refuses to change or delete them (aktiv
migration 0004), except `prune_audit` removing entries past their retention
(`pruning()`), and a deleted user's events losing their link to the user.
"""

from contextlib import contextmanager

from django.db import connection, transaction

from .models import AuditEvent

Action = AuditEvent.Action


def object_label(obj):
    """A label that never carries story content."""
    if obj is None:
        return ""
    label = getattr(obj, "audit_label", None)
    if callable(label):
        return label()[:200]
    if label:
        return str(label)[:200]
    return str(obj)[:200]


def changed_fields(obj, values):
    """The sorted names of the fields in `values` whose value differs from `obj`'s: the
    "felter" of an edit's audit event."""
    return sorted(name for name, value in values.items() if getattr(obj, name) != value)


def record(user, action, obj=None, *, object_type=None, object_id=None, label=None, **detail):
    """Write one audit event. `user` is the acting user, or None (a participant, the system)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id if object_id is not None else obj.pk
    return AuditEvent.objects.create(
        user=user,
        username=user.get_username() if user is not None else "",
        action=action,
        object_type=object_type or "",
        object_id="" if object_id is None else str(object_id),
        object_label=label if label is not None else object_label(obj),
        detail=detail,
    )


def record_views(user, objects, **detail):
    """One VIEW event per object a page shows (a list of stories, say), in one insert."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    AuditEvent.objects.bulk_create(
        AuditEvent(
            user=user,
            username=user.get_username() if user is not None else "",
            action=Action.VIEW,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_label=object_label(obj),
            detail=detail,
        )
        for obj in objects
    )


@contextmanager
def pruning():
    """A transaction in which the database lets audit events be deleted (prune_audit)."""
    with transaction.atomic(), connection.cursor() as cursor:
        # A transaction-local setting the audit trigger reads (aktiv migration 0004).
        cursor.execute("SET LOCAL aktiv.prune_audit = 'on'")
        yield
