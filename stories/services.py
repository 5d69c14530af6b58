"""Every change to stories, in one place.

Each function takes plain values (the acting user, model instances it works on, dates,
strings), runs in one transaction and writes its audit event. Views parse input with a
form and call one of these; the Django admin calls them too.
"""

import datetime
import secrets

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aktiv import audit

from . import importer
from .erasure import record_erasure
from .models import CollectionRound, Feedback, PendingImport, Story
from .signals import consent_withdrawn, text_changed

# The story fields a person edits (consent and withdrawal have their own rules below).
STORY_FIELDS = (
    "title",
    "text",
    "significance",
    "told_by",
    "storyteller_code",
    "employment_type",
    "round",
    "collected_on",
    "collected_by",
    "method",
    "read_back_on",
    "status",
)

PENDING_IMPORT_LIFETIME = datetime.timedelta(days=1)
ANALYZE_AFTER_ROWS = 1000


class ImportGone(Exception):
    """The staged import was already saved or cancelled (or has expired)."""


class ImportHasProblems(Exception):
    """The staged import has rows with problems: nothing can be saved from it."""


# Stories ------------------------------------------------------------------------------


def _apply_consent(story, consent, user):
    """Set each scope's date (None = not given); who recorded it changes with the date.
    Giving a scope that was withdrawn on its own clears its withdrawal.

    Returns ([(scope, "givet" | "fjernet" | "ny dato")] for the audit log, [lost scopes]).
    """
    changes, lost = [], []
    if story.is_withdrawn:
        return changes, lost  # withdrawal overrides every scope; only a new story has consent
    for scope in Story.CONSENT_SCOPES:
        if scope not in consent:
            continue
        before = getattr(story, f"consent_{scope}_on")
        given_on = consent[scope]
        setattr(story, f"consent_{scope}_on", given_on)
        if given_on is None:
            setattr(story, f"consent_{scope}_by", None)
        elif given_on != before:
            setattr(story, f"consent_{scope}_by", user)
            setattr(story, f"consent_{scope}_withdrawn_at", None)
            setattr(story, f"consent_{scope}_withdrawn_by", None)
        if bool(given_on) != bool(before):
            changes.append((scope, "givet" if given_on else "fjernet"))
            if not given_on:
                lost.append(scope)
        elif given_on and given_on != before:
            changes.append((scope, "ny dato"))
    return changes, lost


# Who gave consent and how: {"giver", "how", "witness_id" (a user's id or None),
# "witness_role"} (the choices of Story.ConsentGiver, ConsentHow and WitnessRole).
CONSENT_DETAIL_FIELDS = {
    "giver": "consent_giver",
    "how": "consent_how",
    "witness_id": "consent_witness_id",
    "witness_role": "consent_witness_role",
}


def _apply_consent_details(story, details):
    """Who gave the consent and how; returns the names of what changed (for the audit)."""
    changed = []
    if details is None or story.is_withdrawn:
        return changed
    for key, field in CONSENT_DETAIL_FIELDS.items():
        value = details.get(key) or (None if key == "witness_id" else "")
        if getattr(story, field) != value:
            setattr(story, field, value)
            changed.append(field.removesuffix("_id"))
    return changed


def _audit_consent(user, story, changes, details_changed=(), removed=None):
    for scope, change in changes:
        extra = removed if change == "fjernet" and removed else {}
        audit.record(user, audit.Action.CONSENT, story, omfang=scope, aendring=change, **extra)
    if details_changed:
        audit.record(user, audit.Action.CONSENT, story, felter=sorted(details_changed))


def _consent_lost(story, user, scopes):
    """Tell the layers above that the story lost `scopes` (stories.signals), in the
    caller's transaction; returns what they removed, for the audit event."""
    detail = {}
    if not scopes:
        return detail
    results = consent_withdrawn.send(sender=Story, story=story, user=user, scopes=tuple(scopes))
    for _receiver, removed in results:
        for key, count in (removed or {}).items():
            if count:
                detail[key] = detail.get(key, 0) + count
    return detail


def create_story(*, user, values, domains, consent=None, consent_details=None):
    """A new story from `values` (STORY_FIELDS), tagged to `domains`, with consent dates
    per scope ({"analysis": date or None, ...}) and who gave it and how
    (`consent_details`, see CONSENT_DETAIL_FIELDS). The collector defaults to `user`."""
    with transaction.atomic():
        story = Story(**{name: values[name] for name in STORY_FIELDS if name in values})
        if story.collected_by_id is None:
            story.collected_by = user
        changes, _lost = _apply_consent(story, consent or {}, user)
        details_changed = _apply_consent_details(story, consent_details)
        story.save()
        story.domains.set(domains)
        audit.record(user, audit.Action.CREATE, story)
        _audit_consent(user, story, changes, details_changed)
    return story


def update_story(story_id, *, user, values, domains, consent=None, consent_details=None):
    """Change a story; only the fields that differ are named in the audit event. A scope
    unticked here is lost as by a withdrawal: the layers above are told (stories.signals)."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story_id)
        changed, old_text = [], story.text
        for name in STORY_FIELDS:
            if name in values and getattr(story, name) != values[name]:
                setattr(story, name, values[name])
                changed.append(name)
        new_domains = {domain.pk for domain in domains}
        if set(story.domains.values_list("pk", flat=True)) != new_domains:
            changed.append("domains")
        changes, lost = _apply_consent(story, consent or {}, user)
        details_changed = _apply_consent_details(story, consent_details)
        story.save()
        story.domains.set(domains)
        if changed:
            audit.record(user, audit.Action.EDIT, story, felter=sorted(changed))
        if "text" in changed:
            text_changed.send(sender=Story, story=story, user=user, old_text=old_text)
        removed = _consent_lost(story, user, lost)
        _audit_consent(user, story, changes, details_changed, removed)
    return story


def tag_story(story_id, *, user, domains, replace=False, source=""):
    """Add `domains` to a story's domains (or, with `replace`, make them its domains), as
    asked from another page (a suggestion accepted, a coding disagreement resolved);
    `source` says which, in the audit event. Returns the story."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story_id)
        before = set(story.domains.values_list("pk", flat=True))
        wanted = {domain.pk for domain in domains}
        after = wanted if replace else before | wanted
        if after != before:
            story.domains.set(after)
            audit.record(
                user,
                audit.Action.EDIT,
                story,
                felter=["domains"],
                kilde=source,
                tilfoejet=sorted(after - before),
                fjernet=sorted(before - after),
            )
    return story


def withdraw_consent(story_id, *, user, scope=None):
    """The storyteller withdraws consent: every scope at once and for good (`scope`
    None), or one scope while the others stay.

    Other apps drop what they built on the lost consent (a workshop's selection of the
    story, whose reason may retell it, goes with analysis consent) through the
    `consent_withdrawn` signal, in the same transaction. Returns the story; a story
    already withdrawn, or without consent to `scope`, is left as it is.
    """
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story_id)
        if story.is_withdrawn:
            return story
        if scope is None:
            story.withdraw(user)
            lost = Story.CONSENT_SCOPES
            detail = {}
        else:
            if scope not in story.given_scopes():
                return story
            story.withdraw_scope(scope, user)
            lost = (scope,)
            detail = {"omfang": scope}
        story.save()
        detail.update(_consent_lost(story, user, lost))
        audit.record(user, audit.Action.WITHDRAW, story, **detail)
    return story


def erase_story(story, *, user):
    """Delete the story for real, with its ledger line and audit event (no content kept).

    May raise ProtectedError (nothing changed). Returns the erased story's id.
    """
    story_id, label = story.pk, story.audit_label()
    with transaction.atomic():
        story.delete()
        record_erasure(story_id, user)
        audit.record(
            user,
            audit.Action.DELETE,
            object_type="stories.story",
            object_id=story_id,
            label=label,
        )
    return story_id


# Import -------------------------------------------------------------------------------


def stage_import(*, user, result):
    """Keep a parsed file (importer.ImportResult) until it is confirmed; returns its token.

    Staged imports older than PENDING_IMPORT_LIFETIME are removed on the way.
    """
    with transaction.atomic():
        PendingImport.objects.filter(
            created_at__lt=timezone.now() - PENDING_IMPORT_LIFETIME
        ).delete()
        pending = PendingImport.objects.create(
            token=secrets.token_urlsafe(32),
            user=user,
            file_format=result.file_format,
            rows=result.rows,
            preview=result.preview,
            counts=result.counts,
        )
    return pending.token


def _pending(token, user):
    pending = (
        PendingImport.objects.select_for_update()
        .filter(
            token=token,
            user=user,
            created_at__gte=timezone.now() - PENDING_IMPORT_LIFETIME,
        )
        .first()
    )
    if pending is None:
        raise ImportGone
    return pending


def import_stories(rows, *, user, file_format, skip_duplicates=False, **detail):
    """Save the checked rows of a problem-free file (importer.parse), all or nothing;
    returns the number saved. `detail` is added to the audit event."""
    with transaction.atomic():
        count = importer.save_rows(rows, user, skip_duplicates=skip_duplicates)
        if count >= ANALYZE_AFTER_ROWS:
            # A large import changes the tables' statistics at once; without them the
            # planner may choose a slow plan for the story list until autovacuum runs.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE stories_story, stories_story_domains")
        audit.record(
            user,
            audit.Action.IMPORT,
            object_type="stories.story",
            label=_("Import af fortællinger"),
            antal=count,
            format=file_format,
            dubletter_sprunget_over=skip_duplicates,
            **detail,
        )
    return count


def confirm_import(token, *, user, skip_duplicates=False):
    """Save every row of a staged, problem-free import; returns the number saved."""
    with transaction.atomic():
        pending = _pending(token, user)
        if pending.has_problems:
            raise ImportHasProblems
        count = import_stories(
            pending.rows,
            user=user,
            file_format=pending.file_format,
            skip_duplicates=skip_duplicates,
        )
        pending.delete()
    return count


def cancel_import(token, *, user):
    with transaction.atomic():
        _pending(token, user).delete()


# Collection rounds --------------------------------------------------------------------


def create_round(*, user, name, starts_on=None, ends_on=None):
    with transaction.atomic():
        round_ = CollectionRound.objects.create(name=name, starts_on=starts_on, ends_on=ends_on)
        audit.record(user, audit.Action.CREATE, round_)
    return round_


def update_round(round_id, *, user, **values):
    with transaction.atomic():
        round_ = CollectionRound.objects.select_for_update().get(pk=round_id)
        changed = sorted(name for name, value in values.items() if getattr(round_, name) != value)
        for name, value in values.items():
            setattr(round_, name, value)
        round_.save()
        audit.record(user, audit.Action.EDIT, round_, felter=changed)
    return round_


# Feedback to storytellers -------------------------------------------------------------


def record_feedback(story, *, user, given_on, how):
    """The storyteller was told what happened to the story (MSC step 6)."""
    with transaction.atomic():
        feedback = Feedback.objects.create(story=story, given_on=given_on, how=how, given_by=user)
        audit.record(user, audit.Action.CREATE, feedback, hvordan=how)
    return feedback
