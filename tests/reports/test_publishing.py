"""Publishing a report edition: a frozen copy with a manifest; a later loss of consent
marks every published edition that used the story, which is then only handed out
rebuilt without it."""

import importlib
import io
import re

import pytest
from django.apps import apps
from docx import Document

from aktiv import roles
from aktiv.models import AuditEvent
from reports import editions, services
from reports.models import Edition, EditionStory
from stories import services as story_services
from stories.models import Story
from tests.factories import cast, make_edition, make_round, make_story, make_user
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def signer(db):
    return make_user(roles.MANAGER, username="chef")


@pytest.fixture
def published(scenario, signer):
    Edition.objects.filter(pk=scenario.edition.pk).update(signed_by=signer)
    return services.publish_edition(scenario.edition.pk, user=signer)


@pytest.fixture
def signer_client(signer, client):
    client.force_login(signer)
    return client


def _word_text(content):
    doc = Document(io.BytesIO(content))
    return "\n".join(p.text for p in doc.paragraphs)


def test_publishing_freezes_the_copy_and_writes_the_manifest(published, scenario):
    assert published.is_published and published.published_at
    manifest = {row.story_id: row for row in published.manifest.all()}
    assert set(manifest) == {s.pk for s in scenario.stories.values()}
    assert all(row.consent_report_on for row in manifest.values())
    match = manifest[scenario.stories["Det rette match"].pk]
    assert match.listed and match.in_full
    assert not any(s.pk in manifest for s in scenario.hidden)
    assert AuditEvent.objects.filter(action="publish", object_id=str(published.pk)).exists()


def test_a_published_edition_does_not_change_with_the_data(manager_client, published, scenario):
    url = published.get_absolute_url()
    before = manager_client.get(url).content.decode()
    from domains.models import Domain

    Domain.objects.filter(slug="glaede").update(what_changes="En helt ny tekst om glæde.")
    story = scenario.stories["Nu pakker jeg legetøj…"]
    Story.objects.filter(pk=story.pk).update(title="En ny titel")
    after = manager_client.get(url).content.decode()
    assert "En helt ny tekst om glæde." not in after
    assert "Nu pakker jeg legetøj…" in after and "En ny titel" not in after
    assert before.count('<section class="report-domain"') == 10


def _main(client, url):
    body = client.get(url).content.decode()
    return re.search(r"<main.*</main>", body, re.S).group(0)


def test_a_published_editions_domain_pages_keep_the_votes_it_was_published_with(
    manager_client, published, scenario
):
    draft = make_edition(
        [scenario.round],
        ranking=[scenario.citizens],
        workshops=[scenario.staff, scenario.partners],
        title="Kladde",
    )
    pages = [f"/domains/?edition={published.pk}", f"/domains/indflydelse/?edition={published.pk}"]
    before = [_main(manager_client, url) for url in pages]
    draft_page = f"/domains/?edition={draft.pk}"
    assert "faste rækkefølge" not in _main(manager_client, draft_page)
    group = scenario.citizens.groups.order_by("number").first()
    for _ in range(5):  # late paper ballots, then the workshop renamed and opened again
        cast(scenario.citizens, group, ["indflydelse"], paper=True)
    Workshop.objects.filter(pk=scenario.citizens.pk).update(
        title="Omdøbt workshop", status=Workshop.Status.OPEN, join_code="ZZ9"
    )
    after = [_main(manager_client, url) for url in pages]
    assert after == before
    # An edition being prepared shows the workshops as they are: open again, the citizens'
    # workshop is left out, and nothing ranks the domains.
    assert "Domænerne står i deres faste rækkefølge" in _main(manager_client, draft_page)


def test_a_published_editions_domain_pages_read_its_frozen_basis(
    manager_client, published, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself, not a cached body
    url = f"/domains/?edition={published.pk}"
    manager_client.get(url)
    # Session, user, the editions (each with its frozen basis), the domains (those on its
    # ballots among them) and four story tallies: no workshop, group or vote count.
    with django_assert_num_queries(8) as queries:
        assert manager_client.get(url).status_code == 200
    assert not any("workshops_" in q["sql"] for q in queries.captured_queries)
    assert sum('FROM "domains_domain"' in q["sql"] for q in queries.captured_queries) == 1
    # A domain page: session, user, editions, domains, then its stories with their number
    # (one query: the tally as a subquery), selections, quotes and passages.
    page = f"/domains/glaede/?edition={published.pk}"
    manager_client.get(page)
    with django_assert_num_queries(8) as queries:
        assert manager_client.get(page).status_code == 200
    assert sum('FROM "domains_domain"' in q["sql"] for q in queries.captured_queries) == 1
    assert sum('"stories_storycount"' in q["sql"] for q in queries.captured_queries) == 1
    assert not any("workshops_vote" in q["sql"] for q in queries.captured_queries)


def test_the_migration_freezes_an_older_edition_as_publishing_does(published):
    frozen = Edition.objects.get(pk=published.pk).frozen_basis
    Edition.objects.filter(pk=published.pk).update(
        frozen_basis={k: v for k, v in frozen.items() if k != "basis"}
    )
    migration = importlib.import_module("reports.migrations.0006_freeze_published_bases")
    migration.forwards(apps, None)
    migrated = Edition.objects.get(pk=published.pk).frozen_basis

    def in_order(basis):
        return {k: sorted(v, key=str) if k != "rounds" else v for k, v in basis.items()}

    assert migrated["domains"] == frozen["domains"]
    assert in_order(migrated["basis"]) == in_order(frozen["basis"])
    assert set(frozen["basis"]) == {"rounds", "ranking", "workshops", "ballots", "groups", "votes"}
    edition = Edition.objects.get(pk=published.pk)
    assert [w.title for w in editions.basis(edition).ranking_workshops] == ["Borgerworkshop"]


def test_a_published_edition_is_served_without_rebuilding(
    manager_client, published, django_assert_max_num_queries
):
    url = published.get_absolute_url()
    manager_client.get(url)
    from reports import builder

    calls = []
    original = builder.build_report
    builder.build_report = lambda *a, **k: calls.append(1) or original(*a, **k)
    try:
        with django_assert_max_num_queries(12):
            assert manager_client.get(url).status_code == 200
        for path in ("/report/print/", "/report/word/"):
            assert manager_client.get(f"{path}?edition={published.pk}").status_code == 200
    finally:
        builder.build_report = original
    assert calls == []


def test_the_word_download_is_the_stored_file(manager_client, published):
    response = manager_client.get(f"/report/word/?edition={published.pk}")
    assert response.content == bytes(Edition.objects.get(pk=published.pk).frozen_docx)


def test_published_texts_and_basis_cannot_change(published, signer, facilitator_client):
    with pytest.raises(services.EditionError):
        services.update_edition_text(
            published.pk, "method", user=signer, title="Metode", body="Ny tekst"
        )
    response = facilitator_client.get(f"/report/editions/{published.pk}/edit/")
    assert response.status_code == 302


@pytest.mark.parametrize("how", ["withdraw", "update", "erase"])
def test_losing_consent_marks_the_edition_and_blocks_the_old_copy(
    how, manager_client, published, scenario, staff_user
):
    story = scenario.stories["Det rette match"]
    story_id = story.pk
    if how == "withdraw":
        story_services.withdraw_consent(story.pk, user=staff_user)
    elif how == "update":  # a plain UPDATE, as psql or a bulk change would do it
        Story.objects.filter(pk=story.pk).update(consent_report_on=None)
    else:
        story_services.erase_story(story, user=staff_user)
    edition = Edition.objects.get(pk=published.pk)
    assert edition.consent_lost == 1 and edition.consent_lost_at and edition.is_stale
    assert EditionStory.objects.get(edition=edition, story_id=story_id).lost_at
    body = manager_client.get(edition.get_absolute_url()).content.decode()
    assert "1 fortælling, som udgaven bygger på, har mistet samtykket" in body
    assert "Det rette match" not in body
    word = manager_client.get(f"/report/word/?edition={edition.pk}")
    assert word.status_code == 302
    assert manager_client.get(f"/report/print/?edition={edition.pk}").status_code == 302


def test_only_editions_that_used_the_story_are_marked(published, scenario, staff_user):
    later = make_round("2022–2023")
    make_story("I en anden runde", round=later, consent=("analysis", "report"))
    other_round_edition = make_edition([later], title="Anden runde", signed_by=published.signed_by)
    services.publish_edition(other_round_edition.pk, user=published.signed_by)
    story_services.withdraw_consent(scenario.stories["Det rette match"].pk, user=staff_user)
    assert Edition.objects.get(pk=published.pk).consent_lost == 1
    assert Edition.objects.get(pk=other_round_edition.pk).consent_lost == 0


def test_a_story_without_report_consent_changing_marks_nothing(published, scenario):
    hidden = scenario.hidden[2]  # analysis consent only: never in the manifest
    Story.objects.filter(pk=hidden.pk).update(consent_analysis_on=None)
    assert Edition.objects.get(pk=published.pk).consent_lost == 0


def test_rebuilding_leaves_the_story_out_and_the_numbers_follow(
    manager_client, published, scenario, staff_user, signer_client
):
    story = scenario.stories["Det rette match"]
    story_services.withdraw_consent(story.pk, user=staff_user)
    url = published.get_absolute_url()
    assert signer_client.get(f"/report/editions/{published.pk}/rebuild/").status_code == 200
    response = signer_client.post(f"/report/editions/{published.pk}/rebuild/")
    assert response.status_code == 302
    edition = Edition.objects.get(pk=published.pk)
    assert not edition.is_stale and edition.rebuilt_without == 1
    body = manager_client.get(url).content.decode()
    assert "Genopbygget" in body and "uden 1 fortælling, der havde mistet samtykket" in body
    assert "Det rette match" not in body
    assert "Vi har indsamlet i alt 19 forandringsfortællinger." in body
    assert "Seks er kommet i job med løntilskud" in body
    word = manager_client.get(f"/report/word/?edition={edition.pk}")
    assert word.status_code == 200 and "Det rette match" not in _word_text(word.content)
    assert AuditEvent.objects.filter(action="rebuild", object_id=str(edition.pk)).exists()


def test_only_the_signing_manager_publishes(manager_client, signer_client, scenario, signer):
    Edition.objects.filter(pk=scenario.edition.pk).update(signed_by=signer)
    url = f"/report/editions/{scenario.edition.pk}/publish/"
    assert manager_client.get(url).status_code == 403
    assert manager_client.post(url).status_code == 403
    assert signer_client.get(url).status_code == 200
    assert signer_client.post(url).status_code == 302
    assert Edition.objects.get(pk=scenario.edition.pk).is_published


def test_publishing_without_a_signer_is_refused_with_a_message(scenario, admin_client_):
    response = admin_client_.post(f"/report/editions/{scenario.edition.pk}/publish/", follow=True)
    assert "Vælg, hvem der underskriver forordet" in response.content.decode()
    assert not Edition.objects.get(pk=scenario.edition.pk).is_published


def test_the_manifest_lists_story_numbers_and_consents_never_titles(
    manager_client, published, scenario
):
    body = manager_client.get(f"/report/editions/{published.pk}/manifest/").content.decode()
    story = scenario.stories["Det rette match"]
    assert f"Fortælling #{story.pk}" in body
    assert "hele fortællingen" in body
    for s in scenario.stories.values():
        assert s.storyteller_code not in body
    assert "Det rette match" not in body.split("<main", 1)[1]
