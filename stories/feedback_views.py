"""Feedback to storytellers (MSC step 6): record it, and print an easy-read letter."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aktiv import audit
from aktiv.roles import STAFF, role_required
from reports.builder import organisation_name
from workshops import report_selectors

from .feedback_forms import FeedbackForm
from .models import Story


def _story(pk):
    return get_object_or_404(Story.objects.select_related("round"), pk=pk)


@role_required(STAFF)
def feedback_list(request, pk):
    story = _story(pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            feedback = form.save(commit=False)
            feedback.story = story
            feedback.given_by = request.user
            feedback.save()
            audit.record(request, audit.Action.CREATE, feedback, hvordan=feedback.how)
        messages.success(request, _("Tilbagemeldingen er gemt."))
        return redirect("feedback:list", pk=story.pk)
    records = story.feedback.select_related("given_by")
    return render(
        request,
        "stories/feedback_list.html",
        {"story": story, "form": form, "records": records},
    )


@role_required(STAFF)
def feedback_letter(request, pk):
    """An easy-read letter to the storyteller: who read the story, was it selected, why."""
    story = _story(pk)
    has_analysis_consent = Story.objects.for_analysis().filter(pk=story.pk).exists()
    reading = report_selectors.workshops_that_read(story, has_analysis_consent)
    audit.record(request, audit.Action.VIEW, story, side="tilbagemeldingsbrev")
    return render(
        request,
        "stories/feedback_letter.html",
        {
            "story": story,
            "read": reading["read"],
            "selected": reading["selected"],
            "organisation": organisation_name(),
        },
    )
