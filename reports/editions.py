"""Reading report editions: which one a page shows, and what one is built from.

The report, the domain overview and the domain pages show one edition: the one asked
for (?edition=<id>), else the latest published one, else the newest one being prepared.
Each page says which, and offers the others. Without any edition there is no ranking:
nothing picks a workshop behind the reader's back.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models.fields.json import KeyTransform

from aktiv.roles import FACILITATOR, MANAGER, has_role
from stories.models import CollectionRound
from workshops import frozen as frozen_workshops
from workshops import report_selectors
from workshops.models import Workshop

from .models import Edition

# How many editions a choice lists (newest first); an older one is still shown when it
# is asked for by its address.
CHOICES = 20
TEXT_KEYS = ("preface", "preface_closing", "introduction", "method", "closing")


# What the choice and the pages that show an edition read of it: not the frozen copies
# (read where they are used) nor the signer (read by the report of an edition being
# prepared, which names them). Naming the fields is cheaper than deferring the others.
LISTED_FIELDS = (
    "id", "title", "dated", "status", "published_at", "created_at", "signed_by_id",
    "signer_title", "consent_lost", "consent_lost_at", "rebuilt_at", "rebuilt_without",
)  # fmt: skip


def _listed():
    """Editions as pages that show one read them (LISTED_FIELDS), each with the basis it
    froze when it was published (`kept_basis`, a few kB of its frozen_basis; None while
    it is prepared): the page that shows one needs no query of its own for it."""
    return Edition.objects.only(*LISTED_FIELDS).annotate(
        kept_basis=KeyTransform("basis", "frozen_basis")
    )


def listing(limit=CHOICES):
    """Editions for a choice, published ones first, each group newest first (one query):
    the chosen one needs no query of its own."""
    return list(_listed().order_by("-status", "-published_at", "-dated", "-id")[:limit])


def default_of(editions):
    """The latest published edition of the list, else the newest being prepared."""
    published = [e for e in editions if e.is_published]
    if published:
        return max(published, key=lambda e: (e.published_at, e.pk))
    if editions:
        return max(editions, key=lambda e: (e.created_at, e.pk))
    return None


def chosen(raw, editions):
    """(edition or None, asked for one that is not there): `raw` is the ?edition= value;
    an edition not found gives the default one (and the page says so)."""
    if raw not in (None, ""):
        wanted = str(raw)
        found = next((e for e in editions if str(e.pk) == wanted), None)
        if found is None and wanted.isdigit() and len(wanted) < 19:
            found = _listed().filter(pk=int(wanted)).first()
            if found is not None:
                editions.append(found)
        if found is not None:
            return found, False
        return default_of(editions), True
    return default_of(editions), False


@dataclass
class Basis:
    """What an edition is built from, read in a few queries."""

    edition: Edition
    rounds: list
    workshops: list  # those that count: closed, never a rehearsal; date order, with counts
    ranking_workshops: list  # those of `workshops` whose votes rank the domains
    left_out: list = field(default_factory=list)  # in the edition, but open again or a rehearsal
    texts: dict = field(default_factory=dict)  # key -> EditionText
    # A published edition's frozen ballots (the data workshops.selectors.combined_ranking
    # and rankings take); None: read when a ranking is made.
    ranking_data: tuple | None = None


def basis(edition, *, with_texts=True, domains=None):
    """The edition's rounds, workshops (with participant and group counts) and texts
    (five queries; four `with_texts=False`, for pages that show no report text). A
    published edition's basis is the one frozen when it was published (see frozen_basis):
    its texts and up to two queries, none for an edition as listed (`kept_basis`) on a
    page that gives the `domains` it has read."""
    texts = {text.key: text for text in edition.texts.all()} if with_texts else {}
    frozen = _frozen(edition) if edition.is_published else None
    if frozen is not None:
        rounds, workshops, ranking_ids, data = _thawed(frozen, domains)
        left_out = []
    else:
        rounds, workshops, ranking_ids, left_out = _live(edition)
        data = None
    return Basis(
        edition=edition,
        rounds=rounds,
        workshops=workshops,
        ranking_workshops=[w for w in workshops if w.pk in ranking_ids],
        left_out=left_out,
        texts=texts,
        ranking_data=data,
    )


def _live(edition):
    """(rounds, workshops that count, ranking workshop ids, workshops left out) as they
    are now."""
    rounds = list(edition.rounds.order_by("starts_on", "id"))
    through = Edition.workshops.through
    ranking_through = Edition.ranking_workshops.through
    ranking_ids = set(
        ranking_through.objects.filter(edition_id=edition.pk).values_list("workshop_id", flat=True)
    )
    ids = ranking_ids | set(
        through.objects.filter(edition_id=edition.pk).values_list("workshop_id", flat=True)
    )
    counting, left_out = [], []
    for workshop in report_selectors.workshops_with_counts(ids):
        counts = workshop.status == Workshop.Status.CLOSED and not workshop.is_rehearsal
        (counting if counts else left_out).append(workshop)
    return rounds, counting, ranking_ids, left_out


def frozen_basis(basis):
    """What a published edition keeps of its basis, as JSON values: its rounds, which
    workshops rank the domains, and the workshops with their counts and ballots
    (workshops.frozen; `basis.ranking_data` read). Its pages show this, not what the
    workshops hold later."""
    return {
        "rounds": [
            {
                "id": r.pk,
                "name": r.name,
                "starts_on": r.starts_on and r.starts_on.isoformat(),
                "ends_on": r.ends_on and r.ends_on.isoformat(),
            }
            for r in basis.rounds
        ],
        "ranking": [w.pk for w in basis.ranking_workshops],
        **frozen_workshops.freeze(basis.workshops, basis.ranking_data),
    }


def _frozen(edition):
    """The published edition's frozen basis (one query if the edition was read without
    it, not as listed), or None for one published before bases were frozen (reports
    migration 0006 froze those)."""
    if hasattr(edition, "kept_basis"):
        return edition.kept_basis
    if "frozen_basis" in edition.get_deferred_fields():
        stored = Edition.objects.filter(pk=edition.pk).values_list("frozen_basis", flat=True)
        edition.frozen_basis = stored.first() or {}
    return (edition.frozen_basis or {}).get("basis")


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _thawed(frozen, domains=None):
    """(rounds, workshops, ranking workshop ids, ranking data) from frozen_basis' value
    (workshops.frozen.thaw: one query, none with the page's `domains`)."""
    rounds = [
        CollectionRound(
            id=r["id"], name=r["name"], starts_on=_date(r["starts_on"]), ends_on=_date(r["ends_on"])
        )
        for r in frozen["rounds"]
    ]
    workshops, data = frozen_workshops.thaw(frozen, domains)
    return rounds, workshops, set(frozen["ranking"]), data


# --- who may do what -------------------------------------------------------------------------


def may_prepare(user):
    """Make editions and choose what they are built from: facilitators (who often write
    the report) and managers."""
    return has_role(user, FACILITATOR, MANAGER)


def may_edit_texts(user, edition):
    """An edition's texts: the facilitator who prepares it and the manager who signs it,
    while it is being prepared."""
    if edition is None or edition.is_published or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return has_role(user, FACILITATOR) or (
        has_role(user, MANAGER) and edition.signed_by_id == user.pk
    )


def may_publish(user, edition):
    """Publishing is signing: the manager who signs (or an administrator)."""
    if edition is None or edition.is_published or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return has_role(user, MANAGER) and edition.signed_by_id == user.pk


def signer_key(user):
    """What of a reader, besides the roles, changes the tools on a report page: a manager
    may be the one who signs the edition shown (and so edit its texts and publish it),
    so a manager's page is their own; for every other reader, nothing."""
    if user.is_authenticated and not user.is_superuser and has_role(user, MANAGER):
        return user.pk
    return None
