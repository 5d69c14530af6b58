"""Excerpts, the codebook and memos: consent, re-anchoring on edit, the pages, audit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aktiv.models import AuditEvent
from coding import selectors, services
from coding.models import Code, Excerpt, Memo
from domains.models import Domain
from reports.builder import build_report
from stories import services as story_services
from stories.models import Story
from tests.factories import make_edition, make_round, make_story

pytestmark = pytest.mark.django_db

TEXT = "Jeg har fået et arbejde. Der bliver jeg mødt. Jeg er glad om morgenen."


def _domains(*slugs):
    return list(Domain.objects.filter(slug__in=slugs))


def _story(**kwargs):
    kwargs.setdefault("consent", ("analysis", "report"))
    return make_story(text=TEXT, **kwargs)


def test_a_passage_typed_on_the_page_becomes_an_excerpt_with_its_offsets(staff_client):
    story = _story()
    glaede = Domain.objects.get(slug="glaede")
    response = staff_client.post(
        f"/coding/stories/{story.pk}/",
        {"add_excerpt": "1", "passage": "Der bliver jeg mødt.", "domains": [glaede.pk]},
    )
    assert response.status_code == 302
    excerpt = Excerpt.objects.get(story=story)
    assert TEXT[excerpt.start : excerpt.end] == "Der bliver jeg mødt."
    assert list(excerpt.domains.all()) == [glaede]
    assert AuditEvent.objects.filter(action="create", object_type="coding.excerpt").exists()
    page = staff_client.get(f"/coding/stories/{story.pk}/").content.decode()
    assert "<mark>Der bliver jeg mødt.</mark>" in page


def test_a_passage_not_in_the_text_is_refused_beside_the_field_and_kept(staff_client):
    story = _story()
    response = staff_client.post(
        f"/coding/stories/{story.pk}/",
        {
            "add_excerpt": "1",
            "passage": "Noget helt andet",
            "domains": [Domain.objects.get(slug="glaede").pk],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "står ikke sådan i fortællingen" in html
    assert "Noget helt andet" in html
    assert not Excerpt.objects.exists()


def test_offsets_without_a_passage_work_without_javascript(staff_client):
    story = _story()
    response = staff_client.post(
        f"/coding/stories/{story.pk}/",
        {
            "add_excerpt": "1",
            "start": "0",
            "end": "23",
            "domains": [Domain.objects.get(slug="glaede").pk],
        },
    )
    assert response.status_code == 302
    assert Excerpt.objects.get().passage == "Jeg har fået et arbejde"


def test_stories_without_analysis_consent_cannot_be_coded(staff_client, staff_user):
    for story in (
        make_story(text=TEXT, consent=("report",)),
        make_story(text=TEXT, withdrawn=True),
        make_story(text=TEXT, consent=("analysis",), status=Story.Status.DRAFT),
    ):
        assert staff_client.get(f"/coding/stories/{story.pk}/").status_code == 404
        with pytest.raises(Story.DoesNotExist):
            services.create_excerpt(
                story.pk, user=staff_user, domains=_domains("glaede"), passage="Jeg"
            )


def test_editing_the_text_reanchors_excerpts_or_flags_them_for_review(staff_user):
    story = _story()
    moved = services.create_excerpt(
        story.pk, user=staff_user, domains=_domains("glaede"), passage="Der bliver jeg mødt."
    )
    lost = services.create_excerpt(
        story.pk, user=staff_user, domains=_domains("glaede"), passage="glad om morgenen"
    )
    new_text = "Indledning. " + TEXT.replace("glad om morgenen", "træt om aftenen")
    story_services.update_story(
        story.pk,
        user=staff_user,
        values={"text": new_text},
        domains=list(story.domains.all()),
        consent={"analysis": story.consent_analysis_on, "report": story.consent_report_on},
    )
    moved.refresh_from_db()
    lost.refresh_from_db()
    assert new_text[moved.start : moved.end] == "Der bliver jeg mødt."
    assert not moved.needs_review
    assert lost.needs_review
    # Fixing the passage by hand puts it back.
    services.update_excerpt(
        lost.pk, user=staff_user, domains=_domains("glaede"), passage="træt om aftenen"
    )
    lost.refresh_from_db()
    assert not lost.needs_review and new_text[lost.start : lost.end] == "træt om aftenen"


def test_a_review_flag_shows_on_the_story_page(staff_client, staff_user):
    story = _story()
    excerpt = services.create_excerpt(
        story.pk, user=staff_user, domains=_domains("glaede"), passage="glad om morgenen"
    )
    Excerpt.objects.filter(pk=excerpt.pk).update(needs_review=True)
    html = staff_client.get(f"/coding/stories/{story.pk}/").content.decode()
    assert "Skal gennemses" in html and "skal gennemses" in html


def test_losing_analysis_consent_removes_the_excerpts_and_memo(staff_user):
    story = _story()
    services.create_excerpt(story.pk, user=staff_user, domains=_domains("glaede"), passage="Jeg")
    services.save_memo(user=staff_user, text="Et memo", story_id=story.pk)
    story_services.withdraw_consent(story.pk, user=staff_user, scope="analysis")
    assert not Excerpt.objects.filter(story=story).exists()
    assert not Memo.objects.filter(story=story).exists()


def test_a_sub_code_codes_its_domain_too(staff_user):
    story = _story()
    laering = Domain.objects.get(slug="laering")
    code = services.create_code(user=staff_user, domain=laering, name="Nye rutiner")
    excerpt = services.create_excerpt(
        story.pk, user=staff_user, domains=[], codes=[code], passage="Jeg er glad"
    )
    assert list(excerpt.domains.all()) == [laering]


def test_sub_codes_and_memos_are_written_on_the_domain_page(staff_client):
    response = staff_client.post(
        "/coding/domains/glaede/",
        {"save_code": "1", "name": "Hverdagsglæde", "description": "Små ting i hverdagen"},
    )
    assert response.status_code == 302
    assert Code.objects.get(domain__slug="glaede").name == "Hverdagsglæde"
    twice = staff_client.post(
        "/coding/domains/glaede/", {"save_code": "1", "name": "hverdagsglæde"}
    )
    assert "allerede en underkode" in twice.content.decode()
    staff_client.post("/coding/domains/glaede/", {"save_memo": "1", "text": "Mønstre"})
    assert Memo.objects.get(domain__slug="glaede").text == "Mønstre"
    refused = staff_client.post(
        "/coding/domains/glaede/", {"save_memo": "1", "text": "CPR 010190-1234"}
    )
    assert refused.status_code == 200
    assert Memo.objects.get(domain__slug="glaede").text == "Mønstre"


def test_cooccurrence_counts_stories_and_overlapping_passages(staff_user):
    glaede, laering, mod = (
        Domain.objects.get(slug=s) for s in ("glaede", "laering", "tryghed-og-mod")
    )
    first, second = _story(), _story()
    services.create_excerpt(first.pk, user=staff_user, domains=[glaede], passage="Jeg har fået")
    services.create_excerpt(first.pk, user=staff_user, domains=[laering], passage="fået et arbejde")
    services.create_excerpt(first.pk, user=staff_user, domains=[mod], passage="glad om morgenen")
    services.create_excerpt(second.pk, user=staff_user, domains=[glaede, laering], passage="Jeg")
    hidden = make_story(text=TEXT, consent=("analysis",))
    services.create_excerpt(hidden.pk, user=staff_user, domains=[glaede, mod], passage="Jeg")
    story_services.withdraw_consent(hidden.pk, user=staff_user)
    domains, table = selectors.cooccurrence()
    pair = tuple(sorted((glaede.pk, laering.pk)))
    assert table[pair] == (2, 2)  # both stories; one overlap in each
    assert table[tuple(sorted((glaede.pk, mod.pk)))] == (1, 0)  # same story, apart
    assert {d.slug for d in domains} == {"glaede", "laering", "tryghed-og-mod"}


def test_quote_candidates_show_on_the_domain_page_only_with_report_consent(
    staff_client, staff_user
):
    glaede = _domains("glaede")
    shown = _story(consent=("analysis", "report"))
    hidden = _story(consent=("analysis",))
    services.create_excerpt(
        shown.pk, user=staff_user, domains=glaede, passage="Der bliver jeg mødt.", quote=True
    )
    services.create_excerpt(
        hidden.pk, user=staff_user, domains=glaede, passage="Jeg er glad om morgenen", quote=True
    )
    html = staff_client.get("/domains/glaede/").content.decode()
    assert "Der bliver jeg mødt." in html
    assert "Jeg er glad om morgenen" not in html
    # Coding's own tables move the data versions: unmarking shows at once on the cached
    # body, and marking again brings it back.
    excerpt = Excerpt.objects.get(story=shown)
    services.update_excerpt(excerpt.pk, user=staff_user, domains=glaede, quote=False)
    assert "Der bliver jeg mødt." not in staff_client.get("/domains/glaede/").content.decode()
    services.update_excerpt(excerpt.pk, user=staff_user, domains=glaede, quote=True)
    assert "Der bliver jeg mødt." in staff_client.get("/domains/glaede/").content.decode()
    # The cached body follows a withdrawn report consent at once.
    story_services.withdraw_consent(shown.pk, user=staff_user, scope="report")
    assert "Der bliver jeg mødt." not in staff_client.get("/domains/glaede/").content.decode()


def test_quote_candidates_are_the_newest_few_per_domain_in_one_query(
    staff_user, django_assert_num_queries
):
    glaede, laering = _domains("glaede"), _domains("laering")
    round_, other_round = make_round("Runde A"), make_round("Runde B")
    for day in range(1, 8):  # seven stories in glaede, the newest last
        story = make_story(
            text=f"{TEXT} Dag {day}.",
            round=round_,
            consent=("analysis", "report"),
            collected_on=datetime.date(2024, 3, day),
        )
        services.create_excerpt(
            story.pk, user=staff_user, domains=glaede, passage=f"Dag {day}", quote=True
        )
    elsewhere = _story(round=other_round, collected_on=datetime.date(2024, 4, 1))
    services.create_excerpt(
        elsewhere.pk, user=staff_user, domains=glaede + laering, passage="Jeg", quote=True
    )
    ids = [glaede[0].pk, laering[0].pk]
    with django_assert_num_queries(1):
        found = selectors.quote_candidates(ids, [round_], per_domain=5)
    assert found == {glaede[0].pk: ["Dag 7", "Dag 6", "Dag 5", "Dag 4", "Dag 3"]}
    assert selectors.quote_candidates(ids, per_domain=2) == {
        glaede[0].pk: ["Jeg", "Dag 7"],
        laering[0].pk: ["Jeg"],
    }
    assert selectors.quote_candidates(ids, only_ids=[elsewhere.pk]) == {
        glaede[0].pk: ["Jeg"],
        laering[0].pk: ["Jeg"],
    }


def test_the_coding_overview_runs_a_fixed_number_of_queries(staff_client, staff_user):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get("/coding/").status_code == 200
        return len(queries)

    story = _story()
    services.create_excerpt(
        story.pk, user=staff_user, domains=_domains("glaede", "laering"), passage="Jeg"
    )
    count()  # the session warms up
    # A write moves the data versions, and the signed-in user is read again after one.
    services.create_code(user=staff_user, domain=_domains("glaede")[0], name="Første")
    few = count()
    for _ in range(4):
        more = _story()
        services.create_excerpt(
            more.pk, user=staff_user, domains=_domains("glaede", "tryghed-og-mod"), passage="Jeg"
        )
        services.create_code(
            user=staff_user, domain=_domains("tryghed-og-mod")[0], name=f"Kode {more.pk}"
        )
    assert count() == few


def test_the_story_page_runs_a_fixed_number_of_queries(staff_client, staff_user):
    story = _story()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(f"/coding/stories/{story.pk}/").status_code == 200
        return len(queries)

    count()  # the session warms up
    services.create_excerpt(story.pk, user=staff_user, domains=_domains("glaede"), passage="Jeg")
    few = count()
    for passage in ("har fået", "arbejde", "mødt", "glad"):
        services.create_excerpt(
            story.pk, user=staff_user, domains=_domains("glaede", "tryghed-og-mod"), passage=passage
        )
    assert count() == few


def test_the_report_edition_quotes_candidates_of_its_rounds_with_report_consent(staff_user):
    round_, other = make_round("2019–2021"), make_round("2022")
    shown = _story(round=round_)
    no_report = _story(round=round_, consent=("analysis",))
    elsewhere = _story(round=other)
    for story, passage in (
        (shown, "Der bliver jeg mødt."),
        (no_report, "Jeg er glad om morgenen."),
        (elsewhere, "Jeg har fået et arbejde."),
    ):
        services.create_excerpt(
            story.pk, user=staff_user, domains=_domains("glaede"), passage=passage, quote=True
        )
    report = build_report(make_edition([round_]))
    section = next(s for s in report.sections if s.domain.slug == "glaede")
    assert section.candidates == ["Der bliver jeg mødt."]


def test_the_coding_page_leads_staff_to_double_coding_and_suggestions(
    staff_client, facilitator_client
):
    page = staff_client.get("/coding/").content.decode()
    assert 'href="/agreement/"' in page and 'href="/agreement/suggestions/"' in page
    # Facilitators code passages but do not run double coding (staff only).
    assert 'href="/agreement/"' not in facilitator_client.get("/coding/").content.decode()
