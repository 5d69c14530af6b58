"""Workshop rules in one place: join codes, participant tokens, throttling, casting ballots."""

import contextlib
import hashlib
import random
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aktiv import lookups
from domains.models import Domain

from .models import Ballot, Group, JoinAttempt, Vote, Workshop

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


class VoteRefused(Exception):
    """A ballot that must not be stored; the message is shown to the participant."""


# --- join codes -------------------------------------------------------------------


def new_code(length=CODE_LENGTH):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(raw):
    """Upper case without spaces or dashes; None when it cannot be a code."""
    code = "".join((raw or "").split()).replace("-", "").upper()
    if not 6 <= len(code) <= 8 or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def open_workshop(workshop, *, code=None):
    """Open voting with a join code unique among open workshops (retries on a clash)."""
    for _attempt in range(20):
        candidate = code or workshop.join_code or new_code()
        try:
            with transaction.atomic():
                updated = Workshop.objects.filter(pk=workshop.pk).update(
                    status=Workshop.Status.OPEN,
                    join_code=candidate,
                    opened_at=workshop.opened_at or timezone.now(),
                    closed_at=None,
                )
        except IntegrityError:
            workshop.join_code = ""
            code = None
            continue
        if updated:
            workshop.refresh_from_db()
        return workshop
    raise RuntimeError("no free join code")  # pragma: no cover - 31^6 codes


def close_workshop(workshop):
    Workshop.objects.filter(pk=workshop.pk).update(
        status=Workshop.Status.CLOSED, closed_at=timezone.now()
    )
    workshop.refresh_from_db()
    return workshop


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
    return (request.META.get("REMOTE_ADDR") or "unknown")[:45]


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


def _lock_workshop_if_open(workshop, *, allow_closed):
    """Re-read the status under a share lock so that closing waits for votes in flight."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT status FROM workshops_workshop WHERE id = %s FOR SHARE", [workshop.pk]
            )
            row = cursor.fetchone()
        status = row[0] if row else None
    else:
        status = Workshop.objects.filter(pk=workshop.pk).values_list("status", flat=True).first()
    if status not in _allowed_statuses(allow_closed):
        raise VoteRefused(_("Afstemningen er lukket. Din stemme er ikke gemt."))


# A first submission in one statement: share-lock the workshop if its status allows
# votes (closing waits for it), insert the ballot unless the token has one, insert its
# votes. The votes' trigger (workshops 0003) sees the new ballot and still enforces the
# vote limit. Answers (workshop open?, new ballot id or NULL).
FIRST_SUBMISSION_SQL = """
    WITH open_workshop AS (
        SELECT id FROM workshops_workshop WHERE id = %s AND status = ANY(%s) FOR SHARE
    ), new_ballot AS (
        INSERT INTO workshops_ballot
            (workshop_id, group_id, token, is_paper, entered_by_id, created_at, updated_at)
        SELECT open_workshop.id, %s, %s, %s, %s, %s, %s FROM open_workshop
        ON CONFLICT (token) DO NOTHING
        RETURNING id
    ), new_votes AS (
        INSERT INTO workshops_vote (ballot_id, slot, domain_id)
        SELECT new_ballot.id, v.slot, v.domain_id
        FROM new_ballot, unnest(%s::smallint[], %s::bigint[]) AS v(slot, domain_id)
        RETURNING ballot_id
    )
    SELECT EXISTS (SELECT 1 FROM open_workshop), (SELECT min(ballot_id) FROM new_votes)
"""


def _allowed_statuses(paper):
    allowed = [Workshop.Status.OPEN.value]
    return allowed + [Workshop.Status.CLOSED.value] if paper else allowed


def _first_submission(workshop, group, domains, token, paper, entered_by):
    """The new ballot, or None when the token already has one (PostgreSQL only).

    One statement, so outside a transaction it needs no BEGIN/COMMIT of its own; inside
    one it runs in a savepoint, as cast_ballot always did.
    """
    now = timezone.now()
    params = [
        workshop.pk,
        _allowed_statuses(paper),
        group.pk,
        token,
        paper,
        getattr(entered_by, "pk", None),
        now,
        now,
        list(range(1, len(domains) + 1)),
        [domain.pk for domain in domains],
    ]
    block = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with block, connection.cursor() as cursor:
        cursor.execute(FIRST_SUBMISSION_SQL, params)
        is_open, ballot_id = cursor.fetchone()
    if not is_open:
        raise VoteRefused(_("Afstemningen er lukket. Din stemme er ikke gemt."))
    if ballot_id is None:
        return None
    fields = {"workshop": workshop, "group": group, "is_paper": paper, "entered_by": entered_by}
    ballot = Ballot(id=ballot_id, token=token, created_at=now, updated_at=now, **fields)
    ballot._state.adding = False
    ballot._state.db = connection.alias
    return ballot


def cast_ballot(workshop, group, domains, *, token, paper=False, entered_by=None):
    """Store (or atomically replace) the ballot identified by `token` (already hashed).

    `domains` must come from validate_choices. The database enforces the rest: at most
    N slots, each domain once, the group in the workshop. Concurrent submissions of the
    same token serialise on the ballot row; the last one wins, whole.
    """
    if group.workshop_id != workshop.pk:
        raise VoteRefused(_("Den gruppe findes ikke i denne workshop. Vælg din gruppe igen."))
    if not domains:
        raise VoteRefused(_("Vælg mindst ét område."))
    if connection.vendor == "postgresql":
        ballot = _first_submission(workshop, group, domains, token, paper, entered_by)
        if ballot is not None:
            return ballot, True
    with transaction.atomic():  # a changed choice (or any choice, off PostgreSQL)
        _lock_workshop_if_open(workshop, allow_closed=paper)
        ballot, created = Ballot.objects.get_or_create(
            token=token,
            defaults={
                "workshop": workshop,
                "group": group,
                "is_paper": paper,
                "entered_by": entered_by,
            },
        )
        if not created:
            ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
            if ballot.workshop_id != workshop.pk:
                raise VoteRefused(_("Vi kunne ikke genkende din stemmeseddel. Start forfra."))
            if ballot.group_id != group.pk:
                ballot.group = group
            ballot.save(update_fields=["group", "updated_at"])
            Vote.objects.filter(ballot=ballot).delete()
        _insert_votes(ballot, domains)
    return ballot, created


def ballot_for(workshop, token):
    """The participant's ballot with its chosen domains (2 queries), or None."""
    if not token:
        return None
    ballot = (
        Ballot.objects.filter(workshop=workshop, token=token_hash(workshop, token))
        .select_related("group")
        .prefetch_related("votes__domain")
        .first()
    )
    return ballot


# --- the participant flow's lookups -----------------------------------------------------
# A room full of tablets hits these at once. They are fixed SQL statements (psycopg
# prepares each after a few runs on a connection) rather than ORM queries: on a small
# server, building an ORM query costs several times running it.

OPEN_WORKSHOP_SQL = (
    "SELECT {columns} FROM workshops_workshop WHERE join_code = %s AND status = %s "
    "ORDER BY id DESC LIMIT 1"
)
GROUP_SQL = "SELECT {columns} FROM workshops_group WHERE workshop_id = %s AND number = %s"
BALLOT_DOMAINS_SQL = (
    "SELECT {columns} FROM domains_domain d "
    "JOIN workshops_workshop_domains wd ON wd.domain_id = d.id "
    'WHERE wd.workshop_id = %s ORDER BY d."order", d.name'
)
# What checking a choice needs (the rest of each domain is loaded only if asked for).
BALLOT_DOMAIN_KEYS = 'd.id, d.slug, d.name, d."order"'
VOTES_SQL = (
    "INSERT INTO workshops_vote (ballot_id, slot, domain_id) "
    "SELECT %s, v.slot, v.domain_id FROM unnest(%s::smallint[], %s::bigint[]) AS v(slot, domain_id)"
)


def open_workshop_by_code(code):
    """The newest open workshop with this join code, or None."""
    sql = OPEN_WORKSHOP_SQL.format(columns=lookups.columns(Workshop))
    found = lookups.fetch(Workshop, sql, [code, Workshop.Status.OPEN.value])
    return found[0] if found else None


def group_by_number(workshop, number):
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    if not 0 <= number <= 32767:  # a smallint column
        return None
    sql = GROUP_SQL.format(columns=lookups.columns(Group))
    found = lookups.fetch(Group, sql, [workshop.pk, number])
    return found[0] if found else None


def ballot_domains(workshop, *, keys_only=False):
    """The domains on the workshop's ballot, in the ballot's order (with keys_only: id,
    slug, name and order, enough to check and store a choice)."""
    selected = BALLOT_DOMAIN_KEYS if keys_only else lookups.columns(Domain, "d")
    return lookups.fetch(Domain, BALLOT_DOMAINS_SQL.format(columns=selected), [workshop.pk])


def _insert_votes(ballot, domains):
    if connection.vendor != "postgresql":
        Vote.objects.bulk_create(
            Vote(ballot=ballot, slot=slot, domain=domain)
            for slot, domain in enumerate(domains, start=1)
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            VOTES_SQL,
            [ballot.pk, list(range(1, len(domains) + 1)), [domain.pk for domain in domains]],
        )
