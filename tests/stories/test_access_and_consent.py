"""Who sees which story, withdrawal, erasure, and the audit trail of it all."""

import pytest
from django.db import IntegrityError, transaction

from aktiv.models import AuditEvent
from stories.models import Feedback, Story
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db

SECRET_CODE = "Q-987"


@pytest.fixture
def stories(staff_user):
    return {
        "draft": make_story(title="Kladden", status="draft", consent=("analysis", "report")),
        "none": make_story(title="Uden samtykke"),
        "analysis": make_story(title="Kun analyse", consent=("analysis",)),
        "report": make_story(
            title="Til rapporten",
            consent=("analysis", "report"),
            storyteller_code=SECRET_CODE,
            user=staff_user,
        ),
        "public": make_story(title="Offentlig", consent=("analysis", "report", "publish")),
    }


# Querysets ------------------------------------------------------------------------------


def test_consent_querysets_hold_exactly_the_consented_ready_stories(stories):
    titles = lambda qs: set(qs.values_list("title", flat=True))  # noqa: E731
    assert titles(Story.objects.for_analysis()) == {"Kun analyse", "Til rapporten", "Offentlig"}
    assert titles(Story.objects.for_report()) == {"Til rapporten", "Offentlig"}
    assert titles(Story.objects.for_public()) == {"Offentlig"}


def test_withdrawal_removes_a_story_from_every_consent_queryset_at_once(stories, staff_user):
    story = stories["public"]
    story.withdraw(staff_user)
    story.save()
    story.refresh_from_db()
    assert story.withdrawn_by == staff_user
    for scope in Story.CONSENT_SCOPES:
        assert getattr(story, f"consent_{scope}_on") is None
        assert getattr(story, f"consent_{scope}_by") is None
    for queryset in ("for_analysis", "for_report", "for_public"):
        assert not getattr(Story.objects, queryset)().filter(pk=story.pk).exists()


def test_database_refuses_consent_on_a_withdrawn_story(stories, staff_user):
    story = stories["report"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(withdrawn_at="2021-01-01T00:00:00Z")


# Pages per role -------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login_from_every_story_page(client, stories):
    pk = stories["public"].pk
    for path in [
        "/stories/",
        "/stories/new/",
        f"/stories/{pk}/",
        f"/stories/{pk}/edit/",
        f"/stories/{pk}/withdraw/",
        f"/stories/{pk}/erase/",
        "/stories/import/",
        "/stories/export.csv",
        "/stories/export.xlsx",
        "/stories/rounds/",
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path


def test_user_without_role_gets_403_everywhere(participant_client, stories):
    pk = stories["public"].pk
    for path in ["/stories/", f"/stories/{pk}/", "/stories/export.csv", "/stories/new/"]:
        assert participant_client.get(path).status_code == 403, path


def test_staff_sees_every_story_including_drafts_and_the_count(staff_client, stories):
    body = staff_client.get("/stories/").content.decode()
    for title in ["Kladden", "Uden samtykke", "Kun analyse", "Til rapporten", "Offentlig"]:
        assert title in body
    assert "5 fortællinger" in body


def test_staff_detail_shows_code_collector_and_consent_and_is_audited(
    staff_client, stories, staff_user
):
    story = stories["report"]
    body = staff_client.get(f"/stories/{story.pk}/").content.decode()
    assert SECRET_CODE in body
    assert staff_user.username in body
    assert "Må citeres anonymt i læringsrapporten" in body
    event = AuditEvent.objects.get(action="view")
    assert event.object_label == f"Fortælling #{story.pk}"
    assert event.username == staff_user.username


def test_manager_list_holds_only_report_stories_without_code_or_collector(manager_client, stories):
    response = manager_client.get("/stories/")
    body = response.content.decode()
    assert "Til rapporten" in body and "Offentlig" in body
    for hidden in ["Kladden", "Uden samtykke", "Kun analyse", SECRET_CODE, "medarbejder"]:
        assert hidden not in body
    assert "2 fortællinger" in body


def test_manager_detail_shows_only_title_domains_employment_and_text(manager_client, stories):
    story = stories["report"]
    response = manager_client.get(f"/stories/{story.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert story.title in body and story.text in body and "GLÆDE" in body
    assert "Job med løntilskud" in body
    assert SECRET_CODE not in body
    assert "medarbejder" not in body
    assert story.significance not in body
    # What reaches the template is only what a manager may see.
    assert set(vars(response.context["story"])) == {
        "pk",
        "title",
        "text",
        "employment_type",
        "domains",
        "significance",
        "told_by",
    }
    assert response.context["story"].significance == ""
    assert AuditEvent.objects.filter(action="view", object_id=str(story.pk)).count() == 1


def test_manager_gets_404_for_stories_without_report_consent(manager_client, stories):
    for key in ["draft", "none", "analysis"]:
        assert manager_client.get(f"/stories/{stories[key].pk}/").status_code == 404


def test_manager_cannot_create_edit_withdraw_erase_or_import(manager_client, stories):
    pk = stories["report"].pk
    for path in [
        "/stories/new/",
        f"/stories/{pk}/edit/",
        f"/stories/{pk}/withdraw/",
        f"/stories/{pk}/erase/",
        "/stories/import/",
        "/stories/rounds/",
    ]:
        assert manager_client.get(path).status_code == 403, path


def test_facilitator_reads_analysis_stories_on_the_detail_page_only(facilitator_client, stories):
    assert facilitator_client.get("/stories/").status_code == 403
    story = stories["analysis"]
    response = facilitator_client.get(f"/stories/{story.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert story.text in body and story.significance in body
    report = stories["report"]
    body = facilitator_client.get(f"/stories/{report.pk}/").content.decode()
    assert SECRET_CODE not in body and "medarbejder" not in body
    for key in ["draft", "none"]:
        assert facilitator_client.get(f"/stories/{stories[key].pk}/").status_code == 404


def test_withdrawal_makes_the_story_vanish_from_the_managers_view(
    staff_client, manager_client, stories
):
    story = stories["report"]
    assert story.title in manager_client.get("/stories/").content.decode()
    confirm = staff_client.get(f"/stories/{story.pk}/withdraw/")
    assert "Alt samtykke, for altid" in confirm.content.decode()
    # Without the confirmation box: nothing happens.
    response = staff_client.post(f"/stories/{story.pk}/withdraw/", {})
    assert response.status_code == 200 and "Sæt kryds for at bekræfte." in response.content.decode()
    story.refresh_from_db()
    assert story.withdrawn_at is None
    response = staff_client.post(
        f"/stories/{story.pk}/withdraw/", {"scope": "all", "confirm": "on"}
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.withdrawn_at is not None and story.consent_report_on is None
    assert story.title not in manager_client.get("/stories/").content.decode()
    assert manager_client.get(f"/stories/{story.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="withdraw", object_id=str(story.pk)).count() == 1
    # Staff still see it, marked as withdrawn.
    assert (
        "Samtykket er trukket tilbage."
        in staff_client.get(f"/stories/{story.pk}/").content.decode()
    )


def test_erasure_deletes_the_story_for_real_and_audits_only_its_number(
    staff_client, stories, staff_user
):
    story = stories["report"]
    Feedback.objects.create(story=story, given_on="2021-01-01", how="letter")
    response = staff_client.post(f"/stories/{story.pk}/erase/", {})
    assert response.status_code == 200
    assert Story.objects.filter(pk=story.pk).exists()
    response = staff_client.post(f"/stories/{story.pk}/erase/", {"confirm": "on"})
    assert response.status_code == 302
    assert not Story.objects.filter(pk=story.pk).exists()
    assert not Feedback.objects.filter(story_id=story.pk).exists()
    event = AuditEvent.objects.get(action="delete")
    assert event.object_label == f"Fortælling #{story.pk}"
    assert event.object_id == str(story.pk)
    assert event.username == staff_user.username
    dump = str(list(AuditEvent.objects.values()))
    assert story.title not in dump and story.text not in dump


def test_longitudinal_view_lists_the_storytellers_other_stories(staff_client):
    first = make_story(title="Første gang", storyteller_code="B-050", collected_on="2018-01-01")
    second = make_story(title="Anden gang", storyteller_code="B-050", collected_on="2020-01-01")
    make_story(title="En andens", storyteller_code="B-051")
    body = staff_client.get(f"/stories/{second.pk}/").content.decode()
    assert "Første gang" in body and f"/stories/{first.pk}/" in body
    assert "En andens" not in body


def test_user_with_staff_and_manager_roles_gets_the_staff_view(client, stories):
    from aktiv import roles

    client.force_login(make_user(roles.STAFF, roles.MANAGER))
    body = client.get("/stories/").content.decode()
    assert "Kladden" in body
