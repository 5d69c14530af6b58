"""The learning report: structure, numbers from the data, consent, editing, audit."""

import io
import re

import pytest
from django.utils import translation
from docx import Document

from aktiv.models import AuditEvent
from domains import seed
from domains.models import Domain
from reports.models import ReportText
from tests.factories import (
    ANALYSIS_ONLY_TITLE,
    COLLECTOR_USERNAME,
    DRAFT_TITLE,
    WITHDRAWN_TITLE,
)

pytestmark = pytest.mark.django_db

REPORT_ORDER = [d["name"] for d in seed.domains()]  # the seed report presents them in ranking order
HIDDEN = [DRAFT_TITLE, WITHDRAWN_TITLE, ANALYSIS_ONLY_TITLE]


def html_headings(body):
    """(level, text) of the headings inside the report article."""
    article = body[body.index('<article class="report"') : body.index("</article>")]
    out = []
    for level, inner in re.findall(r"<h([1-4])[^>]*>(.*?)</h\1>", article, flags=re.S):
        text = re.sub(r"<[^>]+>", "", inner)
        out.append((int(level), _unescape(" ".join(text.split()))))
    return out


def _unescape(text):
    import html

    return html.unescape(text)


def docx_headings(content):
    doc = Document(io.BytesIO(content))
    out = []
    for paragraph in doc.paragraphs:
        style = paragraph.style.name
        if style == "Title":
            out.append((1, paragraph.text))
        elif style.startswith("Heading "):
            out.append((int(style.split()[1]) + 1, paragraph.text))
    return out


def domain_sections(body):
    """{domain name: html of its section} in document order."""
    parts = re.split(r'(?=<section class="report-domain")', body)
    sections = {}
    for part in parts[1:]:
        name = re.search(r"<h2[^>]*>(.*?)</h2>", part).group(1)
        sections[_unescape(name)] = part[: part.index("</section>")]
    return sections


def test_preface_counts_twenty_stories_and_employment_in_words(manager_client, scenario):
    body = manager_client.get("/report/").content.decode()
    assert "Vi har indsamlet i alt 20 forandringsfortællinger." in body
    bullets = re.search(r'<ul class="report-employment">(.*?)</ul>', body, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", bullets) == [
        "Syv er kommet i job med løntilskud",
        "Fire er i frivilligt arbejde",
        "To er i uvisiterede tilbud",
        "Fem er i beskyttet beskæftigelse (§103)",
        "To er i aktivitets- og samværstilbud (§104)",
    ]


def test_domain_sections_follow_the_citizens_ranking(manager_client, scenario):
    body = manager_client.get("/report/").content.decode()
    assert list(domain_sections(body)) == REPORT_ORDER


def test_an_edition_ranked_by_another_workshop_reorders_the_sections(manager_client, scenario):
    from tests.factories import make_edition

    edition = make_edition([scenario.round], ranking=[scenario.partners], title="Partnernes")
    body = manager_client.get(edition.get_absolute_url()).content.decode()
    order = list(domain_sections(body))
    assert order[:2] == ["MULIGHEDER", "INDFLYDELSE"]
    assert order != REPORT_ORDER


def test_each_domain_section_lists_the_reports_example_stories(manager_client, scenario):
    sections = domain_sections(manager_client.get("/report/").content.decode())
    canonical = seed.story_for_example()
    for data in seed.domains():
        section = sections[data["name"]]
        examples = section[section.index('class="checklist"') :]
        examples = examples[: examples.index("</ul>")]
        listed = {_unescape(t) for t in re.findall(r"<li>(.*?)</li>", examples)}
        assert listed == {canonical[t] for t in data["example_stories"]}, data["name"]


def test_groups_discussed_in_words_and_quotes_split_in_two_kinds(manager_client, scenario):
    sections = domain_sections(manager_client.get("/report/").content.decode())
    assert "Tre grupper drøftede dette og sagde blandt andet:" in sections["GLÆDE"]
    assert "To grupper drøftede dette" in sections["MULIGHEDER"]
    assert "Én gruppe drøftede dette" in sections["TRYGHED OG MOD"]
    glaede = sections["GLÆDE"]
    why = glaede.index("Om hvad det er, og hvorfor det er vigtigt:")
    role = glaede.index("… og om Aalborg AKTIVs rolle:")
    assert why < glaede.index("Det giver mig glæde, at jeg har et godt arbejde") < role
    assert role < glaede.index("Det kunne være godt at have jobklubben")


def test_domain_without_votes_carries_the_not_prioritised_note(manager_client, scenario):
    sections = domain_sections(manager_client.get("/report/").content.decode())
    note = "Dette domæne blev ikke særskilt prioriteret og drøftet på borgerworkshoppen."
    assert note in sections["VÆRDIGHED OG LIGEVÆRDIGHED"]
    assert "Hvad siger borgerne" not in sections["VÆRDIGHED OG LIGEVÆRDIGHED"]
    assert all(note not in sections[name] for name in REPORT_ORDER[:-1])


def test_selections_with_reasons_appear_only_for_report_consented_stories(manager_client, scenario):
    sections = domain_sections(manager_client.get("/report/").content.decode())
    assert "Den viser, hvordan det rette match giver arbejdsglæde." in sections["GLÆDE"]
    assert "Fællesskabet på arbejdspladsen bærer forandringen." in sections["FÆLLESSKAB"]
    assert "uden rapportsamtykke" not in sections["LÆRING"]


def test_story_without_report_consent_is_nowhere_in_report_or_word(manager_client, scenario):
    body = manager_client.get("/report/").content.decode()
    word = manager_client.get("/report/word/").content
    text = "\n".join(p.text for p in Document(io.BytesIO(word)).paragraphs)
    for title in HIDDEN:
        assert title not in body
        assert title not in text
    assert "Det rette match" in body and "Det rette match" in text


def test_no_storyteller_codes_or_collector_names_in_report_or_word(manager_client, scenario):
    body = manager_client.get("/report/").content.decode()
    doc = Document(io.BytesIO(manager_client.get("/report/word/").content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        cell.text for table in doc.tables for row in table.rows for cell in row.cells
    )
    for story in scenario.stories.values():
        assert story.storyteller_code not in body
        assert story.storyteller_code not in text
    assert COLLECTOR_USERNAME not in body
    assert COLLECTOR_USERNAME not in text


def test_process_section_lists_the_editions_workshops_with_participants(manager_client, scenario):
    body = manager_client.get("/report/").content.decode()
    assert "Evalueringsprocessen" in body
    for step in ["Formulere forandringstemaer", "Indsamle forandringsfortællinger"]:
        assert step in body
    row = re.search(r"<th scope=\"row\">Borgerworkshop</th>(.*?)</tr>", body, re.S).group(1)
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["14", "3"]
    assert "Analyseworkshop for medarbejdere" in body
    assert "Åben demo-workshop" not in body  # not in the edition (and open)


def test_editable_texts_are_prefilled_from_the_seed(manager_client, scenario):
    body = manager_client.get("/report/").content.decode()
    for key in ["introduction", "method", "closing"]:
        first_words = ReportText.objects.get(key=key).body[:40]
        assert _unescape(first_words) in _unescape(body)
    assert "Afrunding og perspektivering" in body


def test_word_file_has_the_same_headings_in_the_same_order_as_html(manager_client, scenario):
    body = manager_client.get("/report/").content.decode()
    response = manager_client.get("/report/word/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    html = html_headings(body)
    assert html == docx_headings(response.content)
    assert (2, "GLÆDE") in html and (1, "Læringsrapport 2019–2021") in html
    assert len([h for h in html if h[0] == 2 and h[1] in REPORT_ORDER]) == 10


def test_html_headings_match_the_reports_heading_plan(manager_client, scenario):
    from reports.builder import build_report

    body = manager_client.get("/report/").content.decode()
    with translation.override("da"):
        plan = build_report(scenario.edition).headings()
    assert html_headings(body) == plan


def test_word_export_and_print_are_audited_with_the_edition(manager_client, scenario):
    manager_client.get("/report/word/")
    response = manager_client.get("/report/print/")
    assert response.status_code == 200
    export = AuditEvent.objects.get(action="export")
    printed = AuditEvent.objects.get(action="print")
    for event in (export, printed):
        assert event.username == "leder"
        assert event.object_type == "reports.edition"
        assert event.detail["udgave_id"] == scenario.edition.pk
    assert not AuditEvent.objects.filter(action="view").exists()


def test_print_layout_has_no_navigation(manager_client, scenario):
    body = manager_client.get("/report/print/").content.decode()
    assert "Hovedmenu" not in body
    assert 'class="report-domain"' in body
    assert "Sidehoveder og sidefødder" in body


def test_report_access_by_role(client, staff_client, facilitator_client, manager_client, scenario):
    assert client.get("/report/").status_code == 302
    for reader in (staff_client, facilitator_client, manager_client):
        assert reader.get("/report/").status_code == 200
        assert reader.get("/report/word/").status_code == 200


def test_report_of_an_edition_without_any_data_still_renders(manager_client):
    from tests.factories import make_edition, make_round

    edition = make_edition([make_round("Tom runde")], title="Tom udgave")
    response = manager_client.get(edition.get_absolute_url())
    assert response.status_code == 200
    assert "Vi har indsamlet i alt 0 forandringsfortællinger." in response.content.decode()
    assert manager_client.get(f"/report/word/?edition={edition.pk}").status_code == 200


@pytest.mark.parametrize("params", ["?edition=abc", "?edition=999999", "?edition=&x=1"])
def test_bad_choice_parameters_show_a_message_not_a_500(manager_client, scenario, params):
    response = manager_client.get("/report/" + params)
    assert response.status_code == 200
    if params != "?edition=&x=1":
        assert "Vælg en af udgaverne på listen." in response.content.decode()


def test_staff_edits_a_standard_text_and_the_edit_is_audited(staff_client, scenario):
    response = staff_client.post(
        "/report/texts/closing/edit/",
        {"title": "Afrunding og perspektivering", "body": "Nye refleksioner.", "save": "Gem"},
    )
    assert response.status_code == 302
    assert ReportText.objects.get(key="closing").body == "Nye refleksioner."
    event = AuditEvent.objects.get(action="edit", object_type="reports.reporttext")
    assert event.detail["felter"] == ["body"]
    # the standard texts are for new editions; an edition keeps its own
    assert "Nye refleksioner." not in staff_client.get("/report/").content.decode()
    from tests.factories import make_edition

    edition = make_edition([scenario.round], title="Næste udgave")
    assert "Nye refleksioner." in staff_client.get(edition.get_absolute_url()).content.decode()


def test_empty_report_text_title_keeps_input_and_saves_nothing(staff_client):
    before = ReportText.objects.get(key="closing").body
    response = staff_client.post(
        "/report/texts/closing/edit/", {"title": " ", "body": "Utkast", "save": "Gem"}
    )
    assert response.status_code == 200
    assert "Skriv en overskrift." in response.content.decode()
    assert "Utkast" in response.content.decode()
    assert ReportText.objects.get(key="closing").body == before
    assert not AuditEvent.objects.exists()


def test_managers_and_facilitators_may_edit_the_standard_texts(manager_client, facilitator_client):
    assert manager_client.get("/report/texts/closing/edit/").status_code == 200
    assert facilitator_client.get("/report/texts/closing/edit/").status_code == 200


def test_report_query_count_does_not_grow_with_stories(
    manager_client, scenario, django_assert_max_num_queries
):
    from tests.factories import bulk_stories

    bulk_stories(scenario.round, 10)
    with django_assert_max_num_queries(40) as small:
        manager_client.get("/report/")
    bulk_stories(scenario.round, 990)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = manager_client.get("/report/")
    assert "Vi har indsamlet i alt 1020 forandringsfortællinger." in response.content.decode()


def test_domains_not_on_the_ballot_follow_the_ranked_ones(manager_client, scenario):
    Domain.objects.create(name="HÅB", slug="haab", statement="Jeg har håb", order=11)
    order = list(domain_sections(manager_client.get("/report/").content.decode()))
    assert order == REPORT_ORDER + ["HÅB"]
