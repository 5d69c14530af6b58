"""Facilitator and manager pages: workshops, console, paper ballots, quotes, selection, results."""

import segno
from django.contrib import messages
from django.db import IntegrityError
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from aktiv import audit, page_cache
from aktiv.charts import bar_chart
from aktiv.roles import FACILITATOR, MANAGER, has_role, role_required
from domains.models import Domain
from stories.models import CollectionRound, Story

from . import exports, selectors, services
from .forms import (
    AnalysisNoteForm,
    GroupNamesForm,
    PaperBallotForm,
    QuoteForm,
    SelectionForm,
    WorkshopForm,
)
from .models import AnalysisNote, Ballot, Quote, Selection, Workshop

# The app's stylesheet, on its cached pages (aktiv.page_cache).
STYLESHEET = "workshops/workshops.css"

READERS = (FACILITATOR, MANAGER)
SELECTION_KINDS = {Workshop.Kind.STAFF, Workshop.Kind.PARTNERS, Workshop.Kind.MIXED}


def _workshop(pk):
    return get_object_or_404(Workshop.objects.select_related("round", "facilitator"), pk=pk)


def participant_url(request, workshop):
    return request.build_absolute_uri(
        reverse("participant:join", kwargs={"code": workshop.join_code})
    )


def qr_svg(url, title):
    """The QR code as inline SVG markup (server-side, no inline styles)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, title=title, svgclass="qr-code", lineclass="qr-dark", omitsize=True
    )
    return mark_safe(  # noqa: S308 - segno escapes the title; the rest is generated markup
        svg.replace("<svg ", '<svg role="img" aria-label="' + escape(title) + '" ', 1)
    )


# --- list, create, edit ---------------------------------------------------------------


@role_required(*READERS)
def workshop_list(request):
    workshops = (
        Workshop.objects.select_related("round", "facilitator")
        .annotate(ballot_count=selectors.participants())
        .order_by("-held_on", "-id")
    )
    rounds = CollectionRound.objects.filter(workshops__isnull=False).distinct().order_by("name")
    return render(
        request,
        "workshops/workshop_list.html",
        {
            "workshops": workshops,
            "rounds": rounds,
            "can_run": has_role(request.user, FACILITATOR),
        },
    )


@role_required(FACILITATOR)
def workshop_create(request):
    form = WorkshopForm(request.POST or None, initial={"votes_per_participant": 3})
    if request.method == "POST" and form.is_valid():
        workshop = services.create_workshop(user=request.user, **form.cleaned_data)
        messages.success(request, _("Workshoppen er oprettet. Åbn afstemningen, når I er klar."))
        return redirect(workshop)
    return render(request, "workshops/workshop_form.html", {"form": form, "workshop": None})


@role_required(FACILITATOR)
def workshop_edit(request, pk):
    workshop = _workshop(pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.update_workshop(workshop.pk, user=request.user, **form.cleaned_data)
        except IntegrityError:
            form.add_error(
                None, _("Ændringen passer ikke med de stemmer, der allerede er afgivet.")
            )
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect(workshop)
    return render(request, "workshops/workshop_form.html", {"form": form, "workshop": workshop})


@role_required(FACILITATOR)
def group_names(request, pk):
    workshop = _workshop(pk)
    form = GroupNamesForm(request.POST or None, groups=workshop.groups.order_by("number"))
    if request.method == "POST" and form.is_valid():
        services.rename_groups(workshop, user=request.user, names=form.names())
        messages.success(request, _("Gruppernes navne er gemt."))
        return redirect(workshop)
    return render(request, "workshops/group_names.html", {"form": form, "workshop": workshop})


# --- console ---------------------------------------------------------------------------


def _console_counts(workshop):
    groups = selectors.group_ballot_counts(workshop)
    total = sum(g.ballot_count for g in groups)
    paper = sum(g.paper_count for g in groups)
    return groups, total, paper


@role_required(FACILITATOR)
def workshop_detail(request, pk):
    workshop = _workshop(pk)
    groups, total, paper = _console_counts(workshop)
    context = {
        "workshop": workshop,
        "groups": groups,
        "total": total,
        "paper": paper,
        "over_head_count": workshop.over_head_count(total),
        "quote_count": workshop.quotes.count(),
        "analysis_count": workshop.analysis_notes.count()
        if workshop.kind in SELECTION_KINDS
        else 0,
        "selection_count": selectors.selections(workshop).count(),
        "can_select": workshop.kind in SELECTION_KINDS,
    }
    if workshop.status == Workshop.Status.OPEN:
        url = participant_url(request, workshop)
        context["participant_url"] = url
        context["qr"] = qr_svg(url, _("QR-kode til afstemningen"))
    return render(request, "workshops/console.html", context)


@never_cache
@role_required(FACILITATOR)
def workshop_live(request, pk):
    """JSON for the console's self-refresh: status and ballots per group."""
    workshop = get_object_or_404(Workshop, pk=pk)
    groups, total, paper = _console_counts(workshop)
    return JsonResponse(
        {
            "status": workshop.status,
            "status_label": workshop.get_status_display(),
            "total": total,
            "paper": paper,
            "groups": {str(g.pk): g.ballot_count for g in groups},
            "over_head_count": workshop.over_head_count(total),
        }
    )


@require_POST
@role_required(FACILITATOR)
def workshop_open(request, pk):
    workshop = _workshop(pk)
    if workshop.status == Workshop.Status.OPEN:
        return redirect(workshop)
    if not workshop.groups.exists() or not workshop.domains.exists():
        messages.error(
            request, _("Workshoppen skal have mindst én gruppe og ét forandringsområde.")
        )
        return redirect(workshop)
    try:
        services.open_workshop(workshop, user=request.user)
    except services.ResultsLocked:
        messages.error(request, str(RESULTS_LOCKED))
        return redirect(workshop)
    messages.success(
        request, _("Afstemningen er åben. Koden er %(code)s.") % {"code": workshop.join_code}
    )
    return redirect(workshop)


RESULTS_LOCKED = gettext_lazy("Resultatet er låst. Stemmesedlerne kan ikke ændres længere.")


@require_http_methods(["GET", "POST"])
@role_required(FACILITATOR)
def workshop_close(request, pk):
    """Asks first (a page that works without JavaScript), then closes on POST."""
    workshop = _workshop(pk)
    if workshop.status != Workshop.Status.OPEN:
        return redirect(workshop)
    if request.method == "POST":
        services.close_workshop(workshop, user=request.user)
        messages.success(request, _("Afstemningen er lukket."))
        return redirect("workshops:results", pk=workshop.pk)
    _groups, total, _paper = _console_counts(workshop)
    return _confirm_page(
        request,
        workshop,
        heading=_("Luk afstemningen?"),
        paragraphs=[
            ngettext(
                "Der er afgivet %(n)s stemmeseddel.", "Der er afgivet %(n)s stemmesedler.", total
            )
            % {"n": total},
            _(
                "Når afstemningen er lukket, kan deltagerne ikke stemme eller ændre deres "
                "stemme. Du kan stadig indtaste papirstemmer, og du kan genåbne afstemningen, "
                "indtil resultatet låses."
            ),
        ],
        button=_("Ja, luk afstemningen"),
    )


def _confirm_page(request, workshop, **context):
    """A page that asks before an action (works without JavaScript): POST to itself."""
    return render(request, "workshops/confirm_action.html", {"workshop": workshop, **context})


@require_http_methods(["GET", "POST"])
@role_required(FACILITATOR)
def workshop_lock_results(request, pk):
    """Asks first, then locks a closed workshop's result on POST."""
    workshop = _workshop(pk)
    if workshop.status != Workshop.Status.CLOSED or workshop.is_locked:
        return redirect(workshop)
    deleted = Ballot.objects.filter(workshop=workshop, deleted_at__isnull=False).count()
    if request.method == "POST":
        try:
            services.lock_results(workshop, user=request.user)
        except (services.ResultsLocked, services.VoteRefused):
            return redirect(workshop)
        messages.success(request, _("Resultatet er låst."))
        return redirect(workshop)
    warning = ""
    if deleted:
        warning = ngettext(
            "%(n)s slettet stemmeseddel bliver fjernet for altid.",
            "%(n)s slettede stemmesedler bliver fjernet for altid.",
            deleted,
        ) % {"n": deleted}
    return _confirm_page(
        request,
        workshop,
        heading=_("Lås resultatet?"),
        paragraphs=[
            _(
                "Et låst resultat ændrer sig ikke mere: der kan ikke indtastes flere "
                "papirstemmer, ingen stemmeseddel kan slettes eller gendannes, og afstemningen "
                "kan ikke genåbnes."
            )
        ],
        warning=warning,
        button=_("Ja, lås resultatet"),
    )


@require_POST
@role_required(FACILITATOR)
def workshop_lock(request, pk):
    workshop = _workshop(pk)
    lock = request.POST.get("lock") == "1"
    services.set_joining_locked(workshop, user=request.user, locked=lock)
    if lock:
        messages.success(request, _("Nye deltagere kan ikke komme ind nu."))
    else:
        messages.success(request, _("Nye deltagere kan komme ind igen."))
    return redirect(workshop)


# --- printables -------------------------------------------------------------------------


@role_required(FACILITATOR)
def poster(request, pk):
    workshop = _workshop(pk)
    if workshop.status != Workshop.Status.OPEN or not workshop.join_code:
        messages.error(request, _("Åbn afstemningen først. Så får den en kode."))
        return redirect(workshop)
    url = participant_url(request, workshop)
    audit.record(request.user, audit.Action.PRINT, workshop, side="plakat")
    return render(
        request,
        "workshops/poster.html",
        {"workshop": workshop, "url": url, "qr": qr_svg(url, _("QR-kode til afstemningen"))},
    )


@role_required(FACILITATOR)
def cards(request, pk):
    workshop = _workshop(pk)
    domains = workshop.domains.order_by("order", "name")
    return render(request, "workshops/cards.html", {"workshop": workshop, "domains": domains})


PAPER_BALLOTS_MAX = 200


@role_required(FACILITATOR)
def paper_ballot_sheets(request, pk):
    """Paper ballots, two per A4 page, each with its number (?antal=N, at most 200;
    by default one per expected participant, else ten)."""
    workshop = _workshop(pk)
    domains = list(workshop.domains.order_by("order", "name"))
    groups = list(workshop.groups.order_by("number"))
    count = workshop.expected_participants or 10
    typed, error = request.GET.get("antal", ""), ""
    if typed:
        if typed.strip().isdigit() and 1 <= int(typed) <= PAPER_BALLOTS_MAX:
            count = int(typed)
        else:
            error = _("Skriv et helt tal fra 1 til %(max)s.") % {"max": PAPER_BALLOTS_MAX}
    count = min(max(count, 1), PAPER_BALLOTS_MAX)
    return render(
        request,
        "workshops/paper_ballots.html",
        {
            "workshop": workshop,
            "domains": domains,
            "groups": groups,
            "copies": range(1, count + 1),
            "count_typed": typed[:6] if error else count,
            "count_error": error,
            "max_copies": PAPER_BALLOTS_MAX,
        },
    )


# --- ballots (paper / assisted) ---------------------------------------------------------


@role_required(FACILITATOR)
def paper_ballot(request, pk):
    workshop = _workshop(pk)
    form = PaperBallotForm(request.POST or None, workshop=workshop)
    if workshop.is_locked:
        messages.error(request, str(RESULTS_LOCKED))
        return redirect(workshop)
    if request.method == "POST" and form.is_valid():
        domains = list(form.cleaned_data["domains"].order_by("order", "name"))
        try:
            services.cast_ballot(
                workshop,
                form.cleaned_data["group"],
                domains,
                token=services.paper_token(),
                paper=True,
                entered_by=request.user,
            )
        except services.VoteRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Papirstemmen er gemt. Du kan indtaste den næste."))
            return redirect("workshops:paper_ballot", pk=workshop.pk)
    return render(request, "workshops/paper_ballot_form.html", {"form": form, "workshop": workshop})


def _ballots_with_votes(workshop):
    return (
        Ballot.objects.filter(workshop=workshop)
        .select_related("group")
        .prefetch_related(Prefetch("votes", queryset=_votes_in_order()))
    )


@role_required(FACILITATOR)
def ballot_list(request, pk):
    """The ballots that count, and below them the deleted ones (restorable until the
    result is locked)."""
    workshop = _workshop(pk)
    ballots = list(_ballots_with_votes(workshop).order_by("group__number", "created_at", "id"))
    return render(
        request,
        "workshops/ballot_list.html",
        {
            "workshop": workshop,
            "ballots": [b for b in ballots if b.deleted_at is None],
            "deleted": [b for b in ballots if b.deleted_at is not None],
        },
    )


def _votes_in_order():
    from .models import Vote

    return Vote.objects.select_related("domain").order_by("domain__order", "domain__name")


def _ballot_of(workshop, ballot_pk):
    return get_object_or_404(
        _ballots_with_votes(workshop).select_related("deleted_by"), pk=ballot_pk
    )


@require_http_methods(["GET", "POST"])
@role_required(FACILITATOR)
def ballot_delete(request, pk, ballot_pk):
    """Asks first (without JavaScript too), then deletes on POST: the ballot leaves every
    count at once and can be restored until the result is locked."""
    workshop = _workshop(pk)
    ballot = _ballot_of(workshop, ballot_pk)
    if workshop.is_locked:
        messages.error(request, str(RESULTS_LOCKED))
        return redirect("workshops:ballots", pk=workshop.pk)
    if request.method == "POST":
        try:
            services.delete_ballot(ballot, user=request.user)
        except services.ResultsLocked:
            messages.error(request, str(RESULTS_LOCKED))
        else:
            messages.success(
                request,
                _("Stemmeseddel %(n)s er slettet. Du kan gendanne den, indtil resultatet låses.")
                % {"n": ballot.pk},
            )
        return redirect("workshops:ballots", pk=workshop.pk)
    return render(
        request, "workshops/confirm_ballot_delete.html", {"workshop": workshop, "ballot": ballot}
    )


@require_POST
@role_required(FACILITATOR)
def ballot_restore(request, pk, ballot_pk):
    workshop = _workshop(pk)
    ballot = get_object_or_404(Ballot, pk=ballot_pk, workshop=workshop)
    try:
        services.restore_ballot(ballot, user=request.user)
    except services.ResultsLocked:
        messages.error(request, str(RESULTS_LOCKED))
    else:
        messages.success(request, _("Stemmeseddel %(n)s tæller igen.") % {"n": ballot.pk})
    return redirect("workshops:ballots", pk=workshop.pk)


# --- quotes -------------------------------------------------------------------------------


@role_required(FACILITATOR)
def quote_list(request, pk):
    workshop = _workshop(pk)
    form = QuoteForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        services.add_quote(workshop, user=request.user, **form.cleaned_data)
        messages.success(request, _("Citatet er gemt. Du kan skrive det næste."))
        return redirect("workshops:quotes", pk=workshop.pk)
    quotes = workshop.quotes.select_related("group", "domain").order_by(
        "domain__order", "kind", "group__number", "id"
    )
    return render(
        request, "workshops/quotes.html", {"workshop": workshop, "form": form, "quotes": quotes}
    )


@role_required(FACILITATOR)
def quote_edit(request, pk, quote_pk):
    workshop = _workshop(pk)
    quote = get_object_or_404(Quote, pk=quote_pk, workshop=workshop)
    form = QuoteForm(request.POST or None, instance=quote, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        services.update_quote(quote.pk, user=request.user, **form.cleaned_data)
        messages.success(request, _("Citatet er ændret."))
        return redirect("workshops:quotes", pk=workshop.pk)
    return render(
        request, "workshops/quote_form.html", {"workshop": workshop, "form": form, "quote": quote}
    )


@require_POST
@role_required(FACILITATOR)
def quote_delete(request, pk, quote_pk):
    workshop = _workshop(pk)
    quote = get_object_or_404(Quote, pk=quote_pk, workshop=workshop)
    services.delete_quote(quote, user=request.user)
    messages.success(request, _("Citatet er slettet."))
    return redirect("workshops:quotes", pk=workshop.pk)


# --- analysis answers (staff and partners' workshops) --------------------------------------


def _analysis_workshop(pk):
    """A workshop whose groups analyse the domains (not a citizens' workshop: 404)."""
    workshop = _workshop(pk)
    if workshop.kind not in SELECTION_KINDS:
        raise Http404
    return workshop


@role_required(FACILITATOR)
def analysis_notes(request, pk):
    """The groups' answers to the seed's two questions per domain, written down."""
    workshop = _analysis_workshop(pk)
    form = AnalysisNoteForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        services.add_analysis_note(workshop, user=request.user, **form.cleaned_data)
        messages.success(request, _("Svaret er gemt. Du kan skrive det næste."))
        return redirect("workshops:analysis", pk=workshop.pk)
    notes = workshop.analysis_notes.select_related("group", "domain").order_by(
        "domain__order", "domain__name", "question", "group__number", "id"
    )
    return render(
        request,
        "workshops/analysis_notes.html",
        {
            "workshop": workshop,
            "form": form,
            "notes": notes,
            "questions": [
                (value, AnalysisNote.question_text(value)) for value in AnalysisNote.Question.values
            ],
        },
    )


@role_required(FACILITATOR)
def analysis_note_edit(request, pk, note_pk):
    workshop = _analysis_workshop(pk)
    note = get_object_or_404(AnalysisNote, pk=note_pk, workshop=workshop)
    form = AnalysisNoteForm(request.POST or None, instance=note, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        services.update_analysis_note(note.pk, user=request.user, **form.cleaned_data)
        messages.success(request, _("Svaret er ændret."))
        return redirect("workshops:analysis", pk=workshop.pk)
    return render(
        request,
        "workshops/analysis_note_form.html",
        {"workshop": workshop, "form": form, "note": note},
    )


@require_POST
@role_required(FACILITATOR)
def analysis_note_delete(request, pk, note_pk):
    workshop = _analysis_workshop(pk)
    note = get_object_or_404(AnalysisNote, pk=note_pk, workshop=workshop)
    services.delete_analysis_note(note, user=request.user)
    messages.success(request, _("Svaret er slettet."))
    return redirect("workshops:analysis", pk=workshop.pk)


# --- story selection ------------------------------------------------------------------------


def _analysis_stories():
    return Story.objects.for_analysis()


def _record_story_views(request, stories):
    """One audit event per story whose text the page shows (never the text itself)."""
    audit.record_views(request.user, stories, side="udvælgelse")


@role_required(FACILITATOR)
def selection(request, pk):
    """Per domain: the analysis stories tagged to it, the current choice and its reason."""
    workshop = _workshop(pk)
    if workshop.kind not in SELECTION_KINDS:
        raise Http404
    domains = list(
        workshop.domains.order_by("order", "name").prefetch_related(
            Prefetch(
                "stories",
                queryset=_analysis_stories().order_by("collected_on", "id"),
                to_attr="analysis_stories",
            )
        )
    )
    chosen = {s.domain_id: s for s in selectors.selections(workshop)}
    sections = []
    shown = {}
    for domain in domains:
        current = chosen.get(domain.pk)
        form = SelectionForm(
            instance=current,
            stories=_analysis_stories().filter(domains=domain),
            prefix=f"d{domain.pk}",
        )
        form.helper.form_action = reverse(
            "workshops:selection_save", kwargs={"pk": workshop.pk, "domain_pk": domain.pk}
        )
        sections.append({"domain": domain, "form": form, "current": current})
        for story in domain.analysis_stories:
            shown[story.pk] = story
    _record_story_views(request, shown.values())
    return render(request, "workshops/selection.html", {"workshop": workshop, "sections": sections})


@require_POST
@role_required(FACILITATOR)
def selection_save(request, pk, domain_pk):
    workshop = _workshop(pk)
    if workshop.kind not in SELECTION_KINDS:
        raise Http404
    domain = get_object_or_404(workshop.domains.all(), pk=domain_pk)
    current = Selection.objects.filter(workshop=workshop, domain=domain).first()
    stories = _analysis_stories().filter(domains=domain).order_by("collected_on", "id")
    form = SelectionForm(request.POST, instance=current, stories=stories, prefix=f"d{domain.pk}")
    form.helper.form_action = request.path
    if form.is_valid():
        services.save_selection(workshop, domain, user=request.user, **form.cleaned_data)
        messages.success(
            request, _("Udvælgelsen for %(domain)s er gemt.") % {"domain": domain.name}
        )
        return redirect(reverse("workshops:selection", kwargs={"pk": workshop.pk}))
    _record_story_views(request, stories)
    return render(
        request,
        "workshops/selection_form.html",
        {"workshop": workshop, "domain": domain, "form": form, "stories": stories},
    )


@require_POST
@role_required(FACILITATOR)
def selection_delete(request, pk, domain_pk):
    workshop = _workshop(pk)
    chosen = get_object_or_404(Selection, workshop=workshop, domain_id=domain_pk)
    services.delete_selection(chosen, user=request.user)
    messages.success(request, _("Udvælgelsen er fjernet."))
    return redirect("workshops:selection", pk=workshop.pk)


# --- results, exports, compare ------------------------------------------------------------


def rank_label(result):
    if not result.rank:
        return _("ikke prioriteret")
    if result.tied:
        return _("delt %(rank)s. plads") % {"rank": result.rank}
    return _("%(rank)s. plads") % {"rank": result.rank}


def chart(ranking):
    """The votes per domain as the one bar chart (aktiv.charts); the page's table has the
    same numbers, so the chart carries no table of its own."""
    return bar_chart(
        _("Stemmer pr. forandringsområde"),
        _("Søjlerne viser antal stemmer. Tallene står også i tabellen."),
        [(r.domain.name, r.votes, not r.prioritised) for r in ranking.results],
        show_table=False,
    )


def _row_classes(result):
    """The classes of a result's table row: not prioritised, a shared place."""
    classes = []
    if not result.prioritised:
        classes.append("not-prioritised")
    if result.tied:
        classes.append("tied")
    return " ".join(classes)


def _results_context(workshop):
    result = selectors.ranking(workshop)
    # A hidden group's cell: a dash to the eye, the word to a screen reader.
    hidden = format_html(
        '<span aria-hidden="true">–</span><span class="visually-hidden">{}</span>', _("skjult")
    )
    rows = []
    for r in result.results:
        counts = (r.per_group.get(g.pk) for g in result.groups)
        rows.append(
            {
                "result": r,
                "label": rank_label(r),
                "css": _row_classes(r),
                # The row's numeric cells in one step (aktiv_tables.number_cells): votes,
                # each group's votes, groups with votes.
                "numbers": [
                    r.votes,
                    *(hidden if n is None else n for n in counts),
                    r.groups_with_votes,
                ],
            }
        )
    return {"workshop": workshop, "ranking": result, "rows": rows, "chart": chart(result)}


@role_required(*READERS)
def results(request, pk):

    def build():
        context = _results_context(
            get_object_or_404(Workshop.objects.select_related("round"), pk=pk)
        )
        context["can_run"] = has_role(request.user, FACILITATOR)
        return context

    return page_cache.cached_page(
        request,
        "workshops:results",
        "workshops/_results_body.html",
        build,
        title=lambda context: f"{_('Resultat')}: {context['workshop'].title}",
        stylesheet=STYLESHEET,
        depends=(page_cache.WORKSHOPS, page_cache.REFERENCE),
    )


def _results_table(workshop):
    result = selectors.ranking(workshop)
    header = [_("Placering"), _("Forandringsområde"), _("Stemmer")]
    header += [g.name for g in result.groups]
    header += [_("Grupper med stemmer")]
    rows = []
    for r in result.results:
        per_group = [
            _("skjult") if r.per_group.get(g.pk) is None else r.per_group.get(g.pk)
            for g in result.groups
        ]
        rows.append([rank_label(r), r.domain.name, r.votes, *per_group, r.groups_with_votes])
    notes = []
    if result.hidden_groups:
        notes.append(
            _(
                "»skjult«: grupper med færre end 3 stemmesedler (og en gruppe mere, så de ikke "
                "kan regnes ud) vises ikke for sig. I »Grupper med stemmer« tæller de som én."
            )
        )
    if result.over_head_count:
        notes.append(
            _("Obs: %(n)s stemmesedler, men kun %(expected)s deltagere.")
            % {"n": result.participants, "expected": workshop.expected_participants}
        )
    if notes:
        rows.append([])
        rows.extend([_("Bemærk"), note] for note in notes)
    return header, rows


def _ballots_table(workshop):
    limit = workshop.votes_per_participant
    header = [_("Gruppe"), _("Papirstemme")] + [
        _("Valg %(n)s") % {"n": n} for n in range(1, limit + 1)
    ]
    ballots = _ballots_with_votes(workshop).filter(deleted_at__isnull=True)
    ballots = ballots.order_by("group__number", "id")
    rows = []
    for ballot in ballots:
        names = [v.domain.name for v in ballot.votes.all()]
        rows.append(
            [ballot.group.name, _("ja") if ballot.is_paper else _("nej")]
            + names
            + [""] * (limit - len(names))
        )
    return header, rows


@role_required(*READERS)
def export(request, pk, what, fmt):
    workshop = _workshop(pk)
    if what == "resultat":
        header, rows = _results_table(workshop)
    elif what == "stemmesedler":
        if not has_role(request.user, FACILITATOR):
            raise Http404
        header, rows = _ballots_table(workshop)
    else:
        raise Http404
    audit.record(request.user, audit.Action.EXPORT, workshop, hvad=what, format=fmt)
    if fmt == "csv":
        return exports.csv_response(workshop, what, header, rows)
    if fmt == "xlsx":
        return exports.xlsx_response(workshop, what, header, rows)
    raise Http404


@role_required(*READERS)
def compare(request):
    rounds = list(
        CollectionRound.objects.filter(workshops__isnull=False).distinct().order_by("name")
    )
    chosen = None
    raw = request.GET.get("round")
    if raw:
        chosen = next((r for r in rounds if str(r.pk) == raw or r.name == raw), None)
    elif rounds:
        chosen = rounds[-1]
    rankings = selectors.round_rankings(chosen) if chosen else []
    table = []
    if rankings:
        domains = (
            Domain.objects.filter(Q(workshops__in=[r.workshop for r in rankings]))
            .distinct()
            .order_by("order", "name")
        )
        base = rankings[0]
        for domain in domains:
            cells = []
            base_result = base.rank_of(domain.pk)
            for index, result_ranking in enumerate(rankings):
                result = result_ranking.rank_of(domain.pk)
                differs = False
                if index > 0 and result is not None and base_result is not None:
                    a, b = base_result.rank, result.rank
                    differs = (a is None) != (b is None) or (
                        a is not None and b is not None and abs(a - b) >= 3
                    )
                cells.append(
                    {
                        "result": result,
                        "label": rank_label(result) if result else "–",
                        "differs": differs,
                    }
                )
            table.append({"domain": domain, "cells": cells})
    return render(
        request,
        "workshops/compare.html",
        {"rounds": rounds, "chosen": chosen, "rankings": rankings, "table": table},
    )
