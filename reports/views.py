from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from aktiv import audit, page_cache
from aktiv.roles import MANAGER, STAFF, has_role, role_required

from .builder import build_report
from .forms import Choice, ReportTextForm
from .models import ReportText
from .word import DOCX_CONTENT_TYPE, render_docx


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
    return has_role(user, STAFF) and user.has_perm("reports.change_reporttext")


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
        request,
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
        request,
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
        text = form.save()
        audit.record(request, audit.Action.EDIT, text, felter=sorted(form.changed_data))
        messages.success(request, _("Teksten er gemt."))
        return redirect(reverse("reports:report") + f"#report-{_anchor(key)}")
    return render(request, "reports/text_form.html", {"form": form, "text": text})


def _anchor(key):
    return {"preface_closing": "preface"}.get(key, key)
