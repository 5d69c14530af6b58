"""The Django admin goes through the services: no change of a story bypasses the rules."""

import pytest

from aktiv.models import AuditEvent
from stories.models import Erasure, Story
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_deleting_a_story_in_the_admin_is_an_erasure_with_ledger_and_audit(admin_client_):
    story = make_story(title="Slettes i admin")
    response = admin_client_.post(f"/admin/stories/story/{story.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Story.objects.filter(pk=story.pk).exists()
    assert Erasure.objects.filter(story_id=story.pk, erased_by_username="admin").exists()
    event = AuditEvent.objects.get(action="delete", object_id=str(story.pk))
    assert event.object_label == f"Fortælling #{story.pk}"
    assert "Slettes i admin" not in str(event.detail)


def test_deleting_stories_with_the_admin_action_erases_each(admin_client_):
    stories = [make_story(title=f"Masse {i}") for i in range(3)]
    response = admin_client_.post(
        "/admin/stories/story/",
        {
            "action": "delete_selected",
            "_selected_action": [s.pk for s in stories],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Story.objects.exists()
    assert set(Erasure.objects.values_list("story_id", flat=True)) == {s.pk for s in stories}
    assert AuditEvent.objects.filter(action="delete").count() == 3


def test_editing_a_story_in_the_admin_is_audited_with_the_changed_fields(admin_client_):
    story = make_story(title="Før")
    page = admin_client_.get(f"/admin/stories/story/{story.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data["domains"] = [d.pk for d in story.domains.all()]
    data["title"] = "Efter"
    response = admin_client_.post(f"/admin/stories/story/{story.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Story.objects.get(pk=story.pk).title == "Efter"
    event = AuditEvent.objects.get(action="edit", object_id=str(story.pk))
    assert event.detail == {"felter": ["title"]}
