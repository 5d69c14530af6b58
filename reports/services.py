"""Every change to the learning report: plain values in, one transaction, audited.

- The standard texts (ReportText), which each new edition starts from.
- Report editions: made, changed and given texts while being prepared; published (a
  frozen copy and a manifest of the stories and consents it used); rebuilt without the
  stories that lost their consent since.
- The organisation's Word template.
"""

from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aktiv import audit
from stories.models import Story
from stories.selectors import audience_condition
from stories.tallies import Audience
from workshops.models import Workshop
from workshops.selectors import ranking_data

from . import editions
from .builder import build_report, domain_snapshot
from .models import Edition, EditionStory, EditionText, ReportText, WordTemplate
from .word import render_docx

FROZEN_LANGUAGE = "da"


class EditionError(Exception):
    """A change the edition cannot take; the message is Danish and shown to the user."""


def update_text(key, *, user, title, body):
    """One of the standard texts new editions start from."""
    with transaction.atomic():
        text = ReportText.objects.select_for_update().get(key=key)
        changed = audit.changed_fields(text, {"title": title, "body": body})
        text.title, text.body = title, body
        text.save()
        audit.record(user, audit.Action.EDIT, text, felter=changed)
    return text


# --- editions ---------------------------------------------------------------------------------


def _check_workshops(rounds, workshops, ranking_workshops):
    """The workshops an edition may use: closed, never a rehearsal, of its rounds; the
    ranking workshops are among them."""
    round_ids = {r.pk for r in rounds}
    for workshop in [*workshops, *ranking_workshops]:
        if workshop.is_rehearsal:
            raise EditionError(
                _("»%(title)s« er en øvelse og kan ikke bruges i en rapport.")
                % {"title": workshop.title}
            )
        if workshop.status != Workshop.Status.CLOSED:
            raise EditionError(
                _("»%(title)s« er ikke lukket. Luk afstemningen først.") % {"title": workshop.title}
            )
        if workshop.round_id not in round_ids:
            raise EditionError(
                _("»%(title)s« hører ikke til udgavens indsamlingsrunder.")
                % {"title": workshop.title}
            )


def _set_basis(edition, rounds, workshops, ranking_workshops):
    _check_workshops(rounds, workshops, ranking_workshops)
    edition.rounds.set(rounds)
    edition.ranking_workshops.set(ranking_workshops)
    edition.workshops.set({w.pk: w for w in [*workshops, *ranking_workshops]}.values())


def create_edition(
    *, user, title, dated, rounds, workshops, ranking_workshops, signed_by, signer_title
):
    """A new edition, with its own copies of the standard texts."""
    with transaction.atomic():
        edition = Edition.objects.create(
            title=title,
            dated=dated,
            signed_by=signed_by,
            signer_title=signer_title,
            created_by=user,
        )
        _set_basis(edition, rounds, workshops, ranking_workshops)
        standard = {t.key: t for t in ReportText.objects.filter(key__in=editions.TEXT_KEYS)}
        EditionText.objects.bulk_create(
            EditionText(
                edition=edition,
                key=key,
                title=standard[key].title if key in standard else "",
                body=standard[key].body if key in standard else "",
            )
            for key in editions.TEXT_KEYS
        )
        audit.record(
            user,
            audit.Action.CREATE,
            edition,
            runder=sorted(r.pk for r in rounds),
            prioritering=sorted(w.pk for w in ranking_workshops),
        )
    return edition


def _draft(edition_id):
    edition = Edition.objects.select_for_update().get(pk=edition_id)
    if edition.is_published:
        raise EditionError(_("Udgaven er udgivet og kan ikke ændres. Lav en ny udgave."))
    return edition


def update_edition(
    edition_id, *, user, title, dated, rounds, workshops, ranking_workshops, signed_by, signer_title
):
    with transaction.atomic():
        edition = _draft(edition_id)
        before = sorted(edition.ranking_workshops.values_list("pk", flat=True))
        edition.title, edition.dated = title, dated
        edition.signed_by, edition.signer_title = signed_by, signer_title
        edition.save()
        _set_basis(edition, rounds, workshops, ranking_workshops)
        after = sorted(w.pk for w in ranking_workshops)
        detail = {"runder": sorted(r.pk for r in rounds)}
        if before != after:
            detail.update(prioritering_foer=before, prioritering=after)
        audit.record(user, audit.Action.EDIT, edition, **detail)
    return edition


def update_edition_text(edition_id, key, *, user, title, body):
    with transaction.atomic():
        edition = _draft(edition_id)
        text = EditionText.objects.select_for_update().get(edition=edition, key=key)
        changed = audit.changed_fields(text, {"title": title, "body": body})
        text.title, text.body = title, body
        text.save()
        audit.record(user, audit.Action.EDIT, edition, tekst=key, felter=changed)
    return text


def _consented_stories(rounds):
    """[(story id, report consent date)] of the rounds' stories with report consent,
    share-locked until the transaction ends: a withdrawal running meanwhile waits, and
    then its trigger (reports migration 0004) sees the manifest written here."""
    rows = Story.objects.filter(audience_condition(Audience.REPORT, rounds)).values_list(
        "pk", "consent_report_on"
    )
    sql, params = rows.order_by("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} FOR SHARE", params)
        return cursor.fetchall()


def _render(edition, story_ids=None, basis=None):
    """The report built and rendered in Danish: (report, html, docx)."""
    with translation.override(FROZEN_LANGUAGE):
        report = build_report(edition, story_ids=story_ids, basis=basis)
        html = render_to_string(
            "reports/_report_body.html", {"report": report, "can_edit_texts": False}
        )
        template = WordTemplate.objects.order_by("-uploaded_at", "-id").first()
        docx = render_docx(report, template.content if template else None)
    return report, html, docx


def publish_edition(edition_id, *, user):
    """Freeze the edition: its HTML and Word file as they are now, and the manifest of
    the stories (with their report consent) it was built from."""
    with transaction.atomic():
        edition = _draft(edition_id)
        if edition.signed_by_id is None:
            raise EditionError(_("Vælg, hvem der underskriver forordet, før udgaven udgives."))
        basis = editions.basis(edition)
        if not basis.rounds:
            raise EditionError(_("Vælg mindst én indsamlingsrunde, før udgaven udgives."))
        if basis.left_out:
            raise EditionError(
                _(
                    "Workshoppen »%(title)s« er åben igen eller en øvelse. Luk den, eller tag "
                    "den ud af udgaven."
                )
                % {"title": basis.left_out[0].title}
            )
        stories = _consented_stories(basis.rounds)
        # The votes read once: the frozen report and the frozen basis its domain pages
        # show cannot differ by a ballot cast in between.
        basis.ranking_data = ranking_data(basis.workshops)
        report, html, docx = _render(edition, basis=basis)
        listed = {story["id"] for s in report.sections for story in s.examples}
        in_full = {selection.story_id for s in report.sections for selection in s.selections}
        EditionStory.objects.bulk_create(
            EditionStory(
                edition=edition,
                story_id=story_id,
                consent_report_on=consent_on,
                listed=story_id in listed,
                in_full=story_id in in_full,
            )
            for story_id, consent_on in stories
        )
        edition.status = Edition.Status.PUBLISHED
        edition.published_at = timezone.now()
        edition.published_by = user
        edition.frozen_html, edition.frozen_docx = html, docx
        edition.frozen_basis = {
            "domains": domain_snapshot(),
            "collected": int(report.values["indsamlede_fortællinger"]),
            "basis": editions.frozen_basis(basis),
        }
        edition.save()
        audit.record(user, audit.Action.PUBLISH, edition, fortaellinger=len(stories))
    return edition


def rebuild_edition(edition_id, *, user):
    """A published edition rebuilt without the stories that lost their consent since:
    its manifest's other stories, its frozen texts and domain texts, the same workshops."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if not edition.is_published:
            raise EditionError(_("Kun en udgivet udgave kan genopbygges."))
        kept = list(
            edition.manifest.filter(lost_at__isnull=True).values_list("story_id", flat=True)
        )
        basis = editions.basis(edition)
        locked = {pk for pk, _on in _consented_stories(basis.rounds)}
        kept = [pk for pk in kept if pk in locked]
        _report, html, docx = _render(edition, story_ids=kept)
        without = edition.consent_lost
        edition.frozen_html, edition.frozen_docx = html, docx
        edition.rebuilt_at = timezone.now()
        edition.rebuilt_without = without
        edition.save(update_fields=["frozen_html", "frozen_docx", "rebuilt_at", "rebuilt_without"])
        audit.record(user, audit.Action.REBUILD, edition, uden=without)
    return edition


# --- the organisation's Word template -------------------------------------------------------


def save_word_template(*, user, name, content):
    """The organisation's Word template; it replaces the one in use."""
    with transaction.atomic():
        WordTemplate.objects.all().delete()
        template = WordTemplate.objects.create(name=name, content=content, uploaded_by=user)
        audit.record(user, audit.Action.CREATE, template, filnavn=name, bytes=len(content))
    return template


def remove_word_template(*, user):
    with transaction.atomic():
        for template in WordTemplate.objects.all():
            audit.record(user, audit.Action.DELETE, template, filnavn=template.name)
            template.delete()
