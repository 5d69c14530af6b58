"""The pages that combine apps: the start page, the domain overview and summaries, and
the learning report (HTML, print, Word)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from aktiv import audit, page_cache
from aktiv.roles import FACILITATOR, MANAGER, STAFF, has_role, role_may, role_required
from domains.models import Domain

from . import services, summaries, wording
from .builder import build_report, learn_heading, organisation_name
from .forms import Choice, ReportTextForm
from .models import ReportText
from .overview import manager_overview
from .word import DOCX_CONTENT_TYPE, render_docx

SUMMARY_READERS = (STAFF, FACILITATOR, MANAGER)


def home(request):
    """Start page: what each role can do next; a welcome page for visitors."""
    context = {}
    if has_role(request.user, MANAGER):
        context["manager_overview"] = manager_overview(request.user)
    return render(request, "reports/home.html", context)


@role_required(*SUMMARY_READERS)
def domain_list(request):
    """The domains ranked by a chosen workshop, with story counts and cross tables."""

    def build():
        choice = Choice(request.GET)
        context = summaries.overview(request.user, choice.round, choice.workshop)
        context.update(choice=choice, query=urlencode(choice.query()))
        return context

    return page_cache.cached_page(
        request,
        "reports:domains",
        "reports/domain_list.html",
        "reports/_domain_list_body.html",
        build,
    )


@role_required(*SUMMARY_READERS)
def domain_detail(request, slug):
    """A domain's summary in the report's order of sections."""
    domain = get_object_or_404(Domain, slug=slug)

    def build():
        choice = Choice(request.GET)
        context = summaries.summary(request.user, domain, choice.round, choice.workshop)
        context.update(
            domain=domain,
            choice=choice,
            query=urlencode(choice.query()),
            learn_heading=learn_heading(),
            organisation=organisation_name(),
            groups_sentence=wording.groups_discussed_sentence(context["groups"])
            if context["groups"]
            else "",
        )
        return context

    return page_cache.cached_page(
        request,
        "reports:domain",
        "reports/domain_detail.html",
        "reports/_domain_detail_body.html",
        build,
        page_context={"domain": domain},
    )


def _report_context(request):
    choice = Choice(request.GET)
    report = build_report(choice.round, choice.workshop)
    return {
        "choice": choice,
        "report": report,
        "query": urlencode(choice.query()),
        "can_edit_texts": _can_edit_texts(request.user),
    }


def _can_edit_texts(user):
    return has_role(user, STAFF) and role_may(user, "reports.change_reporttext")


def _audit_detail(report):
    detail = {}
    if report.round is not None:
        detail.update(runde=report.round.name, runde_id=report.round.pk)
    if report.workshop is not None:
        detail["workshop_id"] = report.workshop.pk
    return detail


@never_cache
@role_required(STAFF, MANAGER)
def report(request):
    can_edit = _can_edit_texts(request.user)
    return page_cache.cached_page(
        request,
        "reports:report",
        "reports/report.html",
        "reports/_report_page_body.html",
        lambda: _report_context(request),
        vary=(can_edit,),
    )


@never_cache
@role_required(STAFF, MANAGER)
def printable_report(request):
    """The print layout (no navigation); each visit is audited as a print."""
    context = _report_context(request)
    audit.record(
        request.user,
        audit.Action.PRINT,
        object_type="reports.report",
        label=_("Læringsrapport"),
        **_audit_detail(context["report"]),
    )
    return render(request, "reports/report_print.html", context)


@never_cache
@role_required(STAFF, MANAGER)
def report_word(request):
    """The report as .docx; audited as an export."""
    context = _report_context(request)
    report = context["report"]
    content = render_docx(report)
    audit.record(
        request.user,
        audit.Action.EXPORT,
        object_type="reports.report",
        label=_("Læringsrapport"),
        format="docx",
        **_audit_detail(report),
    )
    name = "laeringsrapport"
    if report.round is not None:
        name += "-" + "".join(c if c.isalnum() else "-" for c in report.round.name)
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


@role_required(STAFF)
@permission_required("reports.change_reporttext", raise_exception=True)
def text_edit(request, key):
    text = get_object_or_404(ReportText, key=key)
    form = ReportTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        services.update_text(key, user=request.user, **form.cleaned_data)
        messages.success(request, _("Teksten er gemt."))
        return redirect(reverse("reports:report") + f"#report-{_anchor(key)}")
    return render(request, "reports/text_form.html", {"form": form, "text": text})


def _anchor(key):
    return {"preface_closing": "preface"}.get(key, key)
