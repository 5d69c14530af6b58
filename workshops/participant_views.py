"""The participant's side, /w/...: no login, no session; a random token in a cookie.

join (/w/<code>/) -> group choice -> ballot (/stem/) -> confirmation -> thank-you (/tak/).
Choices between the ballot and the confirmation travel in a signed ticket bound to the
browser's token, so nothing is stored until the participant presses "Bekræft".
"""

import datetime
import functools

from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .models import Ballot, Workshop

RECENT_CLOSED = 20
RECENTLY_CLOSED = datetime.timedelta(days=14)


def _ballot_url(workshop, group=None, slugs=()):
    url = reverse("participant:ballot", kwargs={"code": workshop.join_code})
    query = []
    if group is not None:
        query.append(("gruppe", group.number))
    query += [("d", slug) for slug in slugs]
    return f"{url}?{urlencode(query)}" if query else url


def _open_workshop(code):
    return selectors.open_workshop_by_code(code)


def _existing_ballot(workshop, token):
    """This browser's ballot in the workshop (with its votes), or None."""
    if not token:
        return None
    return selectors.ballot_for(workshop, services.token_hash(workshop, token))


def _closed_for_this_browser(request, code):
    """A closed workshop with this code in which this browser voted (else None)."""
    token = services.read_token(request)
    if not token:
        return None
    closed = list(
        Workshop.objects.filter(join_code=code, status=Workshop.Status.CLOSED).order_by("-id")[
            :RECENT_CLOSED
        ]
    )
    if not closed:
        return None
    hashes = {services.token_hash(w, token): w for w in closed}
    hit = Ballot.objects.filter(token__in=hashes).values_list("token", flat=True).first()
    return hashes.get(hit) if hit else None


def _wrong_code(request, code=""):
    services.record_failed_join(request)
    return render(request, "workshops/participant/wrong_code.html", {"code": code}, status=404)


def _throttled(request):
    response = render(request, "workshops/participant/throttled.html", status=429)
    response["Retry-After"] = str(int(services.JOIN_FAILURE_WINDOW.total_seconds()))
    return response


def _closed(request, workshop, voted=True):
    """The vote has ended: a browser that voted sees the result, a new one only that."""
    context = {"workshop": workshop, "voted": voted}
    if voted:
        context["ranking"] = selectors.ranking(workshop)
    return render(request, "workshops/participant/closed.html", context)


def _closed_with_code(code):
    """The newest workshop with this code whose vote closed in the last RECENTLY_CLOSED
    (a participant on a new device is told the vote has ended, not that the code is
    wrong), or None. Older codes, like drafts, look like wrong codes."""
    return (
        Workshop.objects.filter(
            join_code=code,
            status=Workshop.Status.CLOSED,
            closed_at__gte=timezone.now() - RECENTLY_CLOSED,
        )
        .order_by("-id")
        .first()
    )


def _resolve(request, code):
    """(open workshop, None) or (None, the response to give instead).

    The throttle answers only wrong codes: a valid code is never blocked, whatever
    others on the same network (one municipal Wi-Fi is one address) typed before.
    """
    normalised = services.normalise_code(code)
    if normalised and normalised != code:
        return None, redirect(request.path.replace(f"/{code}/", f"/{normalised}/", 1))
    workshop = _open_workshop(normalised) if normalised else None
    if workshop is not None:
        return workshop, None
    closed = _closed_for_this_browser(request, normalised) if normalised else None
    if closed is not None:
        return None, _closed(request, closed)
    ended = _closed_with_code(normalised) if normalised else None
    if ended is not None:
        return None, _closed(request, ended, voted=False)
    if services.is_throttled(request):
        return None, _throttled(request)
    return None, _wrong_code(request, code)


@never_cache
def enter(request):
    """/w/?code=... from the start page or the join form; /w/ alone shows the form."""
    raw = request.GET.get("code")
    if raw is None:
        return render(request, "workshops/participant/enter.html")
    code = services.normalise_code(raw)
    if code is None:
        if not raw.strip():
            return render(
                request,
                "workshops/participant/enter.html",
                {"error": _("Skriv koden fra plakaten."), "code": raw},
                status=400,
            )
        if services.is_throttled(request):
            return _throttled(request)
        return _wrong_code(request, raw)
    # A well-formed code is looked up (and throttled only if wrong) by join().
    return redirect("participant:join", code=code)


@never_cache
def join(request, code):
    workshop, response = _resolve(request, code)
    if response is not None:
        return response
    token = services.read_token(request)
    ballot = _existing_ballot(workshop, token)
    if ballot is not None and "skift" not in request.GET:
        return redirect(_ballot_url(workshop))
    if workshop.joining_locked and ballot is None:
        return render(request, "workshops/participant/locked.html", {"workshop": workshop})
    return _groups_page(request, workshop, token)


def _groups_page(request, workshop, token, notice=None):
    """The group choice; `notice` says why a ballot link brought the participant here."""
    groups = workshop.groups.order_by("number")
    response = render(
        request,
        "workshops/participant/groups.html",
        {"workshop": workshop, "groups": groups, "notice": notice},
    )
    if token is None:
        services.set_token_cookie(response, services.new_token())
    return response


NO_GROUP = gettext_lazy("Linket mangler din gruppe. Tryk på din gruppe her. Så kan du stemme.")
UNKNOWN_GROUP = gettext_lazy(
    "Gruppen i linket findes ikke i denne workshop. Tryk på din gruppe her. Så kan du stemme."
)
NO_TOKEN = gettext_lazy(
    "Vi kan ikke genkende din telefon. Tryk på din gruppe her. Så kan du stemme. "
    "Virker det ikke, så spørg efter en stemmeseddel på papir."
)


def _ballot_page(request, workshop, group, chosen, *, error=None, ballot=None, status=200):
    domains = selectors.ballot_domains(workshop)
    limit = workshop.votes_per_participant
    ticked = [d.slug for d in domains if d.slug in set(chosen)]
    context = {
        # Over the limit (a post without JavaScript): the notice goes after the last
        # ticked card, where the participant was tapping.
        "limit_after": ticked[-1] if error and len(ticked) > limit else None,
        "workshop": workshop,
        "group": group,
        "domains": domains,
        "chosen": set(chosen),
        "chosen_count": len(set(chosen)),
        "limit": limit,
        "error": error,
        "ballot": ballot,
    }
    return render(request, "workshops/participant/ballot.html", context, status=status)


def _refused(request, workshop, message, status=400):
    return render(
        request,
        "workshops/participant/refused.html",
        {"workshop": workshop, "message": message},
        status=status,
    )


class _CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check, answering with the reason instead of the staff 403 page."""

    def _reject(self, request, reason):
        return reason


def participant_csrf(view):
    """CSRF protection for the participant's forms that fails into the participant's own
    page: an expired form (a phone left on the ballot, a cleared cookie) shows the ballot
    again with the choices that were sent and a plain message, never the staff 403 page."""

    @functools.wraps(view)
    def wrapped(request, code, *args, **kwargs):
        if request.method == "POST":
            reason = _CsrfCheck(lambda r: None).process_view(request, None, (), {})
            if reason is not None:
                workshop, response = _resolve(request, code)
                if response is not None:
                    return response
                return _ballot_again(
                    request,
                    workshop,
                    _("Siden var udløbet, så vi kunne ikke tage imod din stemme."),
                    status=403,
                )
        return view(request, code, *args, **kwargs)

    return csrf_exempt(wrapped)


@never_cache
@participant_csrf
@require_http_methods(["GET", "POST"])
def ballot(request, code):
    workshop, response = _resolve(request, code)
    if response is not None:
        return response
    token = services.read_token(request)
    existing = _existing_ballot(workshop, token)
    if existing is None and workshop.joining_locked:
        return render(request, "workshops/participant/locked.html", {"workshop": workshop})
    source = request.POST if request.method == "POST" else request.GET
    group = selectors.group_by_number(workshop, source.get("gruppe"))
    if group is None and existing is not None and "gruppe" not in source:
        group = existing.group
    if request.method == "GET" and (group is None or token is None):
        # Say what is wrong with the link before the participant fills anything in.
        if token is None:
            notice = NO_TOKEN
        elif "gruppe" in source:
            notice = UNKNOWN_GROUP
        else:
            notice = NO_GROUP
        return _groups_page(request, workshop, token, notice)
    if group is None:
        return redirect("participant:join", code=workshop.join_code)
    if request.method == "GET":
        if "d" in source or existing is None:
            chosen = source.getlist("d")
        else:
            chosen = [v.domain.slug for v in existing.votes.all()]
        return _ballot_page(request, workshop, group, chosen, ballot=existing)

    slugs = request.POST.getlist("d")
    if token is None:
        return _refused(
            request, workshop, _("Vi kan ikke genkende din stemmeseddel. Start forfra.")
        )
    domains = selectors.ballot_domains(workshop)
    try:
        chosen = services.validate_choices(workshop, domains, slugs)
    except services.VoteRefused as exc:
        return _ballot_page(
            request, workshop, group, slugs, error=str(exc), ballot=existing, status=400
        )
    hashed = services.token_hash(workshop, token)
    return render(
        request,
        "workshops/participant/confirm.html",
        {
            "workshop": workshop,
            "group": group,
            "chosen": chosen,
            "limit": workshop.votes_per_participant,
            "fewer": len(chosen) < workshop.votes_per_participant,
            "ticket": services.make_ticket(workshop, hashed, group, [d.slug for d in chosen]),
            "change_url": _ballot_url(workshop, group, [d.slug for d in chosen]),
        },
    )


def _workshop_of_ticket(request, code):
    """The open workshop whose valid confirmation ticket this request carries, or None.

    Such a ticket is signed for this workshop and this browser's token, so the browser
    already found the workshop through the throttled steps; the confirmation then needs
    no throttle check of its own. Anything else goes the full way through _resolve.
    """
    token = services.read_token(request)
    if not token or services.normalise_code(code) != code:
        return None
    workshop = _open_workshop(code)
    if workshop is None:
        return None
    try:
        services.read_ticket(
            workshop, services.token_hash(workshop, token), request.POST.get("ticket")
        )
    except services.VoteRefused:
        return None
    return workshop


@never_cache
@participant_csrf
@require_POST
def confirm(request, code):
    workshop = _workshop_of_ticket(request, code)
    if workshop is None:
        workshop, response = _resolve(request, code)
        if response is not None:
            return response
    token = services.read_token(request)
    if token is None:
        return _refused(
            request, workshop, _("Vi kan ikke genkende din stemmeseddel. Start forfra.")
        )
    hashed = services.token_hash(workshop, token)
    try:
        number, slugs = services.read_ticket(workshop, hashed, request.POST.get("ticket"))
    except services.VoteRefused as exc:
        # An expired or unreadable confirmation: back to the ballot with the choices the
        # page carried, never a page that has lost them.
        return _ballot_again(request, workshop, str(exc))
    try:
        group = selectors.group_by_number(workshop, number)
        if group is None:
            raise services.VoteRefused(_("Den gruppe findes ikke længere. Vælg din gruppe igen."))
        if workshop.joining_locked and not Ballot.objects.filter(token=hashed).exists():
            raise services.VoteRefused(_("Der er lukket for nye deltagere."))
        domains = selectors.ballot_domains(workshop)
        chosen = services.validate_choices(workshop, domains, slugs)
        services.cast_ballot(
            workshop, group, chosen, token=hashed, address=services.client_address(request)
        )
    except services.TooManyNewBallots as exc:
        response = _ballot_page(request, workshop, group, slugs, error=str(exc), status=429)
        response["Retry-After"] = str(int(services.NEW_BALLOT_WINDOW.total_seconds()))
        return response
    except services.VoteRefused as exc:
        return _refused(request, workshop, str(exc))
    return redirect("participant:thanks", code=workshop.join_code)


def _ballot_again(request, workshop, message, status=400):
    """The ballot page with the choices the confirmation page carried (as plain fields
    beside the ticket), or the group choice when even the group is unknown."""
    group = selectors.group_by_number(workshop, request.POST.get("gruppe"))
    if group is None:
        existing = _existing_ballot(workshop, services.read_token(request))
        group = existing.group if existing is not None else None
    if group is None:
        return _refused(request, workshop, message, status=status)
    return _ballot_page(
        request,
        workshop,
        group,
        request.POST.getlist("d"),
        error=_("%(message)s Dine valg står herunder. Tryk på »Send« igen.") % {"message": message},
        status=status,
    )


@never_cache
def thanks(request, code):
    workshop, response = _resolve(request, code)
    if response is not None:
        return response
    existing = _existing_ballot(workshop, services.read_token(request))
    if existing is None:
        return redirect("participant:join", code=workshop.join_code)
    context = {"workshop": workshop, "ballot": existing}
    if workshop.results_visible:
        context["ranking"] = selectors.ranking(workshop)
    return render(request, "workshops/participant/thanks.html", context)
