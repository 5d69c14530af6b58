"""Staff pages for change stories, plus the restricted views for facilitators and managers.

Who sees what is decided here and in StoryQuerySet, never in a template:
- staff (Medarbejder): every story, every field, drafts included;
- facilitators: a story with analysis consent (detail page only), without storyteller
  code or collector;
- managers (Leder): stories with report consent, only title, domains, employment type
  and text;
- anyone else: 403 (anonymous: the login page).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, ProtectedError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from aktiv import audit, page_cache, paging
from aktiv.middleware import DATABASE_DOWN_ERRORS, close_broken_connections
from aktiv.models import AuditEvent
from aktiv.roles import FACILITATOR, MANAGER, STAFF, admin_required, has_role, role_required
from aktiv.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from domains.models import Domain

from . import export, importer, listing, search, selectors, services
from .forms import (
    AccessRequestForm,
    CollectionRoundForm,
    ConfirmForm,
    ImportForm,
    StoryFilterForm,
    StoryForm,
    WithdrawForm,
)
from .models import CollectionRound, PendingImport, Story
from .tallies import Audience

# The app's stylesheet, on its cached pages (aktiv.page_cache).
STYLESHEET = "stories/stories.css"

PAGE_SIZE = 50
PREVIEW_PAGE_SIZE = 100

DOMAINS_FOR_DISPLAY = Prefetch(
    "domains", queryset=Domain.objects.only("id", "name", "slug", "order").order_by("order")
)


@dataclass
class RestrictedStory:
    """What a facilitator or manager may see of a story: no code, no collector."""

    pk: int
    title: str
    text: str
    employment_type: str
    domains: list
    significance: str = ""
    told_by: str = ""

    @classmethod
    def for_manager(cls, story):
        return cls(
            pk=story.pk,
            title=story.title,
            text=story.text,
            employment_type=story.get_employment_type_display(),
            domains=list(story.domains.all()),
        )

    @classmethod
    def for_facilitator(cls, story):
        return cls(
            pk=story.pk,
            title=story.title,
            text=story.text,
            employment_type=story.get_employment_type_display(),
            domains=list(story.domains.all()),
            significance=story.significance,
            told_by=story.get_told_by_display(),
        )


def _require_login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("side", None)
    return query.urlencode()


# List ---------------------------------------------------------------------------------


def story_list(request):
    if response := _require_login(request):
        return response
    if has_role(request.user, STAFF):
        return _staff_list(request)
    if has_role(request.user, MANAGER):
        return _manager_list(request)
    raise PermissionDenied


def _list_context(request, form, stories, fields, total, all_total, domains):
    """A page of the list as plain rows: newest first, or the best search matches first."""
    terms = form.cleaned_data.get("q") if form.is_bound and form.is_valid() else ""
    ordered = search.ordered(stories, terms, form.search_document).values(*fields)
    page = paging.page_of(ordered, request.GET.get("side"), PAGE_SIZE, total=total)
    listing.with_domains(page.object_list, domains)
    return {
        "form": form,
        "page": page,
        "searching": bool(terms),
        "search_limit": search.CANDIDATES,
        "all_total": all_total,
        "query": _query_without_page(request),
        "export_query": _query_without_page(request),
    }


def _staff_list(request):
    def build():
        domains = listing.domain_choices()
        form = StoryFilterForm(request.GET or None, domains=domains)
        stories = form.filter(Story.objects.all())
        # The total of an unfiltered list is kept by PostgreSQL; a filtered one shows
        # its pages without counting every match.
        all_total = selectors.story_total(Audience.ALL)
        total = None if form.active_filters() else all_total
        return _list_context(
            request, form, stories, listing.STAFF_FIELDS, total, all_total, domains
        )

    return page_cache.cached_page(
        request,
        "stories:list",
        "stories/_story_list_body.html",
        build,
        title=_("Fortællinger"),
        stylesheet=STYLESHEET,
        depends=(page_cache.STORIES, page_cache.REFERENCE),
    )


def _manager_list(request):
    def build():
        domains = listing.domain_choices()
        form = StoryFilterForm(request.GET or None, restricted=True, domains=domains)
        stories = form.filter(Story.objects.for_report())
        all_total = selectors.story_total(Audience.REPORT)
        total = None if form.active_filters() else all_total
        return _list_context(
            request, form, stories, listing.MANAGER_FIELDS, total, all_total, domains
        )

    return page_cache.cached_page(
        request,
        "stories:list-restricted",
        "stories/_story_list_restricted_body.html",
        build,
        title=_("Fortællinger til læringsrapporten"),
        stylesheet=STYLESHEET,
        depends=(page_cache.STORIES, page_cache.REFERENCE),
    )


# Detail -------------------------------------------------------------------------------


def story_detail(request, pk):
    if response := _require_login(request):
        return response
    user = request.user
    if has_role(user, STAFF):
        story = get_object_or_404(
            Story.objects.select_related(
                "round",
                "collected_by",
                "consent_analysis_by",
                "consent_report_by",
                "consent_publish_by",
                "consent_witness",
                "withdrawn_by",
            ).prefetch_related(DOMAINS_FOR_DISPLAY),
            pk=pk,
        )
        others = []
        if story.storyteller_code:
            others = list(
                Story.objects.filter(storyteller_code=story.storyteller_code)
                .exclude(pk=story.pk)
                .select_related("round")
                .only("id", "title", "collected_on", "status", "round__name", "withdrawn_at")
                .order_by("collected_on", "id")
            )
        audit.record(request.user, audit.Action.VIEW, story)
        return render(
            request,
            "stories/story_detail.html",
            # Domain suggestions are a page of their own (the agreement app, a layer above).
            {"story": story, "others": others, "suggestions": settings.AKTIV_DOMAIN_SUGGESTIONS},
        )

    if not has_role(user, FACILITATOR, MANAGER):
        raise PermissionDenied
    restricted = None
    if has_role(user, FACILITATOR):
        story = Story.objects.for_analysis().prefetch_related(DOMAINS_FOR_DISPLAY).filter(pk=pk)
        story = story.first()
        if story is not None:
            restricted = RestrictedStory.for_facilitator(story)
    if restricted is None and has_role(user, MANAGER):
        story = (
            Story.objects.for_report()
            .only("id", "title", "text", "employment_type")
            .prefetch_related(DOMAINS_FOR_DISPLAY)
            .filter(pk=pk)
            .first()
        )
        if story is not None:
            restricted = RestrictedStory.for_manager(story)
    if restricted is None:
        # Without consent the story does not exist for this reader.
        raise Http404
    audit.record(
        request.user,
        audit.Action.VIEW,
        object_type="stories.story",
        object_id=restricted.pk,
        label=f"Fortælling #{restricted.pk}",
    )
    return render(
        request,
        "stories/story_detail_restricted.html",
        {"story": restricted, "can_list": has_role(user, MANAGER)},
    )


# Create and edit ----------------------------------------------------------------------


def _database_lost_during_save(request, form, story):
    """The database went away between reading the form and saving it: show the form again
    with everything typed and a message, status 503, without touching the database.

    The form's choices were read before the save (freeze_choices); Django does not save
    the session of a 5xx response, so the user stays logged in.
    """
    close_broken_connections()
    form.add_error(
        None,
        _(
            "Databasen svarer ikke lige nu, så fortællingen er IKKE gemt. Det, du har "
            "skrevet, står stadig herunder. Vent et øjeblik, og tryk på »Gem fortællingen« "
            "igen."
        ),
    )
    response = render(
        request, "stories/story_form.html", {"form": form, "story": story}, status=503
    )
    response["Retry-After"] = "10"
    return response


@role_required(STAFF)
def story_create(request):
    form = StoryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.freeze_choices()
        try:
            story = services.create_story(
                user=request.user,
                values=form.story_values(),
                domains=form.cleaned_data["domains"],
                consent=form.consent_dates(),
                consent_details=form.consent_details(),
            )
        except DATABASE_DOWN_ERRORS:
            return _database_lost_during_save(request, form, None)
        messages.success(request, _("Fortællingen er gemt."))
        return redirect(story)
    return render(request, "stories/story_form.html", {"form": form, "story": None})


@role_required(STAFF)
def story_edit(request, pk):
    story = get_object_or_404(
        Story.objects.select_related(
            "consent_analysis_by", "consent_report_by", "consent_publish_by", "withdrawn_by"
        ),
        pk=pk,
    )
    form = StoryForm(request.POST or None, instance=story, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.freeze_choices()
        try:
            story = services.update_story(
                story.pk,
                user=request.user,
                values=form.story_values(),
                domains=form.cleaned_data["domains"],
                consent=form.consent_dates(),
                consent_details=form.consent_details(),
            )
        except DATABASE_DOWN_ERRORS:
            return _database_lost_during_save(request, form, story)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(story)
    return render(request, "stories/story_form.html", {"form": form, "story": story})


# Withdraw and erase -------------------------------------------------------------------


@role_required(STAFF)
@require_http_methods(["GET", "POST"])
def story_withdraw(request, pk):
    """Withdraw one consent scope, or all of it for good (?omfang=<scope> preselects one)."""
    story = get_object_or_404(Story, pk=pk)
    if story.is_withdrawn:
        messages.info(request, _("Samtykket er allerede trukket tilbage."))
        return redirect(story)
    initial = {"scope": request.GET.get("omfang", "")}
    form = WithdrawForm(
        request.POST if request.method == "POST" else None, story=story, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        scope = form.chosen_scope()
        story = services.withdraw_consent(story.pk, user=request.user, scope=scope)
        if scope is None:
            message = _(
                "Samtykket er trukket tilbage. Fortællingen vises ikke længere i workshops, "
                "rapporten, eksporter eller på den offentlige side."
            )
        else:
            message = str(WITHDRAWN_MESSAGES[scope])
        messages.success(request, message)
        return redirect(story)
    return render(request, "stories/story_withdraw.html", {"story": story, "form": form})


@role_required(STAFF)
def story_consent_form(request, pk):
    """A printable easy-read consent form for the story: one line per scope with tick
    boxes, the story's pseudonymous code (never its text or title). Audited as a print."""
    story = get_object_or_404(Story.objects.only("id", "storyteller_code"), pk=pk)
    audit.record(request.user, audit.Action.PRINT, story, side="samtykkeerklæring")
    return render(
        request,
        "stories/consent_form.html",
        {
            "story": story,
            "organisation": getattr(settings, "AKTIV_ORGANISATION_NAME", "Aalborg AKTIV"),
        },
    )


WITHDRAWN_MESSAGES = {
    "analysis": gettext_lazy(
        "Samtykket til analyse er trukket tilbage. Fortællingen læses ikke længere i "
        "workshops, og en workshops udvælgelse af den er fjernet. De andre samtykker gælder "
        "stadig."
    ),
    "report": gettext_lazy(
        "Samtykket til læringsrapporten er trukket tilbage. Ledere kan ikke længere læse "
        "fortællingen, og rapporten citerer den ikke. De andre samtykker gælder stadig."
    ),
    "publish": gettext_lazy(
        "Samtykket til den offentlige side er trukket tilbage. Fortællingen vises ikke "
        "længere for alle. De andre samtykker gælder stadig."
    ),
}


@role_required(STAFF)
@require_http_methods(["GET", "POST"])
def story_erase(request, pk):
    story = get_object_or_404(Story, pk=pk)
    form = ConfirmForm(
        request.POST if request.method == "POST" else None,
        label=_("Ja, slet fortællingen og al dens tekst for altid."),
    )
    if request.method == "POST" and form.is_valid():
        story_id, label = story.pk, story.audit_label()
        try:
            services.erase_story(story, user=request.user)
        except ProtectedError:
            messages.error(
                request, _("Fortællingen kan ikke slettes, fordi den bruges andre steder.")
            )
            return redirect("stories:detail", pk=story_id)
        messages.success(request, _("%(label)s er slettet for altid.") % {"label": label})
        return redirect("stories:list")
    return render(request, "stories/story_erase.html", {"story": story, "form": form})


# Import -------------------------------------------------------------------------------


@role_required(STAFF)
def story_import(request):
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size >= importer.MAX_BYTES:
                raise importer.ImportFileError(importer._too_big())
            result = importer.parse(upload.read())
        except importer.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            token = services.stage_import(user=request.user, result=result)
            return redirect("stories:import_preview", token=token)
    return render(
        request,
        "stories/story_import.html",
        {"form": form, "columns": importer.COLUMNS},
    )


def _import_template(request, file_format):
    """An import file to fill in: the Danish column names and two example rows."""
    names = list(
        Domain.objects.filter(is_active=True)
        .order_by("order", "name")
        .values_list("name", flat=True)[:2]
    )
    rows = export.template_rows(names, timezone.localdate())
    columns = export.IMPORT_COLUMNS
    if file_format == "csv":
        response = HttpResponse(export.csv_text(columns, rows), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(export.xlsx_bytes(columns, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="importskabelon.{file_format}"'
    return response


@role_required(STAFF)
def story_import_template_csv(request):
    return _import_template(request, "csv")


@role_required(STAFF)
def story_import_template_xlsx(request):
    return _import_template(request, "xlsx")


@role_required(STAFF)
@require_http_methods(["GET", "POST"])
def story_import_preview(request, token):
    if request.method == "POST":
        return _confirm_import(request, token)
    pending = get_object_or_404(
        PendingImport.objects.defer("rows"),
        token=token,
        user=request.user,
        created_at__gte=timezone.now() - services.PENDING_IMPORT_LIFETIME,
    )
    preview = pending.preview
    page = paging.page_of(preview, request.GET.get("side"), PREVIEW_PAGE_SIZE, total=len(preview))
    page.object_list = [_preview_entry(entry) for entry in page.object_list]
    return render(
        request,
        "stories/story_import_preview.html",
        {"pending": pending, "page": page, "counts": pending.counts, "query": ""},
    )


CONSENT_SCOPE_NAMES = {
    "analysis": gettext_lazy("Analyse"),
    "report": gettext_lazy("Rapport"),
    "publish": gettext_lazy("Offentlig"),
}


def _preview_entry(entry):
    """A preview row for the page: dates as dates, consent as [(scope name, date)]."""

    def as_date(value):
        return datetime.date.fromisoformat(value) if value else None

    labels = {
        "giver": dict(Story.ConsentGiver.choices),
        "how": dict(Story.ConsentHow.choices),
    }
    return {
        **entry,
        "collected_on": as_date(entry.get("collected_on")),
        "consent": [
            (CONSENT_SCOPE_NAMES[scope], as_date(given_on))
            for scope, given_on in (entry.get("consent") or {}).items()
        ],
        "consent_giver": labels["giver"].get(entry.get("consent_giver"), ""),
        "consent_how": labels["how"].get(entry.get("consent_how"), ""),
    }


def _confirm_import(request, token):
    try:
        if request.POST.get("action") == "cancel":
            services.cancel_import(token, user=request.user)
            messages.info(request, _("Importen er annulleret. Intet er gemt."))
            return redirect("stories:import")
        count = services.confirm_import(
            token, user=request.user, skip_duplicates=bool(request.POST.get("skip_duplicates"))
        )
    except services.ImportGone:
        messages.info(request, _("Importen er allerede gemt eller annulleret."))
        return redirect("stories:import")
    except services.ImportHasProblems:
        messages.error(
            request, _("Filen har rækker med problemer. Ret dem i filen, og indlæs den igen.")
        )
        return redirect("stories:import_preview", token=token)
    messages.success(request, _("%(count)d fortællinger er importeret.") % {"count": count})
    return redirect("stories:list")


# Export -------------------------------------------------------------------------------


def _export(request, file_format):
    if response := _require_login(request):
        return response
    user = request.user
    if has_role(user, STAFF):
        form = StoryFilterForm(request.GET or None)
        queryset = export.staff_queryset(form.filter(Story.objects.all()))
        columns, rows = export.STAFF_COLUMNS, export.staff_rows(queryset)
    elif has_role(user, MANAGER):
        form = StoryFilterForm(request.GET or None, restricted=True)
        queryset = export.manager_queryset(form.filter(Story.objects.all()))
        columns, rows = export.MANAGER_COLUMNS, export.manager_rows(queryset)
    else:
        raise PermissionDenied
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = sorted(name for name, value in cleaned.items() if value)
    audit.record(
        request.user,
        audit.Action.EXPORT,
        object_type="stories.story",
        label=_("Eksport af fortællinger"),
        format=file_format,
        filtre=filters,
    )
    stamp = timezone.localdate().isoformat()
    if file_format == "csv":
        response = StreamingHttpResponse(
            export.csv_chunks(columns, rows), content_type=CSV_CONTENT_TYPE
        )
    else:
        response = HttpResponse(export.xlsx_bytes(columns, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="fortaellinger-{stamp}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response


def story_export_csv(request):
    return _export(request, "csv")


def story_export_xlsx(request):
    return _export(request, "xlsx")


# Collection rounds --------------------------------------------------------------------


@role_required(STAFF)
def round_list(request):
    rounds = CollectionRound.objects.annotate(story_count=Count("stories")).order_by(
        "-starts_on", "-id"
    )
    return render(request, "stories/round_list.html", {"rounds": rounds})


@role_required(STAFF)
def round_create(request):
    form = CollectionRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_round(user=request.user, **form.cleaned_data)
        messages.success(request, _("Runden er oprettet."))
        return redirect("stories:rounds")
    return render(request, "stories/round_form.html", {"form": form, "round": None})


@role_required(STAFF)
def round_edit(request, pk):
    round_ = get_object_or_404(CollectionRound, pk=pk)
    form = CollectionRoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        services.update_round(round_.pk, user=request.user, **form.cleaned_data)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect("stories:rounds")
    return render(request, "stories/round_form.html", {"form": form, "round": round_})


# A citizen's access request -----------------------------------------------------------

ACCESS_REQUEST_PAGE_SIZE = 50


@admin_required
def access_request(request):
    """Every logged view of the stories of one storyteller code, for a citizen's request.

    The audit log names stories by id; the code is resolved to the ids of the stories that
    still exist (an erased story has no code any more, which the page says). A fixed number
    of queries: the story ids, the count and one page of events.
    """
    form = AccessRequestForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["code"]
        story_ids = list(
            Story.objects.filter(storyteller_code=code).order_by("id").values_list("id", flat=True)
        )
        events = (
            AuditEvent.objects.filter(
                action=AuditEvent.Action.VIEW,
                object_type="stories.story",
                object_id__in=[str(pk) for pk in story_ids],
            )
            .only("at", "username", "object_id", "object_label", "detail")
            .order_by("-at", "-id")
        )
        page = paging.page_of(events, request.GET.get("side"), ACCESS_REQUEST_PAGE_SIZE)
        if page.number == 1:
            audit.record(
                request.user,
                audit.Action.VIEW,
                object_type="aktiv.accessrequest",
                label="Indsigtsanmodning",
                fortaellerkode=code,
                fortaellinger=len(story_ids),
            )
        context.update(
            searched=True,
            code=code,
            story_ids=story_ids,
            page=page,
            query=_query_without_page(request),
        )
    return render(request, "stories/access_request.html", context)
