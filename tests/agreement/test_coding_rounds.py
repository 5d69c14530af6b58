"""Blind double coding rounds: creating, coding blind, agreement, disagreements, resolving."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreement import services
from agreement.models import CodingRound
from aktiv import roles
from aktiv.models import AuditEvent
from domains.models import Domain
from tests.factories import make_round, make_story, make_user

pytestmark = pytest.mark.django_db

# The browser test's round: coder B differs from A on the second story only.
A = [("glaede",), ("glaede",), ("laering",), ("laering",)]
B = [("glaede",), ("laering",), ("laering",), ("laering",)]


def _ids(slugs):
    return list(Domain.objects.filter(slug__in=slugs).values_list("pk", flat=True))


@pytest.fixture
def coders():
    return make_user(roles.STAFF, username="koder_a", password=None), make_user(
        roles.STAFF, username="koder_b", password=None
    )


@pytest.fixture
def round_(coders):
    stories = [
        make_story(f"Runde {i}", domains=("faellesskab",), consent=("analysis",)) for i in range(4)
    ]
    return services.create_round(
        user=coders[0],
        title="Forår",
        story_ids=[s.pk for s in stories],
        coder_ids=[c.pk for c in coders],
        domain_ids=list(Domain.objects.filter(is_active=True).values_list("pk", flat=True)),
    )


def _code_all(round_, coders, answers=(A, B)):
    stories = list(round_.stories.order_by("pk"))
    for coder, answer in zip(coders, answers, strict=True):
        for story, slugs in zip(stories, answer, strict=True):
            services.save_coding(round_.pk, user=coder, story_id=story.pk, domain_ids=_ids(slugs))
    return stories


def test_a_round_takes_only_stories_with_analysis_consent(client, coders):
    ok = make_story(consent=("analysis",))
    other = make_story(consent=("analysis",))
    refused = make_story(consent=("report",))
    client.force_login(coders[0])
    data = {
        "title": "Runde",
        "story_numbers": f"{ok.pk}, {refused.pk}",
        "coders": [c.pk for c in coders],
    }
    response = client.post(reverse("agreement:round_create"), data)
    assert response.status_code == 200
    assert f"har ikke samtykke til analyse: {refused.pk}" in response.content.decode()
    assert f'value="{ok.pk}, {refused.pk}"' in response.content.decode()  # kept as typed
    data["story_numbers"] = f"{ok.pk}, {other.pk}"
    response = client.post(reverse("agreement:round_create"), data)
    round_ = CodingRound.objects.get()
    assert response.status_code == 302
    assert set(round_.stories.values_list("pk", flat=True)) == {ok.pk, other.pk}
    assert AuditEvent.objects.filter(action="create", object_type="agreement.codinground").exists()


def test_a_random_sample_is_drawn_from_a_collection_round(client, coders):
    collection = make_round("2021")
    consented = [make_story(round=collection, consent=("analysis",)) for _ in range(6)]
    make_story(round=collection, consent=("publish",))
    client.force_login(coders[0])
    response = client.post(
        reverse("agreement:round_create"),
        {
            "title": "Udtræk",
            "collection_round": collection.pk,
            "sample_size": 3,
            "coders": [c.pk for c in coders],
        },
    )
    assert response.status_code == 302
    sample = set(CodingRound.objects.get().stories.values_list("pk", flat=True))
    assert len(sample) == 3 and sample <= {s.pk for s in consented}


def test_one_coder_is_refused_beside_the_field(client, coders):
    client.force_login(coders[0])
    story = make_story(consent=("analysis",))
    response = client.post(
        reverse("agreement:round_create"),
        {"title": "R", "story_numbers": f"{story.pk}", "coders": [coders[0].pk]},
    )
    assert "Vælg mindst to kodere." in response.content.decode()
    assert not CodingRound.objects.exists()


def test_coders_see_neither_each_other_nor_the_current_domains(client, coders, round_):
    story = round_.stories.order_by("pk").first()
    services.save_coding(round_.pk, user=coders[1], story_id=story.pk, domain_ids=_ids(["glaede"]))
    client.force_login(coders[0])
    page = client.get(reverse("agreement:code", args=[round_.pk, story.pk])).content.decode()
    assert story.text in page
    assert "checked" not in page  # neither B's glaede nor the story's own faellesskab
    detail = client.get(reverse("agreement:round", args=[round_.pk])).content.decode()
    assert "Enigheden vises, når alle kodere" in detail
    assert "Uenigheder" not in detail


def test_a_user_who_is_not_a_coder_cannot_code(client, round_):
    client.force_login(make_user(roles.STAFF, password=None))
    story = round_.stories.first()
    assert client.get(reverse("agreement:code", args=[round_.pk, story.pk])).status_code == 403


def test_agreement_and_disagreements_once_everyone_has_coded(client, coders, round_):
    stories = _code_all(round_, coders)
    client.force_login(coders[0])
    page = client.get(reverse("agreement:round", args=[round_.pk])).content.decode()
    # Per domain: glaede and laering kappa 0.5 (see test_statistics); the other eight
    # were chosen by nobody: cannot be computed. Overall, 40 decisions, 2 disagreements:
    # p_o = 38/40, p_e = (4·4 + 36·36)/1600 = 0.82, kappa = 0.13/0.18 = 0.72.
    assert "Samlet: 0,72" in page
    assert page.count("<td>0,50</td>") == 2
    assert page.count("kan ikke beregnes") == 8
    assert "bygger på 4 fortællinger" in page
    assert f"{stories[1].pk}: {stories[1].title}" in page
    assert f"{stories[0].pk}: {stories[0].title}" not in page


def test_coding_stops_when_the_round_is_closed(client, coders, round_):
    story = round_.stories.first()
    response = client.get(reverse("agreement:close", args=[round_.pk]))
    assert response.status_code in (302, 405)
    client.force_login(coders[1])  # not the organiser
    assert client.post(reverse("agreement:close", args=[round_.pk])).status_code == 403
    client.force_login(coders[0])
    client.post(reverse("agreement:close", args=[round_.pk]))
    with pytest.raises(services.RoundClosed):
        services.save_coding(round_.pk, user=coders[0], story_id=story.pk, domain_ids=[])
    page = client.get(reverse("agreement:round", args=[round_.pk])).content.decode()
    assert "kan ikke beregnes" in page  # nobody coded anything


def test_a_resolution_is_recorded_and_applied_through_the_stories_service(client, coders, round_):
    stories = _code_all(round_, coders)
    client.force_login(coders[0])
    url = reverse("agreement:resolve", args=[round_.pk, stories[1].pk])
    response = client.post(
        url, {"domains": _ids(["glaede", "laering"]), "note": "Begge dele", "apply": "on"}
    )
    assert response.status_code == 302
    assert set(stories[1].domains.values_list("slug", flat=True)) == {"glaede", "laering"}
    event = AuditEvent.objects.get(
        object_type="stories.story", action="edit", object_id=str(stories[1].pk)
    )
    assert event.detail["kilde"] == "kodningsrunde"
    page = client.get(reverse("agreement:round", args=[round_.pk])).content.decode()
    assert "sat på fortællingen" in page and "Begge dele" in page
    # A story the coders agreed on has nothing to resolve.
    assert (
        client.get(reverse("agreement:resolve", args=[round_.pk, stories[0].pk])).status_code == 404
    )


def test_a_withdrawn_consent_takes_the_story_out_of_the_round(client, coders, round_):
    from stories import services as story_services

    story = round_.stories.order_by("pk").first()
    story_services.withdraw_consent(story.pk, user=coders[0])
    client.force_login(coders[0])
    assert client.get(reverse("agreement:code", args=[round_.pk, story.pk])).status_code == 404
    page = client.get(reverse("agreement:round", args=[round_.pk])).content.decode()
    assert "3 fortællinger." in page


def test_the_round_page_runs_a_fixed_number_of_queries(client, coders):
    def queries(count):
        stories = [make_story(consent=("analysis",)) for _ in range(count)]
        round_ = services.create_round(
            user=coders[0],
            title="Q",
            story_ids=[s.pk for s in stories],
            coder_ids=[c.pk for c in coders],
            domain_ids=list(Domain.objects.filter(is_active=True).values_list("pk", flat=True)),
        )
        for coder in coders:
            for story in stories:
                services.save_coding(
                    round_.pk,
                    user=coder,
                    story_id=story.pk,
                    domain_ids=_ids(["glaede"] if story.pk % 2 else ["faellesskab"]),
                )
        client.force_login(coders[0])
        client.get(reverse("agreement:rounds"))  # the session's first request
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("agreement:round", args=[round_.pk])).status_code == 200
        return [q["sql"][:150] for q in ctx.captured_queries]

    small, large = queries(3), queries(12)
    assert len(small) == len(large), (small, large)


def test_three_coders_get_krippendorffs_alpha(client, coders, round_):
    third = make_user(roles.STAFF, username="koder_c", password=None)
    round_.coders.add(third)
    stories = list(round_.stories.order_by("pk"))
    answers = (A, A, B)  # C differs from A and B on story 2
    _code_all(round_, (*coders, third), answers)
    client.force_login(coders[0])
    page = client.get(reverse("agreement:round", args=[round_.pk])).content.decode()
    # GLÆDE per story (1,1,1) (1,1,0) (0,0,0) (0,0,0): n = 12, one unit holds the two
    # disagreeing pairs (o_01 = o_10 = 1), n_1 = 5, n_0 = 7: alpha = 1 - 11·2/(2·5·7) = 0.69.
    assert "Krippendorffs alfa" in page and '<th scope="col">Alfa</th>' in page
    assert page.count("<td>0,69</td>") == 2
    assert f"{stories[1].pk}: {stories[1].title}" in page


def test_the_services_refuse_a_story_whose_consent_was_withdrawn(coders, round_):
    from stories import services as story_services
    from stories.models import Story

    story = round_.stories.order_by("pk").first()
    story_services.withdraw_consent(story.pk, user=coders[0])
    with pytest.raises(Story.DoesNotExist):
        services.save_coding(round_.pk, user=coders[0], story_id=story.pk, domain_ids=[])
    with pytest.raises(Story.DoesNotExist):
        services.resolve(
            round_.pk, user=coders[0], story_id=story.pk, domain_ids=[], note="", apply=True
        )
