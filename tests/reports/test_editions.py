"""Report editions: what an edition is built from, the seed report reproduced from its
templates, rehearsals that count nowhere, combined rankings, quotes and selections of
the edition's own workshops only."""

import datetime
import html
import re
from pathlib import Path

import pytest

from aktiv import roles
from reports import services
from reports.blocks import blocks
from reports.builder import build_report
from reports.models import Edition
from stories.models import Story
from tests.factories import (
    ANALYSIS_ONLY_TITLE,
    build_scenario,
    cast,
    make_edition,
    make_round,
    make_story,
    make_user,
    make_workshop,
)
from tests.reports.test_report import domain_sections
from workshops.models import Quote, Selection, Workshop

pytestmark = pytest.mark.django_db

SEED_TEXTS = Path(__file__).resolve().parents[2] / "reports/migrations/seed/0002_texts"
REPORT_ORDER_TOP = ["GLÆDE", "FÆLLESSKAB", "MULIGHEDER"]


def seed_blocks(key):
    return blocks((SEED_TEXTS / f"{key}.md").read_text(encoding="utf-8"))


def section_html(body, anchor):
    return body[body.index(f'id="report-{anchor}"') :].split("</section>", 1)[0]


def paragraphs(fragment):
    return [
        html.unescape(re.sub(r"<br>\s*", "\n", p).strip())
        for p in re.findall(r"<p>(.*?)</p>", fragment, re.S)
    ]


@pytest.fixture
def signer(db):
    return make_user(roles.MANAGER, username="karin")


@pytest.fixture
def seed_scenario(collector, signer):
    signer.first_name, signer.last_name = "Karin", "Leth Kristensen"
    signer.save()
    return build_scenario(collector=collector, signer=signer)


def test_the_seed_texts_are_templates_that_give_back_the_seed_report(seed_scenario):
    report = build_report(seed_scenario.edition)
    assert report.method == seed_blocks("method")
    assert report.preface_closing == seed_blocks("preface_closing")
    assert report.preface == seed_blocks("preface")
    assert "{" in report.texts["method"].body  # the edition keeps the template, not the text


def test_the_seed_report_page_has_the_seeds_method_text_and_preface(manager_client, seed_scenario):
    body = manager_client.get(seed_scenario.edition.get_absolute_url()).content.decode()
    method = [p for kind, p in seed_blocks("method") if kind == "p"]
    assert paragraphs(section_html(body, "method"))[: len(method)] == method
    preface = paragraphs(section_html(body, "preface"))
    assert '<p class="report-total">Vi har indsamlet i alt 20 forandringsfortællinger.</p>' in body
    assert preface[-2:] == ["Karin Leth Kristensen", "Leder Aalborg AKTIV og Aalborg FRI-TID"]


def test_the_method_text_follows_the_data_it_names(seed_scenario):
    make_story("Endnu en", ["glaede"], seed_scenario.round)  # ready, no consent
    citizens = seed_scenario.citizens
    cast(citizens, citizens.groups.get(number=2), ["vaerdighed-og-ligevaerdighed"])
    method = " ".join(p for _kind, p in build_report(seed_scenario.edition).method)
    assert "Der blev i alt indsamlet 23 forandringsfortællinger." in method
    assert "Tre grupper med i alt 15 borgere" in method
    assert "Alle domæner blev prioriteret af mindst én gruppe." in method


def test_a_rehearsal_workshop_changes_nothing(manager_client, facilitator_client, seed_scenario):
    pages = [
        seed_scenario.edition.get_absolute_url(),
        "/domains/",
        "/domains/glaede/",
        f"/workshops/compare/?round={seed_scenario.round.pk}",
        "/",
    ]
    before = [_main(manager_client.get(p)) for p in pages]
    rehearsal = make_workshop(
        "Prøveafstemning",
        Workshop.Kind.CITIZENS,
        datetime.date(2021, 5, 1),
        seed_scenario.round,
        status=Workshop.Status.CLOSED,
        is_rehearsal=True,
    )
    groups = list(rehearsal.groups.order_by("number"))
    for i in range(8):
        cast(rehearsal, groups[i % 3], ["vaerdighed-og-ligevaerdighed", "laering", "indflydelse"])
    Quote.objects.create(
        workshop=rehearsal, group=groups[0], domain_id=groups[0].workshop.domains.first().pk,
        kind="why", text="Et citat fra øvelsen",
    )  # fmt: skip
    after = [_main(manager_client.get(p)) for p in pages]
    assert after == before
    form = facilitator_client.get("/report/editions/new/").content.decode()
    assert "Prøveafstemning" not in form


def _main(response):
    assert response.status_code == 200
    text = response.content.decode().split("<main", 1)[1]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def test_a_rehearsal_is_refused_in_an_edition(seed_scenario):
    rehearsal = make_workshop(
        round=seed_scenario.round, status=Workshop.Status.CLOSED, is_rehearsal=True
    )
    with pytest.raises(services.EditionError, match="øvelse"):
        services.create_edition(
            user=None,
            title="Med en øvelse",
            dated=datetime.date(2021, 6, 1),
            rounds=[seed_scenario.round],
            workshops=[],
            ranking_workshops=[rehearsal],
            signed_by=None,
            signer_title="",
        )


def test_a_workshop_marked_as_rehearsal_later_leaves_the_draft_and_is_named(
    manager_client, seed_scenario
):
    Workshop.objects.filter(pk=seed_scenario.citizens.pk).update(is_rehearsal=True)
    report = build_report(seed_scenario.edition)
    assert report.ranking is None
    assert [w.title for w in report.left_out] == ["Borgerworkshop"]
    body = manager_client.get(seed_scenario.edition.get_absolute_url()).content.decode()
    assert "tæller ikke, fordi de er åbne igen eller er øvelser" in body


def test_a_new_closed_workshop_never_takes_over_the_editions_ranking(manager_client, seed_scenario):
    later = make_workshop(
        "Ny borgerworkshop", held_on=datetime.date(2021, 9, 1), round=seed_scenario.round,
        status=Workshop.Status.CLOSED,
    )  # fmt: skip
    groups = list(later.groups.order_by("number"))
    for i in range(9):
        cast(later, groups[i % 3], ["vaerdighed-og-ligevaerdighed", "laering", "indflydelse"])
    body = manager_client.get(seed_scenario.edition.get_absolute_url()).content.decode()
    assert list(domain_sections(body))[:3] == REPORT_ORDER_TOP
    assert "»Borgerworkshop« den 20. apr. 2021 (14 deltagere)" in body


def _round_two(collector):
    """Round 2: two stories, none with report consent, and two closed citizens'
    workshops (9 and 11 participants) whose votes are added up."""
    round_ = make_round("2022–2023", starts_on=datetime.date(2022, 1, 1))
    make_story("Ny fortælling 1", ["glaede"], round_, consent=("analysis",), user=collector)
    make_story("Ny fortælling 2", ["laering"], round_, user=collector)
    first = make_workshop(
        "Borgerworkshop nord", held_on=datetime.date(2023, 3, 7), round=round_, groups=2,
        status=Workshop.Status.CLOSED,
    )  # fmt: skip
    second = make_workshop(
        "Borgerworkshop syd", held_on=datetime.date(2023, 4, 18), round=round_, groups=3,
        status=Workshop.Status.CLOSED,
    )  # fmt: skip
    a = list(first.groups.order_by("number"))
    b = list(second.groups.order_by("number"))
    for i in range(9):
        cast(first, a[i % 2], ["laering", "indflydelse", "glaede"])
    for i in range(11):
        cast(
            second, b[i % 3], ["glaede", "faellesskab", "laering"] if i < 6 else ["tryghed-og-mod"]
        )
    Quote.objects.create(
        workshop=first, group=a[0], domain=_domain("laering"), kind="why", text="A"
    )
    Quote.objects.create(
        workshop=second, group=b[1], domain=_domain("laering"), kind="why", text="B"
    )
    return round_, first, second


def _domain(slug):
    from domains.models import Domain

    return Domain.objects.get(slug=slug)


def test_a_combined_ranking_adds_up_the_votes_and_says_how(manager_client, collector, scenario):
    round_, first, second = _round_two(collector)
    edition = make_edition([round_], ranking=[first, second], title="Læringsrapport 2022–2023")
    report = build_report(edition)
    votes = {r.domain.slug: r.votes for r in report.ranking.results if r.votes}
    assert votes == {"laering": 15, "glaede": 15, "indflydelse": 9, "faellesskab": 6,
                     "tryghed-og-mod": 5}  # fmt: skip
    assert report.ranking.participants == 20 and report.ranking.votes == 50
    assert report.ranking.groups_with_ballots == 5
    body = manager_client.get(edition.get_absolute_url()).content.decode()
    assert "Domænerne er ordnet efter stemmerne fra 2 workshops lagt sammen" in body
    assert "»Borgerworkshop nord« den 7. mar. 2023 (9 deltagere)" in body
    sections = domain_sections(body)
    # a tie on 15 votes: LÆRING got votes in all five groups, GLÆDE in five too; display order
    assert list(sections)[:2] == ["GLÆDE", "LÆRING"] or list(sections)[:2] == ["LÆRING", "GLÆDE"]
    assert "To grupper drøftede dette" in sections["LÆRING"]  # one quote from each workshop
    assert "Vi har indsamlet i alt 0 forandringsfortællinger." in body
    method = " ".join(p for _kind, p in report.method)
    assert "Der blev i alt indsamlet 2 forandringsfortællinger." in method
    assert "I foråret 2023 afholdtes to analyseworkshops med de borgere" in method
    assert "I – blev der holdt nul analyseworkshops" in method  # none in this edition
    assert "Fem grupper med i alt 20 borgere" in method
    assert "Workshops i rapporten" in body and "Der er ikke holdt workshops" not in body


def test_quotes_and_selections_come_only_from_the_editions_workshops(manager_client, scenario):
    other = make_workshop(
        "Anden borgerworkshop", round=scenario.round, status=Workshop.Status.CLOSED
    )
    group = other.groups.first()
    Quote.objects.create(workshop=other, group=group, domain=_domain("glaede"), kind="why",
                         text="Citat fra en anden workshop")  # fmt: skip
    staff2 = make_workshop(
        "Anden medarbejderworkshop", Workshop.Kind.STAFF, round=scenario.round,
        status=Workshop.Status.CLOSED,
    )  # fmt: skip
    Selection.objects.create(
        workshop=staff2, domain=_domain("glaede"), story=scenario.stories["Nu pakker jeg legetøj…"],
        reason="Valgt et andet sted",
    )  # fmt: skip
    body = manager_client.get(scenario.edition.get_absolute_url()).content.decode()
    glaede = domain_sections(body)["GLÆDE"]
    assert "Citat fra en anden workshop" not in glaede
    assert "Tre grupper drøftede dette" in glaede
    assert "Valgt et andet sted" not in glaede
    assert "Den viser, hvordan det rette match giver arbejdsglæde." in glaede


def test_selected_stories_appear_in_full_with_the_reason_only_with_report_consent(
    manager_client, scenario
):
    story = scenario.stories["Det rette match"]
    Story.objects.filter(pk=story.pk).update(text="Første afsnit.\n\nAndet afsnit om trykkeriet.")
    body = manager_client.get(scenario.edition.get_absolute_url()).content.decode()
    glaede = domain_sections(body)["GLÆDE"]
    assert "<h4>Det rette match</h4>" in glaede
    assert "<p>Andet afsnit om trykkeriet.</p>" in glaede
    assert "fordi: Den viser, hvordan det rette match giver arbejdsglæde." in glaede
    assert ANALYSIS_ONLY_TITLE not in body


def test_the_domain_pages_follow_the_default_edition_and_say_which(manager_client, scenario):
    body = manager_client.get("/domains/").content.decode()
    assert (
        "Siden følger rapportudgaven »Læringsrapport 2019–2021«, som er under udarbejdelse." in body
    )
    assert "»Borgerworkshop« den 20. apr. 2021 (14 deltagere)" in body
    assert "Plads hos medarbejdere" in body
    detail = manager_client.get("/domains/glaede/").content.decode()
    assert "Plads 1 i udgaven »Læringsrapport 2019–2021«" in detail


def test_without_an_edition_nothing_is_ranked_and_the_page_says_so(manager_client, collector):
    round_ = make_round("Runde uden udgave")
    workshop = make_workshop(round=round_, status=Workshop.Status.CLOSED)
    cast(workshop, workshop.groups.first(), ["laering"])
    body = manager_client.get("/domains/").content.decode()
    assert "Der er ingen rapportudgave endnu" in body
    assert manager_client.get("/report/").status_code == 200
    assert "Der er ingen rapportudgave endnu." in manager_client.get("/report/").content.decode()


def test_an_unknown_edition_in_the_address_says_so_and_shows_none(manager_client, scenario):
    response = manager_client.get("/report/?edition=999999")
    assert response.status_code == 200
    assert "Vælg en af udgaverne på listen." in response.content.decode()
    for bad in ("abc", "1" * 30):
        assert manager_client.get(f"/domains/?edition={bad}").status_code == 200


def test_the_latest_published_edition_is_the_default(manager_client, scenario, signer):
    Edition.objects.filter(pk=scenario.edition.pk).update(signed_by=signer)
    services.publish_edition(scenario.edition.pk, user=signer)
    draft = make_edition([scenario.round], ranking=[scenario.staff], title="Udkast til ny udgave")
    body = manager_client.get("/report/").content.decode()
    assert "Udgivet " in body and "Læringsrapport 2019–2021" in body
    assert f'<option value="{draft.pk}"' in body
    chosen = manager_client.get(f"/report/?edition={draft.pk}").content.decode()
    assert "Udkast til ny udgave" in chosen and "under udarbejdelse" in chosen
