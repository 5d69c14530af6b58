"""Two cycles of the learning report on one installation, in Chromium, every page
checked with axe-core.

Round 1 (the seed scenario): the facilitator prepares an edition in the browser; it
reproduces the seed report (domain order, preface counts in words, the method text
filled from the data). A rehearsal workshop of 8 people changes nothing. The signing
manager publishes it; the Word file opens as A4 with a table of contents field.
Round 2: two citizens' workshops ranked together, an analysis workshop whose groups'
answers are written down; the report's every number is checked against the data,
counted here from the rows (not from the counts the database keeps). Then a storyteller
of round 1 withdraws: the published edition is marked and rebuilt without the story.
"""

import datetime
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from playwright.sync_api import expect

from aktiv import roles
from domains.models import Domain
from reports.blocks import blocks
from reports.models import Edition
from stories import services as story_services
from stories.models import Story
from tests.browser.helpers import assert_accessible, login
from tests.browser.test_reports_browser import ensure_seed_data
from tests.factories import build_scenario, cast, make_round, make_story, make_user, make_workshop
from workshops.models import Ballot, Quote, Selection, Vote, Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = Path(__file__).resolve().parents[2] / "reports/migrations/seed/0002_texts"
SEED_ORDER = [
    "GLÆDE", "FÆLLESSKAB", "MULIGHEDER", "SELVTILLID OG SELVRESPEKT", "SELVSTÆNDIGHED",
    "LÆRING", "TRYGHED OG MOD", "INDFLYDELSE", "UUNDVÆRLIGHED", "VÆRDIGHED OG LIGEVÆRDIGHED",
]  # fmt: skip
WORDS = {1: "Én", 2: "To", 3: "Tre", 4: "Fire", 5: "Fem", 6: "Seks", 7: "Syv"}


@pytest.fixture
def new_page(browser, browser_context_args):
    contexts = []

    def make():
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    yield make
    for context in contexts:
        context.close()


def domain_order(page):
    return [h.strip() for h in page.locator("section.report-domain h2").all_inner_texts()]


def section_paragraphs(page, anchor):
    paragraphs = page.locator(f"#report-{anchor} > p:not(.d-print-none)")
    return [p.strip() for p in paragraphs.all_inner_texts()]


def method_text(page):
    return " ".join(section_paragraphs(page, "method"))


def test_two_cycles_of_the_learning_report(page, new_page, live_server):
    ensure_seed_data()
    staff = make_user(roles.STAFF, username="medarb")
    make_user(roles.FACILITATOR, username="facil")
    karin = make_user(roles.MANAGER, username="karin")
    karin.first_name, karin.last_name = "Karin", "Leth Kristensen"
    karin.save()
    scenario = build_scenario(collector=staff)
    Edition.objects.all().delete()  # the facilitator makes the edition in the browser
    url = live_server.url

    # --- Round 1: the facilitator prepares the edition ----------------------------------------
    login(page, live_server, "facil")
    page.goto(f"{url}/report/")
    expect(page.get_by_text("Der er ingen rapportudgave endnu.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Lav en rapportudgave").click()
    expect(page.get_by_role("heading", name="Ny rapportudgave")).to_be_visible()
    assert_accessible(page)
    assert page.locator("#id_title").input_value() == "Læringsrapport 2019–2021"
    expect(page.get_by_role("checkbox", name=re.compile("^Borgerworkshop ·")).first).to_be_checked()
    page.locator("#id_dated").fill("2021-06-01")
    page.locator("#id_signed_by").select_option(label="Karin Leth Kristensen")
    page.locator("#id_signer_title").fill("Leder Aalborg AKTIV og Aalborg FRI-TID")
    page.get_by_role("button", name="Gem udgaven").click()
    expect(page.get_by_text("Udgaven er oprettet.")).to_be_visible()
    assert_accessible(page)

    # It reproduces the seed report: order, preface counts in words, the method text.
    assert domain_order(page) == SEED_ORDER
    bullets = page.locator(".report-employment li").all_inner_texts()
    assert bullets == [
        "Syv er kommet i job med løntilskud",
        "Fire er i frivilligt arbejde",
        "To er i uvisiterede tilbud",
        "Fem er i beskyttet beskæftigelse (§103)",
        "To er i aktivitets- og samværstilbud (§104)",
    ]
    seed_method = [text for kind, text in blocks((SEED / "method.md").read_text()) if kind == "p"]
    assert section_paragraphs(page, "method")[: len(seed_method)] == seed_method
    preface = section_paragraphs(page, "preface")
    assert "Vi har indsamlet i alt 20 forandringsfortællinger." in preface
    assert preface[-2:] == ["Karin Leth Kristensen", "Leder Aalborg AKTIV og Aalborg FRI-TID"]
    edition_one = Edition.objects.get()
    report_url = page.url

    # The method text in its editor: placeholders, a preview, and a typo refused.
    page.get_by_role("link", name="Redigér metodeafsnittet").click()
    expect(page.get_by_role("heading", name="Forhåndsvisning")).to_be_visible()
    expect(page.locator(".preview-body")).to_contain_text("Tre grupper med i alt 14 borgere")
    assert_accessible(page)
    body = page.locator("#id_body")
    typed = body.input_value() + "\n\nDer var {deltagerne} med."
    body.fill(typed)
    page.get_by_role("button", name="Gem").click()
    # Beside the field, and in the error summary above the form.
    unknown = "Aktiv kender ikke pladsholderen {deltagerne}."
    expect(page.locator("main form").get_by_text(unknown).first).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text(unknown)).to_be_visible()
    assert page.locator("#id_body").input_value() == typed
    assert_accessible(page)

    # A rehearsal of 8 people, marked as one in the workshop form, changes nothing.
    page.goto(report_url)
    before = page.locator("article.report").inner_text()
    page.goto(f"{url}/workshops/new/")
    page.locator("#id_title").fill("Prøveafstemning")
    page.locator("#id_kind").select_option("citizens")
    page.locator("#id_held_on").fill("2021-05-03")
    page.locator("#id_round").select_option(label="2019–2021")
    page.locator("#id_is_rehearsal").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Workshoppen er en øvelse.")).to_be_visible()
    rehearsal = Workshop.objects.get(title="Prøveafstemning")
    groups = list(rehearsal.groups.order_by("number"))
    for i in range(8):
        cast(rehearsal, groups[i % 3], ["vaerdighed-og-ligevaerdighed", "laering", "indflydelse"])
    Workshop.objects.filter(pk=rehearsal.pk).update(status=Workshop.Status.CLOSED)
    page.goto(report_url)
    assert page.locator("article.report").inner_text() == before
    page.goto(f"{url}/domains/")
    expect(page.get_by_text("»Borgerworkshop« den 20. apr. 2021 (14 deltagere)")).to_be_visible()
    assert_accessible(page)

    # The manager who signs publishes it.
    manager = new_page()
    login(manager, live_server, "karin")
    manager.goto(f"{url}/report/")
    manager.get_by_role("link", name="Udgiv udgaven").click()
    assert_accessible(manager)
    manager.get_by_role("button", name="Udgiv udgaven").click()
    expect(manager.get_by_text("Udgaven er udgivet.")).to_be_visible()
    assert_accessible(manager)
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Hent som Word").click()
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert abs(document.sections[0].page_width - Mm(210)) < Mm(0.5)
    assert abs(document.sections[0].page_height - Mm(297)) < Mm(0.5)
    assert 'TOC \\o "1-1"' in document.element.xml
    assert document.core_properties.author == "Aalborg AKTIV"

    # --- Round 2 --------------------------------------------------------------------------------
    round_two = make_round("2022–2023", starts_on=datetime.date(2022, 1, 1))
    for title, employment, consent in [
        ("Jeg passer hestene", "voluntary", ("analysis", "report")),
        ("Jeg kører med varer", "wage_subsidy", ("analysis", "report")),
        ("Jeg laver kaffe til alle", "wage_subsidy", ("analysis", "report")),
        ("Jeg er med i et band", "voluntary", ("analysis",)),
        ("Jeg har fået en mentor", "sheltered_103", ()),
    ]:
        make_story(title, ["glaede", "laering"], round_two, consent=consent, user=staff,
                   employment_type=employment, storyteller_code=f"R-{len(title)}")  # fmt: skip
    north = make_workshop("Borgerworkshop nord", held_on=datetime.date(2023, 3, 7),
                          round=round_two, groups=2, status=Workshop.Status.CLOSED)  # fmt: skip
    south = make_workshop("Borgerworkshop syd", held_on=datetime.date(2023, 4, 18),
                          round=round_two, groups=3, status=Workshop.Status.CLOSED)  # fmt: skip
    analysis = make_workshop("Analyse med medarbejdere", Workshop.Kind.STAFF,
                             held_on=datetime.date(2023, 5, 2), round=round_two,
                             status=Workshop.Status.CLOSED)  # fmt: skip
    votes = [["laering", "indflydelse", "glaede"], ["glaede", "faellesskab", "muligheder"]]
    for i in range(9):
        cast(north, north.groups.get(number=1 + i % 2), votes[i % 2])
    for i in range(11):
        cast(south, south.groups.get(number=1 + i % 3), votes[(i + 1) % 2])
    glaede = Domain.objects.get(slug="glaede")
    for workshop, number in ((north, 1), (south, 2), (south, 3)):
        group = workshop.groups.get(number=number)
        Quote.objects.create(
            workshop=workshop, group=group, domain=glaede, kind="why", text=f"Citat {number}"
        )
    Selection.objects.create(workshop=analysis, domain=glaede,
                             story=Story.objects.get(title="Jeg passer hestene"),
                             reason="Den viser glæden ved ansvar.")  # fmt: skip

    # The facilitator writes down the analysis workshop's answers, and sees them beside
    # the domain's texts.
    page.goto(f"{url}/workshops/{analysis.pk}/analysis/")
    assert_accessible(page)
    page.locator("#id_domain").select_option(label="GLÆDE")
    page.get_by_label("Hvad er det, der forandrer sig i borgernes liv?").check()
    page.locator("#id_group").select_option(label="Gruppe 2")
    page.locator("#id_text").fill("De glæder sig til mandag.")
    page.get_by_role("button", name="Gem svaret").click()
    expect(page.get_by_text("Svaret er gemt.")).to_be_visible()
    page.goto(f"{url}/domains/glaede/texts/")
    expect(page.get_by_text("De glæder sig til mandag.")).to_be_visible()
    assert_accessible(page)

    # The second edition: round 2, both citizens' workshops ranking together.
    page.goto(f"{url}/report/editions/new/?round={round_two.pk}")
    expect(page.get_by_text("Der er 2 lukkede borgerworkshops i runden.")).to_be_visible()
    page.get_by_role("checkbox", name=re.compile("^Borgerworkshop nord ·")).first.check()
    page.locator("#id_signed_by").select_option(label="Karin Leth Kristensen")
    page.get_by_role("button", name="Gem udgaven").click()
    expect(page.get_by_text("Udgaven er oprettet.")).to_be_visible()
    assert_accessible(page)
    expect(
        page.get_by_text("Domænerne er ordnet efter stemmerne fra 2 workshops lagt sammen").first
    ).to_be_visible()

    # Every number agrees with the data, counted here from the rows.
    consented = Story.objects.for_report().filter(round=round_two)
    total = consented.count()
    assert f"Vi har indsamlet i alt {total} forandringsfortællinger." in section_paragraphs(
        page, "preface"
    )
    employment = Counter(consented.values_list("employment_type", flat=True))
    expected = {
        "wage_subsidy": "er kommet i job med løntilskud",
        "voluntary": "er i frivilligt arbejde",
    }
    assert sorted(page.locator(".report-employment li").all_inner_texts()) == sorted(
        f"{WORDS[employment[kind]]} {text}" for kind, text in expected.items()
    )
    ballots = Ballot.objects.filter(workshop__in=[north, south])
    participants = ballots.count()
    groups_voting = ballots.values("group").distinct().count()
    collected = Story.objects.ready().not_withdrawn().filter(round=round_two).count()
    method = method_text(page)
    assert f"Der blev i alt indsamlet {collected} forandringsfortællinger." in method
    assert f"{WORDS[groups_voting]} grupper med i alt {participants} borgere" in method
    assert "I foråret 2023 afholdtes to analyseworkshops med de borgere" in method
    assert "I foråret 2023 blev der holdt en analyseworkshop" in method
    counted = Counter(
        Vote.objects.filter(ballot__workshop__in=[north, south]).values_list(
            "domain__name", flat=True
        )
    )
    rows = page.locator("#report-domains tbody tr")
    shown = {}
    for i in range(rows.count()):
        cells = rows.nth(i)
        name = cells.locator("th").inner_text().strip()
        value = cells.locator("td").last.inner_text().strip()
        shown[name] = int(value) if value.isdigit() else 0
    assert {k: v for k, v in shown.items() if v} == dict(counted)
    order = domain_order(page)
    assert order[0] == counted.most_common(1)[0][0]
    assert [shown[name] for name in order] == sorted(shown.values(), reverse=True)
    table = {
        row.locator("th").inner_text().strip(): row.locator("td.num").all_inner_texts()
        for row in page.locator("#report-method table tbody tr").all()
    }
    for workshop in (north, south, analysis):
        mine = Ballot.objects.filter(workshop=workshop)
        assert table[workshop.title] == [
            str(mine.count()),
            str(mine.values("group").distinct().count()),
        ]
    quoted_groups = Quote.objects.filter(workshop__in=[north, south], domain=glaede)
    discussed = quoted_groups.values("group").distinct().count()
    glaede_section = page.locator("#domain-glaede")
    expect(glaede_section).to_contain_text(f"{WORDS[discussed]} grupper drøftede dette")
    expect(glaede_section).to_contain_text("Den viser glæden ved ansvar.")
    expect(glaede_section.get_by_role("heading", name="Jeg passer hestene")).to_be_visible()

    # --- A withdrawal after publishing marks the published edition -----------------------------
    withdrawn = scenario.stories["Det rette match"]
    story_services.withdraw_consent(withdrawn.pk, user=staff)
    manager.goto(f"{url}/report/?edition={edition_one.pk}")
    expect(
        manager.get_by_text(re.compile("1 fortælling, som udgaven bygger på, har mistet"))
    ).to_be_visible()
    assert manager.locator("article.report").count() == 0
    assert_accessible(manager)
    manager.get_by_role("link", name="Genopbyg udgaven uden dem").click()
    assert_accessible(manager)
    manager.get_by_role("button", name="Genopbyg udgaven").click()
    expect(manager.get_by_text(re.compile("Genopbygget .* uden 1 fortælling"))).to_be_visible()
    article = manager.locator("article.report").inner_text()
    assert "Det rette match" not in article
    assert "Vi har indsamlet i alt 19 forandringsfortællinger." in article
    manager.goto(f"{url}/report/editions/{edition_one.pk}/manifest/")
    lost = manager.get_by_role("row").filter(
        has=manager.get_by_role("rowheader", name=f"Fortælling #{withdrawn.pk}", exact=True)
    )
    expect(lost).to_contain_text("hele fortællingen")
    assert re.search(r"\d+\. \w+\.? \d{4}", lost.locator("td").last.inner_text())  # lost on
    assert_accessible(manager)
    manager.goto(f"{url}/report/editions/")
    assert_accessible(manager)


def test_printed_ballots_and_results_fit_a4(page, live_server):
    """Paper ballots: two per A4 page, each numbered, 14 pt text, boxes of at least 8 mm
    and a line on handing it in; the results table of an 8-group workshop fits A4."""
    ensure_seed_data()
    make_user(roles.FACILITATOR, username="facil")
    workshop = make_workshop("Borgerworkshop med mange grupper", groups=8,
                             status=Workshop.Status.CLOSED)  # fmt: skip
    groups = list(workshop.groups.order_by("number"))
    for i in range(40):
        cast(workshop, groups[i % 8], ["glaede", "laering", "vaerdighed-og-ligevaerdighed"])
    workshop_three = make_workshop("Borgerworkshop", groups=3)
    login(page, live_server, "facil")
    page.goto(f"{live_server.url}/workshops/{workshop_three.pk}/paper-ballots/?antal=6")
    assert_accessible(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 733, "height": 1000})  # A4 less 8 mm margins, at 96 dpi
    mm = 96 / 25.4
    ballots = page.locator(".paper-ballot")
    assert ballots.count() == 6
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.paper-ballot')].map(b => ({
            height: b.getBoundingClientRect().height, scroll: b.scrollHeight,
            client: b.clientHeight,
            font: Math.min(...[...b.querySelectorAll('p, li, span, strong')]
                .map(e => parseFloat(getComputedStyle(e).fontSize))),
            box: Math.min(...[...b.querySelectorAll('.paper-box')]
                .map(e => Math.min(e.getBoundingClientRect().width,
                                   e.getBoundingClientRect().height)))}))"""
    )
    for size in sizes:
        assert size["height"] <= 139 * mm + 1  # half of an A4 page
        assert size["scroll"] <= size["client"]  # nothing overflows
        assert size["font"] >= 14 * 96 / 72 - 0.01  # 14 pt
        assert size["box"] >= 8 * mm
    text = ballots.nth(5).inner_text()
    assert "Stemmeseddel nr. 6" in text and "Giv sedlen til den, der holder workshoppen." in text
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 3

    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/results/")
    assert_accessible(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 733, "height": 1000})
    width = page.evaluate(
        "() => { const t = document.querySelector('.results-table');"
        " return [t.getBoundingClientRect().right, document.documentElement.clientWidth,"
        " t.scrollWidth, t.clientWidth]; }"
    )
    assert width[0] <= width[1] and width[2] <= width[3] + 1, width
