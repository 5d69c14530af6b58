"""Preparing report editions: the list, making and changing one, its texts with a
preview of the placeholders, publishing, rebuilding, the manifest; the organisation's
Word template; and writing a domain's texts beside the analysis workshops' answers.

Who may do what (reports.editions): facilitators and managers prepare editions; the
facilitator and the manager who signs edit an edition's texts; the manager who signs
publishes it; everyone who reads the report reads the list and the manifests.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from aktiv.roles import FACILITATOR, MANAGER, STAFF, admin_required, has_role, role_required
from domains import services as domain_services
from domains.models import Domain
from stories.models import CollectionRound
from workshops import report_selectors
from workshops.models import AnalysisNote

from . import editions, services
from .builder import learn_heading
from .forms import (
    DomainTextsForm,
    EditionForm,
    EditionTextForm,
    WordTemplateForm,
    new_edition_initial,
)
from .models import Edition, EditionText, WordTemplate
from .views import REPORT_READERS, _preview_context

MANIFEST_PAGE = 500


def _edition(pk):
    return get_object_or_404(
        Edition.objects.select_related("signed_by").defer("frozen_html", "frozen_docx"), pk=pk
    )


def _require(allowed):
    if not allowed:
        raise PermissionDenied


@role_required(*REPORT_READERS)
def edition_list(request):
    rows = list(
        Edition.objects.select_related("signed_by")
        .defer("frozen_html", "frozen_docx", "frozen_basis")
        .order_by("-status", "-published_at", "-dated", "-id")
    )
    template = WordTemplate.objects.only("name", "uploaded_at").first()
    return render(
        request,
        "reports/edition_list.html",
        {
            "editions": rows,
            "may_prepare": editions.may_prepare(request.user),
            "word_template": template,
        },
    )


@role_required(FACILITATOR, MANAGER)
def edition_create(request):
    round_ = None
    raw = request.GET.get("round", "")
    if raw.isdigit() and len(raw) < 19:
        round_ = CollectionRound.objects.filter(pk=int(raw)).first()
    initial, citizens = new_edition_initial(round_)
    form = EditionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.create_edition(user=request.user, **form.cleaned_data)
        except services.EditionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Udgaven er oprettet. Den er under udarbejdelse."))
            return redirect(edition.get_absolute_url())
    return render(
        request,
        "reports/edition_form.html",
        {"form": form, "edition": None, "citizens": citizens},
    )


@role_required(FACILITATOR, MANAGER)
def edition_edit(request, pk):
    edition = _edition(pk)
    if edition.is_published:
        messages.info(request, _("Udgaven er udgivet og kan ikke ændres. Lav en ny udgave."))
        return redirect(edition.get_absolute_url())
    form = EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_edition(edition.pk, user=request.user, **form.cleaned_data)
        except services.EditionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Udgaven er gemt."))
            return redirect(edition.get_absolute_url())
    return render(
        request, "reports/edition_form.html", {"form": form, "edition": edition, "citizens": []}
    )


@role_required(FACILITATOR, MANAGER)
def edition_text(request, pk, key):
    edition = _edition(pk)
    text = get_object_or_404(EditionText, edition=edition, key=key)
    if edition.is_published:
        messages.info(request, _("Udgaven er udgivet, og dens tekster kan ikke ændres."))
        return redirect(edition.get_absolute_url())
    _require(editions.may_edit_texts(request.user, edition))
    form = EditionTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid() and "preview" not in request.POST:
        try:
            services.update_edition_text(edition.pk, key, user=request.user, **form.cleaned_data)
        except services.EditionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Teksten er gemt."))
            anchor = {"preface_closing": "preface"}.get(key, key)
            return redirect(edition.get_absolute_url() + f"#report-{anchor}")
    return render(
        request,
        "reports/text_form.html",
        {
            "form": form,
            "text": text,
            "edition": edition,
            "back": edition.get_absolute_url(),
            **_preview_context(form, edition),
        },
    )


@role_required(FACILITATOR, MANAGER)
def edition_publish(request, pk):
    edition = _edition(pk)
    if edition.is_published:
        return redirect(edition.get_absolute_url())
    _require(editions.may_publish(request.user, edition))
    if request.method == "POST":
        try:
            services.publish_edition(edition.pk, user=request.user)
        except services.EditionError as exc:
            messages.error(request, str(exc))
            return redirect(edition.get_absolute_url())
        messages.success(
            request,
            _("Udgaven er udgivet. Den ligger nu fast: HTML, udskrift og Word er gemt, som de er."),
        )
        return redirect(edition.get_absolute_url())
    return render(request, "reports/edition_publish.html", {"edition": edition})


@role_required(FACILITATOR, MANAGER)
def edition_rebuild(request, pk):
    edition = _edition(pk)
    if not edition.is_published:
        return redirect(edition.get_absolute_url())
    if request.method == "POST":
        services.rebuild_edition(edition.pk, user=request.user)
        messages.success(
            request,
            _("Udgaven er genopbygget uden de fortællinger, der har mistet samtykket."),
        )
        return redirect(edition.get_absolute_url())
    return render(request, "reports/edition_rebuild.html", {"edition": edition})


@role_required(*REPORT_READERS)
def edition_manifest(request, pk):
    """Which stories (by number) and consents a published edition was built from."""
    edition = _edition(pk)
    if not edition.is_published:
        raise Http404
    rows = edition.manifest.order_by("story_id")
    total = rows.count()
    return render(
        request,
        "reports/edition_manifest.html",
        {
            "edition": edition,
            "rows": rows[:MANIFEST_PAGE],
            "total": total,
            "shown": min(total, MANIFEST_PAGE),
            "lost": rows.filter(lost_at__isnull=False).count(),
            "link_stories": has_role(request.user, STAFF),
        },
    )


# --- the organisation's Word template ----------------------------------------------------------


@admin_required
def word_template(request):
    current = WordTemplate.objects.only("name", "uploaded_at", "uploaded_by").first()
    form = WordTemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if "remove" in request.POST:
            services.remove_word_template(user=request.user)
            messages.success(request, _("Skabelonen er fjernet. Word-filen bruger standarden."))
            return redirect("reports:word_template")
        if form.is_valid():
            upload = request.FILES["file"]
            services.save_word_template(
                user=request.user, name=upload.name[:200], content=form.cleaned_data["file"]
            )
            messages.success(request, _("Skabelonen er gemt. Rapportens Word-fil bruger den nu."))
            return redirect("reports:word_template")
    return render(request, "reports/word_template.html", {"form": form, "current": current})


# --- a domain's texts beside the analysis answers ----------------------------------------------


@role_required(STAFF, FACILITATOR)
@permission_required("domains.change_domain", raise_exception=True)
def domain_texts(request, slug):
    domain = get_object_or_404(Domain, slug=slug)
    heading = learn_heading()
    form = DomainTextsForm(request.POST or None, instance=domain, learn_label=heading)
    if request.method == "POST" and form.is_valid():
        domain_services.update_domain(domain.pk, user=request.user, **form.cleaned_data)
        messages.success(request, _("Forandringsområdets tekster er gemt."))
        return redirect(reverse("reports:domain_texts", kwargs={"slug": domain.slug}))
    notes = [
        (
            workshop,
            [
                (AnalysisNote.question_text(value), by_question[value])
                for value in AnalysisNote.Question.values
                if by_question.get(value)
            ],
        )
        for workshop, by_question in report_selectors.analysis_notes(domain.pk)
    ]
    return render(
        request, "reports/domain_texts.html", {"domain": domain, "form": form, "notes": notes}
    )
