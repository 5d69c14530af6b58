"""Domain overview (/domains/) and domain pages (/domains/<slug>/) with data."""

import re

import pytest

from aktiv.models import AuditEvent
from domains import seed
from stories.models import Feedback
from tests.factories import (
    ANALYSIS_ONLY_TITLE,
    COLLECTOR_USERNAME,
    DRAFT_TITLE,
    WITHDRAWN_TITLE,
    build_scenario,
    bulk_stories,
)

pytestmark = pytest.mark.django_db

REPORT_ORDER = [d["name"] for d in seed.domains()]


@pytest.fixture
def scenario(db):
    from aktiv import roles
    from tests.factories import make_user

    return build_scenario(collector=make_user(roles.STAFF, username=COLLECTOR_USERNAME))


def ranking_rows(body):
    table = body[body.index('id="ranking-heading"') :]
    table = table[: table.index("</table>")]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        name = re.search(r"<a [^>]*>(.*?)</a>", row).group(1)
        nums = re.findall(r'<td class="num( zero)?">(.*?)</td>', row, re.S)
        rows.append((name, [re.sub(r"<[^>]+>", "", n).strip() for _zero, n in nums]))
    return rows


def test_overview_ranks_by_the_editions_citizens_workshop_with_ties(manager_client, scenario):
    rows = ranking_rows(manager_client.get("/domains/").content.decode())
    assert [name for name, _ in rows] == REPORT_ORDER
    glaede = rows[0][1]
    assert glaede[:4] == ["1", "9", "3", "8"]  # rank, votes, groups, stories
    assert rows[4][1][0].startswith("5") and "delt" in rows[4][1][0]  # SELVSTÆNDIGHED tied
    assert rows[5][1][0].startswith("5") and "delt" in rows[5][1][0]  # LÆRING tied
    assert rows[9][1][:3] == ["–", "0", "0"]


def test_overview_shows_staff_and_partner_rankings_beside(manager_client, scenario):
    body = manager_client.get("/domains/").content.decode()
    assert "Analyseworkshop for medarbejdere" in body
    assert "Analyseworkshop for samarbejdspartnere" in body
    rows = dict(ranking_rows(body))
    # staff: FÆLLESSKAB 6 votes (rank 1), MULIGHEDER 4, GLÆDE 2; partners: MULIGHEDER, INDFLYDELSE
    assert rows["FÆLLESSKAB"][4:] == ["1", "–"]
    assert rows["INDFLYDELSE"][4:] == ["–", "1"]


def test_choosing_another_edition_reorders_the_overview(manager_client, scenario):
    from tests.factories import make_edition

    staff = make_edition([scenario.round], ranking=[scenario.staff], title="Medarbejdernes")
    body = manager_client.get(f"/domains/?edition={staff.pk}").content.decode()
    assert [name for name, _ in ranking_rows(body)][:3] == ["FÆLLESSKAB", "MULIGHEDER", "GLÆDE"]
    assert "Siden følger rapportudgaven »Medarbejdernes«" in body


def test_managers_count_only_report_consented_stories_staff_all_ready(
    manager_client, staff_client, scenario
):
    manager = dict(ranking_rows(manager_client.get("/domains/").content.decode()))
    staff = dict(ranking_rows(staff_client.get("/domains/").content.decode()))
    assert manager["GLÆDE"][3] == "8"
    # + the analysis-only story and the one without consent; never drafts or withdrawn
    assert staff["GLÆDE"][3] == "10"
    assert manager["LÆRING"][3] == "6"


def test_cross_table_counts_domains_by_employment(manager_client, scenario):
    body = manager_client.get("/domains/").content.decode()
    table = body[body.index('id="cross-heading"') :]
    table = table[: table.index("</table>")]
    header = re.findall(r'<th scope="col" class="num">(.*?)</th>', table)
    assert header[:5] == [
        "Job med løntilskud",
        "Frivilligt arbejde",
        "Uvisiteret tilbud",
        "Beskyttet beskæftigelse (§103)",
        "Aktivitets- og samværstilbud (§104)",
    ]
    row = re.search(r'<th scope="row">VÆRDIGHED OG LIGEVÆRDIGHED</th>(.*?)</tr>', table, re.S)
    cells = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", row.group(1))]
    assert sum(cells[:-1]) == cells[-1] == 5


def test_cooccurrence_table_lists_pairs_most_first(manager_client, scenario):
    body = manager_client.get("/domains/").content.decode()
    table = body[body.index('id="pairs-heading"') :]
    table = table[: table.index("</table>")]
    first = re.search(r'<th scope="row">(.*?)</th><td>(.*?)</td><td class="num">(\d+)', table)
    # four stories is the most any pair shares; ties in display order
    assert (first.group(1), first.group(2), first.group(3)) == ("GLÆDE", "FÆLLESSKAB", "4")
    assert '<th scope="row">GLÆDE</th><td>TRYGHED OG MOD</td><td class="num">4</td>' in table


def test_charts_are_inline_svg_with_the_numbers_as_a_table(manager_client, scenario):
    body = manager_client.get("/domains/").content.decode()
    assert body.count('<svg class="chart"') == 2
    assert 'role="img"' in body and "<title id=" in body
    assert "style=" not in body
    assert "Stemmer pr. forandringsområde som tabel" in body


def test_overview_shows_how_many_storytellers_got_feedback(staff_client, scenario, staff_user):
    story = scenario.stories["Det rette match"]
    Feedback.objects.create(story=story, given_on="2021-05-01", given_by=staff_user, how="letter")
    Feedback.objects.create(story=story, given_on="2021-06-01", given_by=staff_user, how="phone")
    body = staff_client.get("/domains/").content.decode()
    assert "1 af 22 fortællere har fået en tilbagemelding" in body


def test_domain_page_sections_in_the_reports_order(manager_client, scenario):
    body = manager_client.get("/domains/glaede/").content.decode()
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", body, re.S)]
    assert headings == [
        "Hvad forandrer sig i borgernes liv?",
        "Hvad kan vi lære af Aalborg AKTIV om, hvad der skaber forandring?",
        "Eksempler på fortællinger om GLÆDE",
        "Udvalgt som den mest betydningsfulde fortælling",
        "Hvad siger borgerne om GLÆDE?",
    ]
    assert "Tre grupper drøftede dette og sagde blandt andet:" in body
    assert "Den viser, hvordan det rette match giver arbejdsglæde." in body
    assert "Plads 1 i udgaven »Læringsrapport 2019–2021«" in body


def test_domain_page_lists_example_titles_with_consent_applied(
    manager_client, staff_client, facilitator_client, scenario
):
    manager = manager_client.get("/domains/laering/").content.decode()
    facilitator = facilitator_client.get("/domains/laering/").content.decode()
    staff = staff_client.get("/domains/laering/").content.decode()
    assert "Jeg har fået mod på nye ting" in manager
    assert ANALYSIS_ONLY_TITLE not in manager
    assert "uden rapportsamtykke" not in manager
    assert ANALYSIS_ONLY_TITLE in facilitator and ANALYSIS_ONLY_TITLE in staff
    for body in (manager, facilitator, staff):
        assert DRAFT_TITLE not in body and WITHDRAWN_TITLE not in body
        assert COLLECTOR_USERNAME not in body
        assert "B-0" not in body


def test_not_prioritised_domain_page_carries_the_note(manager_client, scenario):
    body = manager_client.get("/domains/vaerdighed-og-ligevaerdighed/").content.decode()
    assert (
        "Dette forandringsområde blev ikke særskilt prioriteret og drøftet på borgerworkshoppen."
        in body
    )
    assert "Hvad siger borgerne" not in body
    assert "Ikke prioriteret i udgaven »Læringsrapport 2019–2021«" in body


def test_one_group_in_words_on_a_domain_page(manager_client, scenario):
    body = manager_client.get("/domains/indflydelse/").content.decode()
    assert "Én gruppe drøftede dette og sagde blandt andet:" in body
    assert "Om Aalborg AKTIVs rolle" not in body  # INDFLYDELSE has no quotes of that kind


def test_facilitator_edits_domain_texts_and_the_edit_is_audited(facilitator_client, scenario):
    from domains.models import Domain

    domain = Domain.objects.get(slug="glaede")
    response = facilitator_client.post(
        "/domains/glaede/edit/",
        {
            "name": domain.name,
            "slug": domain.slug,
            "statement": domain.statement,
            "easy_statement": domain.easy_statement,
            "what_changes": "Ny tekst om forandring.",
            "what_creates_change": domain.what_creates_change,
            "order": domain.order,
            "is_active": "on",
            "icon": domain.icon,
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="edit").detail["felter"] == ["what_changes"]
    assert "Ny tekst om forandring." in facilitator_client.get("/domains/glaede/").content.decode()


@pytest.mark.parametrize("path", ["/domains/", "/domains/glaede/"])
def test_query_count_does_not_grow_with_stories(
    manager_client, scenario, django_assert_max_num_queries, path
):
    bulk_stories(scenario.round, 10)
    with django_assert_max_num_queries(40) as small:
        manager_client.get(path)
    bulk_stories(scenario.round, 990)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = manager_client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    if path == "/domains/":
        assert "1020" in body
    elif path.startswith("/domains/"):
        assert "Viser 25 af" in body  # the examples are capped, the total is stated
    else:
        assert "Massefortælling 989" in body


@pytest.mark.parametrize("params", ["?edition=abc", "?edition=424242"])
def test_bad_choice_on_overview_shows_message_and_default_ranking(manager_client, scenario, params):
    response = manager_client.get("/domains/" + params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vælg en af" in body
    assert [name for name, _ in ranking_rows(body)] == REPORT_ORDER
