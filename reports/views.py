"""The pages that combine apps: the start page, the domain overview and summaries, and
the learning report (HTML, print, Word) of one report edition.

A published edition is served from its frozen copy (never rebuilt per view); one that
lost a story's consent since is shown only as a mark with the way to rebuild it. An
edition being prepared is built from the data, its body cached between writes
(aktiv.page_cache).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from aktiv import audit, page_cache
from aktiv.roles import FACILITATOR, MANAGER, STAFF, has_role, role_required

from . import editions, placeholders, services, summaries, wording
from .blocks import blocks
from .builder import build_report, learn_heading, organisation_name
from .forms import EditionChoice, ReportTextForm
from .models import Edition, ReportText
from .overview import manager_overview
from .word import DOCX_CONTENT_TYPE, render_docx

# The app's stylesheet, on its cached pages (aktiv.page_cache).
STYLESHEET = "reports/reports.css"

SUMMARY_READERS = (STAFF, FACILITATOR, MANAGER)
REPORT_READERS = (STAFF, FACILITATOR, MANAGER)


def home(request):
    """Start page: what each role can do next; a welcome page for visitors."""
    context = {}
    if has_role(request.user, MANAGER):
        context["manager_overview"] = manager_overview(request.user)
    return render(request, "reports/home.html", context)


@role_required(*SUMMARY_READERS)
def domain_list(request):
    """The domains ranked by a report edition, with story counts and cross tables."""

    def build():
        choice = EditionChoice(request.GET)
        context = summaries.overview(request.user, choice.edition)
        context.update(
            choice=choice,
            query=urlencode(choice.query()),
            may_prepare=editions.may_prepare(request.user),
        )
        return context

    return page_cache.cached_page(
        request,
        "reports:domains",
        "reports/_domain_list_body.html",
        build,
        title=_("Forandringsområder"),
        stylesheet=STYLESHEET,
    )


@role_required(*SUMMARY_READERS)
def domain_detail(request, slug):
    """A domain's summary in the report's order of sections."""

    def build():
        choice = EditionChoice(request.GET)
        context = summaries.summary(request.user, slug, choice.edition)
        context.update(
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
        "reports/_domain_detail_body.html",
        build,
        title=lambda context: context["domain"].name,
        stylesheet=STYLESHEET,
    )


# --- the report -----------------------------------------------------------------------------


def _audit_detail(edition):
    detail = {"udgave_id": edition.pk, "udgivet": edition.is_published}
    return detail


def _tools(request, choice):
    edition = choice.edition
    return {
        "choice": choice,
        "edition": edition,
        "query": urlencode(choice.query()),
        "may_prepare": editions.may_prepare(request.user),
        "can_edit_texts": editions.may_edit_texts(request.user, edition),
        "may_publish": editions.may_publish(request.user, edition),
    }


def _frozen_body(edition):
    html = Edition.objects.filter(pk=edition.pk).values_list("frozen_html", flat=True).first()
    return mark_safe(html or "")  # noqa: S308 (rendered by our own templates when published)


@never_cache
@role_required(*REPORT_READERS)
def report(request):
    """The chosen edition: a published one from its frozen copy, one being prepared built
    from the data. The edition list and the tools are part of the cached body, so a
    cached view reads nothing of its own: the editions are data like the rest (their
    versions are in the key), and what differs per reader is the roles (in the key) and,
    for a manager, whether they sign the edition shown (`editions.signer_key`)."""

    def build():
        choice = EditionChoice(request.GET)
        context = _tools(request, choice)
        edition = choice.edition
        if edition is None:
            context["title"] = _("Læringsrapport")
        elif edition.is_published:
            # The frozen copy (tens of kB) is read only when the body is not cached; a
            # consent mark or a rebuild changes the edition's row, so the key, at once.
            context["frozen"] = None if edition.is_stale else _frozen_body(edition)
        else:
            context["report"] = build_report(edition)
        return context

    return page_cache.cached_page(
        request,
        "reports:report",
        "reports/_report_view_body.html",
        build,
        title=lambda context: context["edition"].title if context["edition"] else context["title"],
        stylesheet=STYLESHEET,
        page_class="report-page",
        vary=(editions.signer_key(request.user),),
    )


@never_cache
@role_required(*REPORT_READERS)
def printable_report(request):
    """The print layout (no navigation); each visit is audited as a print."""
    choice = EditionChoice(request.GET)
    context = _tools(request, choice)
    edition = choice.edition
    if edition is None:
        return redirect("reports:report")
    if edition.is_published:
        if edition.is_stale:
            return redirect(edition.get_absolute_url())
        context["frozen"] = _frozen_body(edition)
    else:
        context["report"] = build_report(edition)
    audit.record(
        request.user,
        audit.Action.PRINT,
        edition,
        label=_("Læringsrapport"),
        **_audit_detail(edition),
    )
    return render(request, "reports/report_print.html", context)


@never_cache
@role_required(*REPORT_READERS)
def report_word(request):
    """The report as .docx (a published edition's stored file); audited as an export."""
    choice = EditionChoice(request.GET)
    edition = choice.edition
    if edition is None:
        return redirect("reports:report")
    if edition.is_published:
        if edition.is_stale:
            messages.warning(
                request,
                _(
                    "Udgaven skal genopbygges uden de fortællinger, der har mistet samtykket, "
                    "før den kan hentes."
                ),
            )
            return redirect(edition.get_absolute_url())
        content = Edition.objects.values_list("frozen_docx", flat=True).get(pk=edition.pk)
        content = bytes(content)
    else:
        from .models import WordTemplate

        template = WordTemplate.objects.order_by("-uploaded_at", "-id").first()
        content = render_docx(build_report(edition), template.content if template else None)
    audit.record(
        request.user,
        audit.Action.EXPORT,
        edition,
        label=_("Læringsrapport"),
        format="docx",
        **_audit_detail(edition),
    )
    name = "laeringsrapport-" + "".join(c if c.isalnum() else "-" for c in edition.title)[:60]
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    return response


# --- the standard texts new editions start from ------------------------------------------------


@role_required(STAFF, FACILITATOR, MANAGER)
@permission_required("reports.change_reporttext", raise_exception=True)
def text_edit(request, key):
    text = get_object_or_404(ReportText, key=key)
    form = ReportTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid() and "preview" not in request.POST:
        services.update_text(key, user=request.user, **form.cleaned_data)
        messages.success(request, _("Standardteksten er gemt. Den bruges i nye udgaver."))
        return redirect("reports:editions")
    return render(
        request,
        "reports/text_form.html",
        {
            "form": form,
            "text": text,
            "standard": True,
            "back": reverse("reports:editions"),
            **_preview_context(form, None),
        },
    )


def _preview_context(form, edition):
    """The placeholders with the values of `edition` (or of the default edition) and the
    typed text filled in with them."""
    if edition is None:
        edition = editions.default_of(editions.listing())
    values = build_report(edition).values if edition is not None else {}
    body = form["body"].value() or ""
    rows = []
    for name, description, number in placeholders.catalogue():
        rows.append(
            {
                "name": "{" + name + "}",
                "description": description,
                "value": values.get(name, "–"),
                "word": ("{" + name + "_ord}", values.get(name + "_ord", "–")) if number else None,
            }
        )
    return {
        "placeholders": rows,
        "preview_edition": edition,
        "preview": blocks(placeholders.fill(body, values)) if values else [],
        "unknown": placeholders.unknown(body),
    }
