"""Pages of blind double coding and domain suggestions (staff: Medarbejder)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aktiv import audit
from aktiv.roles import STAFF, role_required
from domains.models import Domain
from stories.models import Story

from . import services, suggestions
from .forms import CodingForm, ResolutionForm, RoundForm, SuggestionForm
from .models import CodingRound
from .rounds import round_state


def _may_manage(user, round_):
    return user.is_superuser or round_.created_by_id == user.pk


@role_required(STAFF)
def round_list(request):
    rounds = CodingRound.objects.annotate(
        story_count=Count("stories", distinct=True), coder_count=Count("coders", distinct=True)
    ).order_by("-created_at", "-id")[:100]
    return render(request, "agreement/round_list.html", {"rounds": rounds})


@role_required(STAFF)
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round_ = services.create_round(
            user=request.user,
            title=form.cleaned_data["title"],
            story_ids=form.cleaned_data["story_ids"],
            coder_ids=[c.pk for c in form.cleaned_data["coders"]],
            # Every active domain is coded present or absent.
            domain_ids=list(Domain.objects.filter(is_active=True).values_list("pk", flat=True)),
        )
        messages.success(request, _("Kodningsrunden er oprettet."))
        return redirect("agreement:round", pk=round_.pk)
    return render(request, "agreement/round_form.html", {"form": form})


@role_required(STAFF)
def round_detail(request, pk):
    round_ = get_object_or_404(CodingRound, pk=pk)
    state = round_state(round_, request.user)
    return render(
        request,
        "agreement/round_detail.html",
        {"round": round_, "may_manage": _may_manage(request.user, round_), **state},
    )


@role_required(STAFF)
def code_story(request, pk, story_pk):
    round_ = get_object_or_404(CodingRound, pk=pk)
    if not round_.coders.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    story = get_object_or_404(
        Story.objects.for_analysis().filter(pk__in=round_.stories.values("pk")), pk=story_pk
    )
    if round_.closed_at is not None:
        messages.info(request, _("Runden er lukket; kodningen kan ikke ændres."))
        return redirect("agreement:round", pk=round_.pk)
    mine = round_.codings.filter(coder=request.user, story=story).first()
    initial = {"domains": list(mine.domains.values_list("pk", flat=True))} if mine else None
    form = CodingForm(request.POST or None, round_=round_, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_coding(
                round_.pk,
                user=request.user,
                story_id=story.pk,
                domain_ids=[d.pk for d in form.cleaned_data["domains"]],
            )
        except services.RoundClosed:
            messages.info(request, _("Runden er lukket; kodningen kan ikke ændres."))
            return redirect("agreement:round", pk=round_.pk)
        messages.success(request, _("Din kodning af fortælling %(pk)s er gemt.") % {"pk": story.pk})
        following = (
            Story.objects.for_analysis()
            .filter(pk__in=round_.stories.values("pk"))
            .exclude(pk__in=round_.codings.filter(coder=request.user).values("story_id"))
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if following is not None:
            return redirect("agreement:code", pk=round_.pk, story_pk=following)
        return redirect("agreement:round", pk=round_.pk)
    audit.record(request.user, audit.Action.VIEW, story, side="dobbeltkodning")
    return render(
        request,
        "agreement/code.html",
        {"round": round_, "story": story, "form": form, "mine": mine},
    )


@require_POST
@role_required(STAFF)
def round_close(request, pk):
    round_ = get_object_or_404(CodingRound, pk=pk)
    if not _may_manage(request.user, round_):
        raise PermissionDenied
    services.close_round(round_.pk, user=request.user)
    messages.success(request, _("Runden er lukket."))
    return redirect("agreement:round", pk=round_.pk)


@role_required(STAFF)
def resolve_story(request, pk, story_pk):
    round_ = get_object_or_404(CodingRound, pk=pk)
    state = round_state(round_, request.user)
    if not state["show_results"]:
        messages.info(request, _("Uenighederne vises, når alle har kodet eller runden er lukket."))
        return redirect("agreement:round", pk=round_.pk)
    item = next((d for d in state["disagreements"] if d["story"].pk == story_pk), None)
    if item is None:
        raise Http404
    initial = None
    if item["resolution"]:
        initial = {
            "domains": list(item["resolution"]["domains"]),
            "note": item["resolution"]["note"],
        }
    form = ResolutionForm(request.POST or None, round_=round_, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.resolve(
            round_.pk,
            user=request.user,
            story_id=story_pk,
            domain_ids=[d.pk for d in form.cleaned_data["domains"]],
            note=form.cleaned_data["note"],
            apply=form.cleaned_data["apply"],
        )
        messages.success(request, _("Afgørelsen er gemt."))
        return redirect("agreement:round", pk=round_.pk)
    return render(
        request, "agreement/resolve.html", {"round": round_, "item": item, "form": form, **state}
    )


@role_required(STAFF)
def suggestion_quality(request):
    built = suggestions.current() if suggestions.enabled() else None
    evaluation = built and built["evaluation"]
    rows = []
    if evaluation:
        rows = [
            {"domain": d, **evaluation["per_domain"][d.pk]}
            for d in built["domains"]
            if d.pk in evaluation["per_domain"]
        ]
    return render(
        request,
        "agreement/suggestions.html",
        {
            "enabled": suggestions.enabled(),
            "built": built,
            "evaluation": evaluation,
            "rows": rows,
            "minimum": suggestions.min_tagged_stories(),
            "folds": suggestions.FOLDS,
            "min_per_domain": suggestions.MIN_STORIES_PER_DOMAIN,
        },
    )


@role_required(STAFF)
def story_suggestions(request, story_pk):
    story = get_object_or_404(
        Story.objects.annotate(stems=suggestions.Lexemes("search_document")).only("pk", "title"),
        pk=story_pk,
    )
    current = set(story.domains.values_list("pk", flat=True))
    suggested, built = suggestions.for_story(story.stems, current)
    form = SuggestionForm(request.POST or None, suggested=suggested)
    if request.method == "POST" and suggested and form.is_valid():
        services.accept_suggestions(
            story.pk, user=request.user, domain_ids=form.cleaned_data["domains"]
        )
        messages.success(request, _("Forslagene er tilføjet fortællingen."))
        return redirect("stories:detail", pk=story.pk)
    return render(
        request,
        "agreement/story_suggestions.html",
        {
            "story": story,
            "suggested": suggested,
            "built": built,
            "enabled": suggestions.enabled(),
            "evaluation": built and built["evaluation"],
            "minimum": suggestions.min_tagged_stories(),
            "form": form,
        },
    )
