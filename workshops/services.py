"""Workshop rules and every change to workshop data, in one place.

Join codes, participant tokens and tickets, throttling, and the writes: each write takes
plain values (the acting user, the objects it works on, cleaned values), runs in one
transaction and writes its audit event. Views parse input and call these; the
participant's pages and the facilitator's console both cast ballots through
`cast_ballot`.
"""

import hashlib
import hmac
import random
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aktiv import audit
from aktiv.clients import client_address as client_address_of

from .models import (
    AnalysisNote,
    Ballot,
    Group,
    JoinAttempt,
    NewBallotMark,
    Quote,
    Selection,
    Vote,
    Workshop,
)

# Join codes: no look-alikes (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
DEMO_CODE = "GRUPPE"

# Participant token: a random token in a signed cookie; the server stores only a hash.
TOKEN_COOKIE = "aktiv_deltager"  # noqa: S105 - a cookie name
TOKEN_SALT = "workshops.participant-token"  # noqa: S105 - a signing namespace
TICKET_SALT = "workshops.ballot-ticket"
TICKET_MAX_AGE = 6 * 60 * 60
TOKEN_COOKIE_AGE = 30 * 24 * 60 * 60

# Throttling of failed joins, per client address, counted in the database.
JOIN_FAILURE_LIMIT = 10
JOIN_FAILURE_WINDOW = timedelta(minutes=10)
PRUNE_PROBABILITY = 0.05


# New participant ballots per address and workshop per minute. A room of 30 on one Wi-Fi
# (one address) casts at most 30 new ballots in all; a script that clears its cookie to
# vote again meets this at once. Changing a ballot is never limited.
NEW_BALLOTS_PER_MINUTE = 40
NEW_BALLOT_WINDOW = timedelta(minutes=1)


class VoteRefused(Exception):
    """A ballot that must not be stored; the message is shown to the participant."""


class TooManyNewBallots(VoteRefused):
    """The address cast NEW_BALLOTS_PER_MINUTE new ballots in the last minute."""


class ResultsLocked(Exception):
    """The workshop's result is locked: its ballots do not change any more."""


# --- join codes -------------------------------------------------------------------


def new_code(length=CODE_LENGTH):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(raw):
    """Upper case without spaces or dashes; None when it cannot be a code."""
    code = "".join((raw or "").split()).replace("-", "").upper()
    if not 6 <= len(code) <= 8 or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


# --- participant tokens -------------------------------------------------------------


def new_token():
    return secrets.token_urlsafe(32)


def sign_token(token):
    return signing.Signer(salt=TOKEN_SALT).sign(token)


def read_token(request):
    """The participant's token from the cookie, or None if missing or forged."""
    value = request.COOKIES.get(TOKEN_COOKIE)
    if not value:
        return None
    try:
        return signing.Signer(salt=TOKEN_SALT).unsign(value)
    except signing.BadSignature:
        return None


def has_forged_token(request):
    return bool(request.COOKIES.get(TOKEN_COOKIE)) and read_token(request) is None


def set_token_cookie(response, token):
    response.set_cookie(
        TOKEN_COOKIE,
        sign_token(token),
        max_age=TOKEN_COOKIE_AGE,
        path="/w/",
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def token_hash(workshop, token):
    """What the server stores: a hash of the token, bound to the workshop."""
    return hashlib.sha256(f"{workshop.pk}:{token}".encode()).hexdigest()


def paper_token():
    return "paper-" + hashlib.sha256(secrets.token_bytes(32)).hexdigest()[:58]


def make_ticket(workshop, hashed, group, slugs):
    return signing.dumps(
        {"w": workshop.pk, "h": hashed[:24], "g": group.number, "d": sorted(slugs)},
        salt=TICKET_SALT,
        compress=True,
    )


def read_ticket(workshop, hashed, ticket):
    """(group number, slugs) from a confirmation ticket; VoteRefused if replayed/forged."""
    try:
        data = signing.loads(ticket or "", salt=TICKET_SALT, max_age=TICKET_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise VoteRefused(_("Siden var åben for længe. Vælg igen.")) from exc
    except signing.BadSignature as exc:
        raise VoteRefused(_("Vi kunne ikke læse din stemmeseddel. Vælg igen.")) from exc
    if data.get("w") != workshop.pk or data.get("h") != hashed[:24]:
        raise VoteRefused(_("Vi kunne ikke læse din stemmeseddel. Vælg igen."))
    return data["g"], list(data["d"])


# --- throttling ---------------------------------------------------------------------


def client_address(request):
    return (client_address_of(request) or "unknown")[:45]


def is_throttled(request):
    since = timezone.now() - JOIN_FAILURE_WINDOW
    return (
        JoinAttempt.objects.filter(address=client_address(request), at__gte=since).count()
        >= JOIN_FAILURE_LIMIT
    )


def record_failed_join(request):
    JoinAttempt.objects.create(address=client_address(request))
    if random.random() < PRUNE_PROBABILITY:  # noqa: S311 - not security relevant
        JoinAttempt.objects.filter(at__lt=timezone.now() - JOIN_FAILURE_WINDOW).delete()


# --- casting ballots ----------------------------------------------------------------


def validate_choices(workshop, domains_on_ballot, slugs):
    """The chosen Domain objects in ballot order; VoteRefused with a friendly reason."""
    if not slugs:
        raise VoteRefused(_("Vælg mindst ét område."))
    if len(set(slugs)) != len(slugs):
        raise VoteRefused(_("Du har valgt det samme område to gange. Vælg igen."))
    limit = workshop.votes_per_participant
    if len(slugs) > limit:
        raise VoteRefused(
            _("Du må højst vælge %(n)s. Du har valgt %(k)s. Fjern et flueben.")
            % {"n": limit, "k": len(slugs)}
        )
    by_slug = {d.slug: d for d in domains_on_ballot}
    if any(slug not in by_slug for slug in slugs):
        raise VoteRefused(_("Et af områderne er ikke på stemmesedlen. Vælg igen."))
    chosen = set(slugs)
    return [d for d in domains_on_ballot if d.slug in chosen]


# The database refuses a vote in a workshop that is not open (a paper ballot also when
# closed), and a vote beyond the workshop's limit (trigger of workshops 0003/0004).
VOTE_CLOSED_CONSTRAINT = "vote_while_workshop_open"


def _refusal(error):
    """The participant's message for an IntegrityError raised by the vote rules."""
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    if constraint == VOTE_CLOSED_CONSTRAINT:
        return VoteRefused(_("Afstemningen er lukket. Din stemme er ikke gemt."))
    return VoteRefused(_("Din stemme kunne ikke gemmes. Prøv igen."))


def address_hash(address):
    """A keyed hash of a client address (never stored in the clear beside ballots)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"new-ballot:{address}".encode(), hashlib.sha256).hexdigest()


def _limit_new_ballots(workshop, address):
    """Count this new ballot for `address`; TooManyNewBallots when over the limit.

    Runs inside cast_ballot's transaction, so a refused ballot leaves nothing behind.
    """
    now = timezone.now()
    table = NewBallotMark._meta.db_table
    # One statement: count this address's new ballots in the window and add this one
    # only while under the limit (a confirmation stays a handful of queries).
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH recent AS (
                SELECT count(*) AS n FROM {table}
                WHERE workshop_id = %(w)s AND address_hash = %(h)s AND at >= %(since)s
            ), added AS (
                INSERT INTO {table} (workshop_id, address_hash, at)
                SELECT %(w)s, %(h)s, %(now)s FROM recent WHERE n < %(limit)s
                RETURNING 1
            ), pruned AS (
                DELETE FROM {table} WHERE at < %(old)s
            )
            SELECT count(*) FROM added
            """,  # noqa: S608 - the table name is the model's, the values are parameters
            {
                "w": workshop.pk,
                "h": address_hash(address),
                "since": now - NEW_BALLOT_WINDOW,
                "now": now,
                "limit": NEW_BALLOTS_PER_MINUTE,
                "old": now - 5 * NEW_BALLOT_WINDOW,  # marks are kept five minutes at most
            },
        )
        added = cursor.fetchone()[0]
    if not added:
        raise TooManyNewBallots(
            _(
                "Der er kommet mange nye stemmesedler fra dette netværk på kort tid. "
                "Vent et minut, og tryk så på »Send« igen. Dine valg står stadig på siden."
            )
        )


def cast_ballot(workshop, group, domains, *, token, paper=False, entered_by=None, address=None):
    """Store (or replace, whole) the ballot identified by `token` (already hashed).

    `domains` come from validate_choices. The database enforces the rest: the workshop
    is open (or closed, for paper), at most N slots, each domain once, the group in the
    workshop. Concurrent submissions of the same token serialise on the ballot row; the
    last one wins. A new ballot from a participant's `address` counts against
    NEW_BALLOTS_PER_MINUTE (TooManyNewBallots). Returns (ballot, created).
    """
    if group.workshop_id != workshop.pk:
        raise VoteRefused(_("Den gruppe findes ikke i denne workshop. Vælg din gruppe igen."))
    if not domains:
        raise VoteRefused(_("Vælg mindst ét område."))
    new = Ballot(workshop=workshop, group=group, token=token, is_paper=paper, entered_by=entered_by)
    try:
        with transaction.atomic():
            # Insert the ballot unless the token has one (ON CONFLICT DO NOTHING), then
            # lock whichever is stored: concurrent submissions of one token serialise here.
            Ballot.objects.bulk_create([new], ignore_conflicts=True)
            ballot = Ballot.objects.select_for_update().get(token=token)
            created = ballot.created_at == new.created_at  # this request's own insert
            if created and address is not None and not paper:
                _limit_new_ballots(workshop, address)
            if not created:
                if ballot.workshop_id != workshop.pk:
                    raise VoteRefused(_("Vi kunne ikke genkende din stemmeseddel. Start forfra."))
                if ballot.deleted_at is not None:
                    raise VoteRefused(
                        _(
                            "Din stemmeseddel er taget ud af afstemningen. Spørg den, der "
                            "styrer workshoppen."
                        )
                    )
                Vote.objects.filter(ballot=ballot).delete()
                ballot.group = group
                ballot.save(update_fields=["group", "updated_at"])
            Vote.objects.bulk_create(
                Vote(ballot=ballot, slot=slot, domain=domain)
                for slot, domain in enumerate(domains, start=1)
            )
            audit.record(
                entered_by,
                audit.Action.PAPER_BALLOT if paper else audit.Action.VOTE,
                ballot,
                workshop=workshop.pk,
                aendret=not created,
            )
    except IntegrityError as error:
        raise _refusal(error) from error
    return ballot, created


def _unlocked_workshop(workshop_id):
    """The workshop row, locked for this transaction; ResultsLocked if its result is."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop_id)
    if workshop.is_locked:
        raise ResultsLocked
    return workshop


def delete_ballot(ballot, *, user):
    """Take a ballot out of every count at once; it can be restored until the workshop's
    result is locked (ResultsLocked after that). A deleted ballot is left as it is."""
    with transaction.atomic():
        _unlocked_workshop(ballot.workshop_id)
        changed = Ballot.objects.filter(pk=ballot.pk, deleted_at__isnull=True).update(
            deleted_at=timezone.now(), deleted_by=user
        )
        if changed:
            audit.record(
                user,
                audit.Action.DELETE,
                ballot,
                workshop=ballot.workshop_id,
                papir=ballot.is_paper,
            )
    return bool(changed)


def restore_ballot(ballot, *, user):
    """Count a deleted ballot again (ResultsLocked once the result is locked)."""
    with transaction.atomic():
        _unlocked_workshop(ballot.workshop_id)
        changed = Ballot.objects.filter(pk=ballot.pk, deleted_at__isnull=False).update(
            deleted_at=None, deleted_by=None
        )
        if changed:
            audit.record(user, audit.Action.RESTORE, ballot, workshop=ballot.workshop_id)
    return bool(changed)


def lock_results(workshop, *, user):
    """Lock a closed workshop's result: deleted ballots go for good, no paper ballot is
    added and the vote is not reopened. Returns the number of deleted ballots removed."""
    with transaction.atomic():
        workshop = _unlocked_workshop(workshop.pk)
        if workshop.status != Workshop.Status.CLOSED:
            raise VoteRefused(_("Luk afstemningen, før resultatet låses."))
        _total, by_model = Ballot.objects.filter(
            workshop=workshop, deleted_at__isnull=False
        ).delete()
        removed = by_model.get(Ballot._meta.label, 0)
        workshop.results_locked_at = timezone.now()
        workshop.results_locked_by = user
        workshop.save(update_fields=["results_locked_at", "results_locked_by"])
        audit.record(user, audit.Action.LOCK, workshop, slettede_stemmesedler_fjernet=removed)
    return removed


# --- workshops ---------------------------------------------------------------------------


def _sync_groups(workshop, count):
    """Groups 1..count: missing ones are made ("Gruppe n"), those above count removed."""
    existing = set(workshop.groups.values_list("number", flat=True))
    Group.objects.bulk_create(
        Group(workshop=workshop, number=n, name=_("Gruppe %(n)s") % {"n": n})
        for n in range(1, count + 1)
        if n not in existing
    )
    Group.objects.filter(workshop=workshop, number__gt=count).delete()


def create_workshop(*, user, domains, group_count, **values):
    """A draft workshop run by `user`, with its ballot's domains and numbered groups."""
    with transaction.atomic():
        workshop = Workshop.objects.create(facilitator=user, **values)
        workshop.domains.set(domains)
        _sync_groups(workshop, group_count)
        audit.record(user, audit.Action.CREATE, workshop)
    return workshop


def update_workshop(workshop_id, *, user, domains, group_count, **values):
    """May raise IntegrityError when the change contradicts ballots already cast."""
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop_id)
        changed = sorted(name for name, value in values.items() if getattr(workshop, name) != value)
        for name, value in values.items():
            setattr(workshop, name, value)
        workshop.save()
        if set(workshop.domains.values_list("pk", flat=True)) != {d.pk for d in domains}:
            changed.append("domains")
        workshop.domains.set(domains)
        if workshop.groups.count() != group_count:
            changed.append("group_count")
        _sync_groups(workshop, group_count)
        audit.record(user, audit.Action.EDIT, workshop, felter=sorted(changed))
    return workshop


def rename_groups(workshop, *, user, names):
    """names: {group number: new name}; unchanged names are left alone."""
    with transaction.atomic():
        groups = list(workshop.groups.select_for_update().order_by("number"))
        changed = [g for g in groups if g.number in names and names[g.number] != g.name]
        for group in changed:
            group.name = names[group.number]
        Group.objects.bulk_update(changed, ["name"])
        if changed:
            audit.record(user, audit.Action.EDIT, workshop, grupper=[g.number for g in changed])
    return changed


def open_workshop(workshop, *, user, code=None):
    """Open voting with a join code unique among open workshops (retries on a clash).
    A workshop whose result is locked is not reopened (ResultsLocked)."""
    reopening = workshop.status == Workshop.Status.CLOSED
    for _attempt in range(20):
        candidate = code or workshop.join_code or new_code()
        try:
            with transaction.atomic():
                opened = Workshop.objects.filter(
                    pk=workshop.pk, results_locked_at__isnull=True
                ).update(
                    status=Workshop.Status.OPEN,
                    join_code=candidate,
                    opened_at=workshop.opened_at or timezone.now(),
                    closed_at=None,
                )
                if not opened:
                    raise ResultsLocked
                workshop.refresh_from_db()
                action = audit.Action.REOPEN if reopening else audit.Action.OPEN
                audit.record(user, action, workshop, kode=workshop.join_code)
        except IntegrityError:
            workshop.join_code = ""
            code = None
            continue
        return workshop
    raise RuntimeError("no free join code")  # pragma: no cover - 31^6 codes


def close_workshop(workshop, *, user):
    """Close voting. Waits for ballots being stored (they share-lock the workshop row)."""
    with transaction.atomic():
        Workshop.objects.filter(pk=workshop.pk).update(
            status=Workshop.Status.CLOSED, closed_at=timezone.now()
        )
        workshop.refresh_from_db()
        audit.record(user, audit.Action.CLOSE, workshop)
    return workshop


def set_joining_locked(workshop, *, user, locked):
    with transaction.atomic():
        Workshop.objects.filter(pk=workshop.pk).update(joining_locked=locked)
        workshop.joining_locked = locked
        audit.record(user, audit.Action.EDIT, workshop, lukket_for_nye=locked)
    return workshop


# --- quotes and selections ------------------------------------------------------------


def _quote_label(quote):
    return f"Citat #{quote.pk}"


def add_quote(workshop, *, user, group, domain, kind, text):
    with transaction.atomic():
        quote = Quote.objects.create(
            workshop=workshop, group=group, domain=domain, kind=kind, text=text, created_by=user
        )
        audit.record(user, audit.Action.CREATE, quote, label=_quote_label(quote))
    return quote


def update_quote(quote_id, *, user, **values):
    with transaction.atomic():
        quote = Quote.objects.select_for_update().get(pk=quote_id)
        for name, value in values.items():
            setattr(quote, name, value)
        quote.save()
        audit.record(user, audit.Action.EDIT, quote, label=_quote_label(quote))
    return quote


def delete_quote(quote, *, user):
    with transaction.atomic():
        audit.record(user, audit.Action.DELETE, quote, label=_quote_label(quote))
        quote.delete()


def add_analysis_note(workshop, *, user, group, domain, question, text):
    """A group's answer to one of the two analysis questions about a domain."""
    with transaction.atomic():
        note = AnalysisNote.objects.create(
            workshop=workshop,
            group=group,
            domain=domain,
            question=question,
            text=text,
            created_by=user,
        )
        audit.record(user, audit.Action.CREATE, note, domaene=domain.pk, spoergsmaal=question)
    return note


def update_analysis_note(note_id, *, user, **values):
    with transaction.atomic():
        note = AnalysisNote.objects.select_for_update().get(pk=note_id)
        changed = audit.changed_fields(note, values)
        for name, value in values.items():
            setattr(note, name, value)
        note.save()
        audit.record(user, audit.Action.EDIT, note, felter=changed)
    return note


def delete_analysis_note(note, *, user):
    with transaction.atomic():
        audit.record(user, audit.Action.DELETE, note)
        note.delete()


def save_selection(workshop, domain, *, user, story, reason, dissent=""):
    """The workshop's most significant story for the domain, with the reason (one per
    domain: a second choice replaces the first)."""
    with transaction.atomic():
        selection, created = Selection.objects.select_for_update().get_or_create(
            workshop=workshop,
            domain=domain,
            defaults={"story": story, "reason": reason, "dissent": dissent, "created_by": user},
        )
        if not created:
            selection.story, selection.reason, selection.dissent = story, reason, dissent
            selection.save()
        audit.record(
            user,
            audit.Action.CREATE if created else audit.Action.EDIT,
            selection,
            label=f"Udvælgelse: {domain.name}",
            fortaelling=story.pk,
        )
    return selection


def delete_selection(selection, *, user):
    with transaction.atomic():
        audit.record(user, audit.Action.DELETE, selection, label=f"Udvælgelse: {selection.domain}")
        selection.delete()


def forget_withdrawn_story(sender, story, scopes=("analysis",), **kwargs):
    """A story that lost analysis consent is in no workshop's selection any more (its
    reason may retell the story); the workshop can choose another. A story that lost only
    report or publish consent stays. Connected to stories' consent_withdrawn."""
    if "analysis" not in scopes:
        return {}
    removed, _by_model = Selection.objects.filter(story=story).delete()
    return {"udvalg_fjernet": removed}
