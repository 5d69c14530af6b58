"""Feedback to storytellers (MSC step 6): record it, and print an easy-read letter.

The letter says which workshops read the story and whether one selected it, so the page
combines stories and workshops and lives here in reports.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aktiv import audit
from aktiv.roles import STAFF, role_required
from stories import services as story_services
from stories.feedback_forms import FeedbackForm
from stories.models import Story
from workshops import report_selectors

from .builder import organisation_name


def _story(pk):
    return get_object_or_404(Story.objects.select_related("round"), pk=pk)


@role_required(STAFF)
def feedback_list(request, pk):
    story = _story(pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        story_services.record_feedback(story, user=request.user, **form.cleaned_data)
        messages.success(request, _("Tilbagemeldingen er gemt."))
        return redirect("reports:feedback", pk=story.pk)
    records = story.feedback.select_related("given_by")
    return render(
        request,
        "reports/feedback_list.html",
        {"story": story, "form": form, "records": records},
    )


@role_required(STAFF)
def feedback_letter(request, pk):
    """An easy-read letter to the storyteller: who read the story, was it selected, why."""
    story = _story(pk)
    has_analysis_consent = Story.objects.for_analysis().filter(pk=story.pk).exists()
    reading = report_selectors.workshops_that_read(story, has_analysis_consent)
    audit.record(request.user, audit.Action.VIEW, story, side="tilbagemeldingsbrev")
    return render(
        request,
        "reports/feedback_letter.html",
        {
            "story": story,
            "read": reading["read"],
            "selected": reading["selected"],
            "organisation": organisation_name(),
        },
    )
