"""Every change to the change domains: plain values in, one transaction, one audit event."""

from django.db import transaction

from aktiv import audit

from .models import Domain

# The fields a person edits (the form's fields).
DOMAIN_FIELDS = (
    "name",
    "slug",
    "statement",
    "easy_statement",
    "what_changes",
    "what_creates_change",
    "order",
    "is_active",
    "icon",
)


def create_domain(*, user, **values):
    with transaction.atomic():
        domain = Domain.objects.create(**values)
        audit.record(user, audit.Action.CREATE, domain)
    return domain


def update_domain(domain_id, *, user, **values):
    """Change a domain; the audit event names the changed fields and says when a domain
    is retired (no longer on new ballots)."""
    with transaction.atomic():
        domain = Domain.objects.select_for_update().get(pk=domain_id)
        was_active = domain.is_active
        changed = sorted(name for name, value in values.items() if getattr(domain, name) != value)
        for name, value in values.items():
            setattr(domain, name, value)
        domain.save()
        detail = {"felter": changed}
        if was_active and not domain.is_active:
            detail["udfaset"] = True
        audit.record(user, audit.Action.EDIT, domain, **detail)
    return domain
