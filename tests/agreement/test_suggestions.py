"""Domain suggestions: learned on the server from the installation's own tagged stories,
labelled, added only on a click, measured against staff tags, off by a setting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreement import suggestions
from aktiv import roles
from aktiv.models import AuditEvent
from tests.factories import SUGGESTION_TEXTS, make_story, make_user, tagged_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = make_user(roles.STAFF, password=None)
    client.force_login(user)
    return user


def test_the_classifier_learns_words_per_domain():
    examples = [({"grin", "glæd"}, {1})] * 4 + [({"lær", "kursus"}, {2})] * 4
    model = suggestions.train(examples, [1, 2, 3])
    assert suggestions.predict(model, {"grin"}) == {1}
    assert suggestions.predict(model, {"kursus", "lær"}) == {2}
    assert 3 not in model  # no examples: never suggested


def test_cross_validation_scores_perfectly_separable_data_as_full_agreement():
    examples = [({"grin", "glæd"}, {1}), ({"lær", "kursus"}, {2})] * 10
    result = suggestions.cross_validate(examples, [1, 2])
    assert result["statistic"] == "kappa"
    assert result["overall"] == {"value": pytest.approx(1.0), "n": 20}
    assert result["per_domain"][1]["value"] == pytest.approx(1.0)


def test_with_too_few_tagged_stories_nothing_is_suggested_and_the_page_says_so(client, staff):
    story = make_story(consent=("analysis",))
    page = client.get(reverse("agreement:story_suggestions", args=[story.pk])).content.decode()
    assert "For få kodede fortællinger til forslag: 1 af mindst 20" in page
    assert "Tilføj de valgte forslag" not in page
    page = client.get(reverse("agreement:suggestions")).content.decode()
    assert "For få kodede fortællinger" in page


def test_suggestions_are_labelled_and_added_only_on_a_click(client, staff):
    tagged_corpus()
    new = make_story(
        "Ny",
        domains=(),
        consent=("analysis",),
        text="Jeg har lært at bruge maskinen og lærer nye ting.",
    )
    url = reverse("agreement:story_suggestions", args=[new.pk])
    page = client.get(url).content.decode()
    assert "Læring (forslag," in page or "LÆRING (forslag," in page
    assert "Forslag beregnet på serveren" in page
    assert not new.domains.exists()  # shown, not applied
    form_value = page.split('name="domains" value="')[1].split('"')[0]
    response = client.post(url, {"domains": [form_value]})
    assert response.status_code == 302
    assert list(new.domains.values_list("slug", flat=True)) == ["laering"]
    event = AuditEvent.objects.get(
        object_type="stories.story", action="edit", object_id=str(new.pk)
    )
    assert event.detail["kilde"] == "forslag"


def test_the_measured_agreement_is_shown_per_domain_with_n(client, staff):
    tagged_corpus()
    page = client.get(reverse("agreement:suggestions")).content.decode()
    assert "5-delt krydsvalidering" in page
    # Three domains with distinct words: every held-out story is predicted right.
    assert "Samlet kappa: 1,00" in page
    assert "bygger på 24 fortællinger" in page
    assert page.count("<td>1,00</td>") == len(SUGGESTION_TEXTS)


def test_stories_without_analysis_consent_teach_nothing(client, staff):
    tagged_corpus()
    before = suggestions.training_examples()
    make_story(domains=("glaede",), consent=("report",))
    make_story(domains=("glaede",), consent=("analysis",), withdrawn=True)
    assert len(suggestions.training_examples()) == len(before) == 24


def test_the_model_is_trained_once_per_data_version_and_pages_run_fixed_queries(
    client, staff, monkeypatch
):
    tagged_corpus()
    story = make_story(domains=(), consent=("analysis",), text="Vi griner.")
    url = reverse("agreement:story_suggestions", args=[story.pk])
    builds = []
    build = suggestions._build
    monkeypatch.setattr(suggestions, "_build", lambda: builds.append(1) or build())
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
        client.get(reverse("agreement:suggestions"))
    assert len(builds) == 1  # trained on the first view only
    tagged_corpus(per_domain=2)  # new data: a new version, trained again once
    client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
        client.get(reverse("agreement:suggestions"))
    assert len(builds) == 2
    assert len(first) == len(second)  # more stories, the same queries per view


def test_suggestions_can_be_turned_off(client, staff, settings):
    settings.AKTIV_DOMAIN_SUGGESTIONS = False
    tagged_corpus()
    story = make_story(consent=("analysis",))
    page = client.get(reverse("agreement:story_suggestions", args=[story.pk])).content.decode()
    assert "Forslag er slået fra" in page
    detail = client.get(reverse("stories:detail", args=[story.pk])).content.decode()
    assert reverse("agreement:story_suggestions", args=[story.pk]) not in detail
