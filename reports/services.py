"""Every change to the learning report's texts: plain values in, one transaction, audited."""

from django.db import transaction

from aktiv import audit

from .models import ReportText


def update_text(key, *, user, title, body):
    with transaction.atomic():
        text = ReportText.objects.select_for_update().get(key=key)
        changed = sorted(
            name
            for name, value in (("title", title), ("body", body))
            if getattr(text, name) != value
        )
        text.title, text.body = title, body
        text.save()
        audit.record(user, audit.Action.EDIT, text, felter=changed)
    return text
