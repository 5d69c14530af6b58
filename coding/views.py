"""Coding pages: the overview (codebook, co-occurrence, exports), a story's excerpts, a
domain's sub-codes and memo. Staff and facilitators; stories with analysis consent only."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aktiv import audit
from aktiv.roles import FACILITATOR, STAFF, role_required
from domains.models import Domain
from stories.models import Story

from . import refi, selectors, services
from .forms import CodebookImportForm, CodeForm, ExcerptEditForm, ExcerptForm, MemoForm
from .models import Code, Excerpt

CODERS = (STAFF, FACILITATOR)
STORIES_SHOWN = 200


def _story_or_404(pk):
    story = Story.objects.for_analysis().select_related("round").filter(pk=pk).first()
    if story is None:
        raise Http404
    return story


def segments(text, excerpts):
    """The text cut at every excerpt's start and end: [(piece, marked)], so a page can
    mark the coded passages without JavaScript."""
    cuts = {0, len(text)}
    spans = [(e.start, e.end) for e in excerpts if not e.needs_review]
    for start, end in spans:
        cuts.update((min(start, len(text)), min(end, len(text))))
    points = sorted(cuts)
    pieces = []
    for left, right in zip(points, points[1:], strict=False):
        if right > left:
            marked = any(start <= left and right <= end for start, end in spans)
            pieces.append((text[left:right], marked))
    return pieces


@role_required(*CODERS)
def index(request):
    stories = selectors.coded_stories(STORIES_SHOWN + 1)
    domains, table = selectors.cooccurrence()
    rows = [
        {
            "domain": row,
            "cells": [
                table.get((min(row.pk, col.pk), max(row.pk, col.pk))) if row.pk != col.pk else None
                for col in domains
            ],
        }
        for row in domains
    ]
    return render(
        request,
        "coding/index.html",
        {
            "stories": stories[:STORIES_SHOWN],
            "more_stories": len(stories) > STORIES_SHOWN,
            "codebook": selectors.codebook(),
            "co_domains": domains,
            "co_rows": rows,
        },
    )


@role_required(*CODERS)
def story(request, pk):
    story = _story_or_404(pk)
    excerpt_form = ExcerptForm(request.POST if "add_excerpt" in request.POST else None)
    memo_form = MemoForm(
        request.POST if "save_memo" in request.POST else None,
        initial={"text": selectors.memo_text(story=story)},
    )
    if request.method == "POST" and "add_excerpt" in request.POST and excerpt_form.is_valid():
        data = excerpt_form.cleaned_data
        try:
            services.create_excerpt(
                story.pk,
                user=request.user,
                domains=data["domains"],
                codes=data.get("codes") or [],
                passage=data["passage"],
                start=data["start"],
                end=data["end"],
                quote=data["quote_candidate"],
            )
        except services.NotInText:
            if data["passage"]:
                excerpt_form.add_error(
                    "passage", _("Passagen står ikke sådan i fortællingen. Kopiér den præcist.")
                )
            else:
                excerpt_form.add_error("end", _("Tegnene ligger uden for fortællingens tekst."))
        else:
            messages.success(request, _("Uddraget er gemt."))
            return redirect("coding:story", pk=story.pk)
    if request.method == "POST" and "save_memo" in request.POST and memo_form.is_valid():
        services.save_memo(
            user=request.user, text=memo_form.cleaned_data["text"], story_id=story.pk
        )
        messages.success(request, _("Memoet er gemt."))
        return redirect("coding:story", pk=story.pk)
    excerpts = selectors.excerpts_of(story)
    audit.record(request.user, audit.Action.VIEW, story, side="kodning")
    return render(
        request,
        "coding/story.html",
        {
            "story": story,
            "excerpts": excerpts,
            "segments": segments(story.text, excerpts),
            "review_count": sum(1 for e in excerpts if e.needs_review),
            "form": excerpt_form,
            "memo_form": memo_form,
        },
    )


def _excerpt_or_404(pk):
    excerpt = (
        Excerpt.objects.filter(pk=pk, story__in=Story.objects.for_analysis())
        .select_related("story")
        .prefetch_related("domains", "codes")
        .first()
    )
    if excerpt is None:
        raise Http404
    return excerpt


@role_required(*CODERS)
def excerpt_edit(request, pk):
    excerpt = _excerpt_or_404(pk)
    initial = {
        "passage": excerpt.passage,
        "domains": list(excerpt.domains.all()),
        "codes": list(excerpt.codes.all()),
        "quote_candidate": excerpt.quote_candidate,
    }
    form = ExcerptEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_excerpt(
                excerpt.pk,
                user=request.user,
                domains=data["domains"],
                codes=data.get("codes") or [],
                quote=data["quote_candidate"],
                passage=data["passage"],
            )
        except services.NotInText:
            form.add_error(
                "passage", _("Passagen står ikke sådan i fortællingen. Kopiér den præcist.")
            )
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("coding:story", pk=excerpt.story_id)
    return render(request, "coding/excerpt_form.html", {"form": form, "excerpt": excerpt})


@require_POST
@role_required(*CODERS)
def excerpt_delete(request, pk):
    excerpt = _excerpt_or_404(pk)
    services.delete_excerpt(excerpt.pk, user=request.user)
    messages.success(request, _("Uddraget er slettet."))
    return redirect("coding:story", pk=excerpt.story_id)


@role_required(*CODERS)
def domain(request, slug):
    domain = get_object_or_404(Domain, slug=slug)
    code_form = CodeForm(request.POST if "save_code" in request.POST else None, domain=domain)
    memo_form = MemoForm(
        request.POST if "save_memo" in request.POST else None,
        initial={"text": selectors.memo_text(domain=domain)},
    )
    if request.method == "POST" and "save_code" in request.POST and code_form.is_valid():
        services.create_code(user=request.user, domain=domain, **code_form.cleaned_data)
        messages.success(request, _("Underkoden er gemt."))
        return redirect("coding:domain", slug=domain.slug)
    if request.method == "POST" and "save_memo" in request.POST and memo_form.is_valid():
        services.save_memo(user=request.user, text=memo_form.cleaned_data["text"], domain=domain)
        messages.success(request, _("Memoet er gemt."))
        return redirect("coding:domain", slug=domain.slug)
    codes = list(Code.objects.filter(domain=domain).order_by("name", "id"))
    return render(
        request,
        "coding/domain.html",
        {"domain": domain, "codes": codes, "code_form": code_form, "memo_form": memo_form},
    )


@role_required(*CODERS)
def code_edit(request, pk):
    code = get_object_or_404(Code.objects.select_related("domain"), pk=pk)
    form = CodeForm(request.POST or None, instance=code)
    if request.method == "POST" and form.is_valid():
        services.update_code(code.pk, user=request.user, **form.cleaned_data)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect("coding:domain", slug=code.domain.slug)
    return render(request, "coding/code_form.html", {"form": form, "code": code})


@role_required(*CODERS)
def export_project(request):
    data, counts = refi.project()
    services.record_export(user=request.user, what="REFI-QDA-projekt (.qdpx)", **counts)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="aktiv.qdpx"'
    return response


@role_required(*CODERS)
def export_codebook(request):
    data = refi.codebook_xml()
    services.record_export(user=request.user, what="REFI-QDA-kodebog (.qdc)")
    response = HttpResponse(data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aktiv-kodebog.qdc"'
    return response


@role_required(*CODERS)
def import_codebook(request):
    posted = request.method == "POST"
    form = CodebookImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size >= refi.MAX_CODEBOOK_BYTES:
                raise refi.CodebookError(_("Filen er for stor. En kodebog må højst fylde 2 MB."))
            found, unknown = refi.read_codebook(upload.read(refi.MAX_CODEBOOK_BYTES))
        except refi.CodebookError as exc:
            form.add_error("file", str(exc))
        else:
            if not found:
                form.add_error(
                    "file",
                    _("Ingen koder på øverste niveau hedder som et forandringsområde."),
                )
            else:
                added, skipped = services.import_codebook(
                    user=request.user, domain_codes=found, filename=upload.name or ""
                )
                messages.success(
                    request,
                    _("%(added)d underkoder er tilføjet, %(skipped)d fandtes i forvejen.")
                    % {"added": added, "skipped": skipped},
                )
                if unknown:
                    messages.warning(
                        request,
                        _("Ukendte forandringsområder sprunget over: %(names)s")
                        % {"names": ", ".join(unknown[:10])},
                    )
                return redirect("coding:index")
    return render(request, "coding/import.html", {"form": form})
