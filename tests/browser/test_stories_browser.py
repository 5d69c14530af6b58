"""Stories in Chromium: create with consent, find by a stemmed word, withdraw; axe-clean pages."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from aktiv import roles
from stories.models import Story
from tests.browser.helpers import assert_accessible, login
from tests.factories import make_round, make_story, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Jeg fik lov at arbejde i haven"


@pytest.fixture(autouse=True)
def seed_domains():
    """The seed domains, also when an earlier transactional test flushed them.

    (In a full run an earlier `transaction=True` test without serialized rollback can
    leave the connection without its serialized copy, so nothing restores the data
    migrations' rows; this puts the ten domains back in that case.)
    """
    from importlib import import_module

    from django.apps import apps

    from domains.models import Domain

    if not Domain.objects.exists():
        import_module("domains.migrations.0002_seed_domains").forwards(apps, None)


def logout(page):
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()


def test_staff_creates_finds_and_withdraws_a_story_and_the_manager_loses_it(page, live_server):
    make_user(roles.STAFF, username="medarbejder")
    make_user(roles.MANAGER, username="leder")
    make_round("2019–2021")
    make_story(title="En anden fortælling", text="Om at cykle.", significance="")

    login(page, live_server, "medarbejder")
    page.goto(f"{live_server.url}/stories/new/")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Fortællingen, med fortællerens egne ord").fill(
        "Hver morgen arbejdede jeg med blomsterne. Mine kolleger spurgte mig til råds."
    )
    page.get_by_label("Hvorfor er netop denne forandring vigtig").fill("Jeg blev set.")
    page.get_by_label("Fortællerkode").fill("B-201")
    page.get_by_label("Beskæftigelse").select_option("wage_subsidy")
    page.get_by_label("Indsamlingsrunde").select_option(label="2019–2021")
    page.get_by_label("Indsamlet den").fill("2021-03-04")
    page.get_by_role("checkbox", name=re.compile(r"^GLÆDE »")).check()
    page.get_by_role("checkbox", name=re.compile(r"^LÆRING »")).check()
    page.get_by_label("må læses i analyseworkshops").check()
    page.get_by_label("Dato for samtykket til analyse").fill("2021-03-05")
    page.get_by_label("må citeres anonymt i læringsrapporten").check()
    page.get_by_label("Dato for samtykket til læringsrapporten").fill("2021-03-05")
    page.get_by_label("Fortælleren selv").check()
    page.get_by_label("Skriftligt (underskrevet)").check()
    page.get_by_label("Klar", exact=True).check()
    page.get_by_role("button", name="Gem fortællingen").click()

    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("Fortællingen er gemt.")).to_be_visible()
    story = Story.objects.get(title=TITLE)
    assert set(story.domains.values_list("slug", flat=True)) == {"glaede", "laering"}
    assert story.consent_report_on == datetime.date(2021, 3, 5)

    # Search with another form of the word: "arbejder" finds "arbejde" and "arbejdede".
    page.goto(f"{live_server.url}/stories/")
    page.get_by_label("Søg i titel, fortælling og betydning").fill("arbejder")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_text("Viser nr. 1–1 af dem, der passer")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="En anden fortælling")).to_have_count(0)

    logout(page)
    login(page, live_server, "leder")
    page.goto(f"{live_server.url}/stories/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_text("B-201")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Mine kolleger spurgte mig til råds.")).to_be_visible()
    expect(page.get_by_text("B-201")).to_have_count(0)
    assert_accessible(page)

    logout(page)
    login(page, live_server, "medarbejder")
    page.goto(f"{live_server.url}/stories/{story.pk}/")
    # One scope only: the report consent goes, the analysis consent stays.
    page.get_by_role("link", name="Træk tilbage (læringsrapport)").click()
    expect(page.get_by_label("Kun samtykket til læringsrapporten")).to_be_checked()
    page.get_by_label("Ja, fortælleren har sagt det.").check()
    page.get_by_role("button", name="Træk samtykket tilbage").click()
    expect(page.get_by_text("Samtykket til læringsrapporten er trukket tilbage.")).to_be_visible()
    story.refresh_from_db()
    assert story.consent_report_on is None and story.consent_analysis_on is not None
    page.get_by_role("link", name="Samtykkeerklæring i let dansk").click()
    expect(page.get_by_role("heading", name="Må vi bruge din fortælling?")).to_be_visible()
    expect(page.get_by_text("Din fortælling har koden B-201.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Tilbage").click()

    logout(page)
    login(page, live_server, "leder")
    page.goto(f"{live_server.url}/stories/")
    expect(page.get_by_text("0 fortællinger", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)


def test_story_list_and_detail_are_accessible(page, live_server):
    staff = make_user(roles.STAFF, username="medarbejder")
    round_ = make_round("2019–2021")
    first = make_story(title="Tidligere", storyteller_code="B-7", round=round_, user=staff)
    make_story(
        title="Senere",
        storyteller_code="B-7",
        consent=("analysis", "report"),
        round=round_,
        user=staff,
        domains=("glaede", "laering"),
    )
    withdrawn = make_story(title="Trukket", consent=("analysis",))
    withdrawn.withdraw(staff)
    withdrawn.save()
    make_story(title="Kladde", status="draft", domains=())
    login(page, live_server, "medarbejder")
    page.goto(f"{live_server.url}/stories/")
    expect(page.get_by_text("4 fortællinger", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Senere").click()
    expect(page.get_by_role("link", name="Tidligere")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/stories/{withdrawn.pk}/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/stories/{first.pk}/withdraw/")
    assert_accessible(page)
    page.get_by_role("button", name="Træk samtykket tilbage").click()  # nothing chosen
    expect(page.get_by_text("Vælg, hvad fortælleren trækker tilbage.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/stories/{first.pk}/erase/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/stories/rounds/")
    assert_accessible(page)


def test_story_form_and_its_error_state_are_accessible(page, live_server):
    make_user(roles.STAFF, username="medarbejder")
    login(page, live_server, "medarbejder")
    page.goto(f"{live_server.url}/stories/new/")
    assert_accessible(page)
    page.get_by_label("Fortællingen, med fortællerens egne ord").fill("Mit cpr er 010190-1234")
    page.get_by_label("må læses i analyseworkshops").check()
    page.get_by_label("Klar", exact=True).check()
    page.get_by_role("button", name="Gem fortællingen").click()
    # Beside the field, and in the error summary above the form.
    expect(page.locator("main form").get_by_text("Skriv en titel.").first).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text("Skriv en titel.")).to_be_visible()
    cpr = "ser ud til at indeholde et CPR-nummer"
    expect(page.locator("main form").get_by_text(cpr).first).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text(cpr)).to_be_visible()
    when = "Skriv datoen, hvor fortælleren gav samtykket."
    expect(page.locator("main form").get_by_text(when).first).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text(when)).to_be_visible()
    domain = "Vælg mindst ét forandringsområde"
    expect(page.locator("main form").get_by_text(domain).first).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text(domain)).to_be_visible()
    expect(page.get_by_label("Fortællingen, med fortællerens egne ord")).to_have_value(
        "Mit cpr er 010190-1234"
    )
    assert_accessible(page)
    assert not Story.objects.exists()


def test_import_page_and_preview_are_accessible(page, live_server, tmp_path):
    make_user(roles.STAFF, username="medarbejder")
    login(page, live_server, "medarbejder")
    page.goto(f"{live_server.url}/stories/import/")
    assert_accessible(page)
    path = tmp_path / "fortaellinger.csv"
    path.write_text(
        "titel;fortælling;beskæftigelse;indsamlet_dato;status;domæner\r\n"
        "God;Jeg arbejder;løntilskud;2021-03-04;klar;GLÆDE\r\n"
        "Dårlig;Tekst;astronaut;31-02-2021;klar;Lykke\r\n",
        encoding="utf-8",
    )
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(path))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.get_by_role("heading", name="Forhåndsvisning af import")).to_be_visible()
    expect(page.get_by_text("Ukendt forandringsområde: »Lykke«.")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/stories/import/")
    path.write_text(
        "titel;fortælling;beskæftigelse;indsamlet_dato;status;domæner\r\n"
        "God;Jeg arbejder;løntilskud;2021-03-04;klar;GLÆDE\r\n",
        encoding="cp1252",
    )
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(path))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.get_by_text("1 rækker uden problemer")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Gem alle 1 fortællinger").click()
    expect(page.get_by_text("1 fortællinger er importeret.")).to_be_visible()
    assert Story.objects.get().title == "God"

    page.goto(f"{live_server.url}/stories/import/")
    path.write_bytes(b"\x89PNG\r\n\x1a\nxxxx")
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(path))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    # Beside the field, and in the error summary above the form.
    expect(page.locator("main form").get_by_text("Filen er et billede").first).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text("Filen er et billede")).to_be_visible()
    assert_accessible(page)
