"""Workshops in Chromium: a facilitator opens voting, three participants vote in their own
browser contexts, the console updates itself, closing shows the ranking; keyboard-only
voting; 320 px; axe-core clean on every participant page, the console, results and poster."""

import re

import pytest
from playwright.sync_api import expect

from aktiv import roles
from tests.browser.helpers import assert_accessible, login
from tests.factories import make_user, make_workshop, open_workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def new_page(browser, browser_context_args):
    contexts = []

    def make(**extra):
        context = browser.new_context(**{**browser_context_args, **extra})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


def choose_group(page, group):
    page.get_by_role("link", name=group).click()
    expect(page.get_by_role("heading", name="Hvad betyder mest for dig?")).to_be_visible()


def tick(page, *names):
    for name in names:
        page.get_by_role("checkbox", name=re.compile(name)).check()


def send_and_confirm(page):
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Er det rigtigt?")).to_be_visible()
    page.get_by_role("button", name="Bekræft").click()
    expect(page.get_by_role("heading", name="Tak for din stemme")).to_be_visible()


def test_facilitator_opens_three_participants_vote_and_closing_shows_the_ranking(
    page, live_server, new_page
):
    make_user(roles.FACILITATOR, username="facilitator")
    workshop = make_workshop(groups=3, title="Borgerworkshop i browseren")
    login(page, live_server, "facilitator")
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/")
    page.get_by_role("button", name="Åbn afstemningen").click()
    code = page.locator(".join-code").inner_text().strip()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    expect(page.locator("[data-live-total]")).to_have_text("0")
    assert_accessible(page)  # console

    poster = new_page()
    poster.context.add_cookies(page.context.cookies())
    poster.goto(f"{live_server.url}/workshops/{workshop.pk}/poster/")
    expect(poster.locator(".poster-code")).to_have_text(code)
    expect(poster.locator("svg.qr-code")).to_be_visible()
    assert_accessible(poster)

    # Participant 1: types the code on the join page, all pages axe-clean.
    one = new_page()
    one.goto(f"{live_server.url}/w/")
    assert_accessible(one)
    one.get_by_label("Skriv koden fra plakaten").fill(code.lower())
    one.get_by_role("button", name="Gå videre").click()
    expect(one.get_by_role("heading", name="Hvilken gruppe er du i?")).to_be_visible()
    assert_accessible(one)
    choose_group(one, "Gruppe 1")
    expect(one.get_by_text("Du har valgt 0 af 3")).to_be_visible()
    assert_accessible(one)
    tick(one, "GLÆDE", "FÆLLESSKAB", "LÆRING")
    expect(one.get_by_text("Du har valgt 3 af 3")).to_be_visible()
    one.get_by_role("button", name="Send").click()
    expect(one.get_by_role("heading", name="Er det rigtigt?")).to_be_visible()
    assert_accessible(one)
    one.get_by_role("button", name="Bekræft").click()
    expect(one.get_by_role("heading", name="Tak for din stemme")).to_be_visible()
    assert_accessible(one)

    # The console refreshes itself without reloading the page.
    expect(page.locator("[data-live-total]")).to_have_text("1", timeout=10_000)

    # Participant 2 votes, then changes the vote.
    two = new_page()
    two.goto(f"{live_server.url}/w/{code}/")
    choose_group(two, "Gruppe 2")
    tick(two, "GLÆDE", "TRYGHED OG MOD")
    send_and_confirm(two)
    two.get_by_role("link", name="Ret din stemme").click()
    expect(two.get_by_text("Du har allerede stemt")).to_be_visible()
    two.get_by_role("checkbox", name=re.compile("TRYGHED OG MOD")).uncheck()
    tick(two, "LÆRING")
    send_and_confirm(two)

    # Participant 3 tries a fourth domain and is stopped in the browser.
    three = new_page()
    three.goto(f"{live_server.url}/w/{code}/")
    choose_group(three, "Gruppe 3")
    tick(three, "GLÆDE", "MULIGHEDER", "LÆRING")
    fourth = three.get_by_role("checkbox", name=re.compile("INDFLYDELSE"))
    fourth.click()
    expect(fourth).not_to_be_checked()
    expect(three.get_by_role("alert")).to_contain_text("Du har allerede valgt 3")
    expect(three.get_by_text("Du har valgt 3 af 3")).to_be_visible()
    # The notice is beside the card that was tapped, inside the fieldset.
    assert three.evaluate(
        "document.querySelector('[data-limit-message]').previousElementSibling"
        ".contains(document.getElementById('d-indflydelse'))"
    )
    assert three.evaluate("!!document.querySelector('fieldset [role=alert]')")
    send_and_confirm(three)

    # A ballot link sent to another phone says what is missing before anything is filled in.
    four = new_page()
    four.goto(f"{live_server.url}/w/{code}/stem/?gruppe=2")
    expect(four.get_by_text("Vi kan ikke genkende din telefon.")).to_be_visible()
    expect(four.get_by_role("checkbox")).to_have_count(0)
    assert_accessible(four)

    expect(page.locator("[data-live-total]")).to_have_text("3", timeout=10_000)
    groups = page.locator("[data-group-count]")
    expect(groups).to_have_text(["1", "1", "1"])

    # The changes are said in words in one polite live region (not a bare number).
    announce = page.locator("[data-live-announce]")
    expect(announce).to_have_attribute("role", "status")
    expect(announce).to_contain_text("3 stemmesedler i alt.")
    expect(announce).to_contain_text("Gruppe 3: 1.")
    expect(page.locator("[data-live-total]")).not_to_have_attribute("aria-live", "polite")

    # Deleting a ballot asks first; a deleted ballot can be restored.
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/ballots/")
    page.get_by_role("link", name=re.compile("Slet")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Slet stemmeseddel"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, slet stemmesedlen").click()
    expect(page.get_by_role("heading", name="Slettede stemmesedler")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Gendan")).click()
    expect(page.get_by_text(re.compile("tæller igen"))).to_be_visible()
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/")

    # Closed in another tab: the console says so and hides its stale buttons.
    poster.goto(f"{live_server.url}/workshops/{workshop.pk}/")
    poster.get_by_role("link", name="Luk afstemningen").click()
    expect(poster.get_by_role("heading", name="Luk afstemningen?")).to_be_visible()
    assert_accessible(poster)
    poster.get_by_role("button", name="Ja, luk afstemningen").click()
    expect(poster.get_by_role("heading", name=re.compile("Resultat"))).to_be_visible()
    expect(page.locator("[data-live-stale]")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("link", name="Luk afstemningen")).to_be_hidden()
    expect(announce).to_contain_text("Afstemningen er nu: Lukket.")
    page.get_by_role("link", name="Hent siden igen").click()
    page.get_by_role("link", name="Se resultatet").click()
    expect(page.get_by_role("heading", name=re.compile("Resultat"))).to_be_visible()
    rows = page.locator("table.results-table tbody tr")
    # GLÆDE and LÆRING got 3 votes each (participant 2 swapped TRYGHED OG MOD for LÆRING).
    expect(rows.nth(0)).to_contain_text("delt 1. plads")
    expect(rows.nth(0)).to_contain_text("GLÆDE")
    expect(rows.nth(1)).to_contain_text("delt 1. plads")
    expect(rows.nth(1)).to_contain_text("LÆRING")
    expect(rows.nth(2)).to_contain_text("3. plads")
    tryghed = page.locator("tr", has=page.get_by_role("rowheader", name="TRYGHED OG MOD"))
    expect(tryghed).to_contain_text("ikke prioriteret")
    assert_accessible(page)

    one.goto(f"{live_server.url}/w/{code}/")
    expect(one.get_by_role("heading", name="Afstemningen er lukket")).to_be_visible()
    assert_accessible(one)
    # A new device after closing is told the vote has ended, not that the code is wrong.
    late = new_page()
    late.goto(f"{live_server.url}/w/{code}/")
    expect(late.get_by_text("Afstemningen er slut.")).to_be_visible()
    assert_accessible(late)

    # Locking the result asks first.
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/")
    page.get_by_role("link", name="Lås resultatet").click()
    expect(page.get_by_role("heading", name="Lås resultatet?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, lås resultatet").click()
    expect(page.get_by_text(re.compile("Resultatet blev låst"))).to_be_visible()
    expect(page.get_by_role("button", name="Genåbn afstemningen")).to_have_count(0)


def test_ballot_error_without_javascript_is_shown_and_kept(live_server, new_page):
    workshop = open_workshop(code="NXJSAB")
    page = new_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/w/{workshop.join_code}/")
    choose_group(page, "Gruppe 2")
    tick(page, "GLÆDE", "FÆLLESSKAB", "LÆRING", "INDFLYDELSE")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("Du må højst vælge 3")
    expect(page.get_by_role("checkbox", name=re.compile("INDFLYDELSE"))).to_be_checked()


def test_ballot_error_from_the_server_is_accessible(live_server, new_page):
    # axe needs JavaScript, so the browser's stop is bypassed to reach the server's check.
    workshop = open_workshop(code="SERVER")
    page = new_page()
    page.goto(f"{live_server.url}/w/{workshop.join_code}/")
    choose_group(page, "Gruppe 2")
    page.evaluate(
        "() => document.querySelectorAll('input.domain-check')"
        ".forEach((box, i) => { box.checked = i < 4; })"
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert").first).to_contain_text("Du må højst vælge 3")
    assert_accessible(page)


def test_wrong_code_and_throttle_pages_are_friendly_and_accessible(live_server, new_page):
    page = new_page()
    page.goto(f"{live_server.url}/w/?code=ZZZZZZ")
    expect(page.get_by_role("heading", name="Koden virker ikke")).to_be_visible()
    assert_accessible(page)

    from workshops import services
    from workshops.models import JoinAttempt

    JoinAttempt.objects.bulk_create(
        JoinAttempt(address="127.0.0.1") for _ in range(services.JOIN_FAILURE_LIMIT)
    )
    response = page.goto(f"{live_server.url}/w/ZZZZZZ/")
    assert response.status == 429
    expect(page.get_by_role("heading", name="Vent et øjeblik")).to_be_visible()
    assert_accessible(page)


def test_keyboard_alone_can_vote(live_server, new_page):
    workshop = open_workshop(code="KEYBRD")
    page = new_page()
    page.goto(f"{live_server.url}/w/{workshop.join_code}/")

    def tab_to(predicate_js, limit=40):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate_js):
                return
        raise AssertionError(f"never reached {predicate_js}")

    tab_to("document.activeElement.textContent.trim() === 'Gruppe 1'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Hvad betyder mest for dig?")).to_be_visible()
    tab_to("document.activeElement.id === 'd-glaede'")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_text("Du har valgt 2 af 3")).to_be_visible()
    tab_to("document.activeElement.textContent.trim() === 'Send'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Er det rigtigt?")).to_be_visible()
    expect(page.get_by_text("Du må vælge 3")).to_be_visible()
    tab_to("document.activeElement.textContent.trim() === 'Bekræft'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tak for din stemme")).to_be_visible()
    expect(page.get_by_text("GLÆDE")).to_be_visible()
    expect(page.get_by_text("FÆLLESSKAB")).to_be_visible()


@pytest.mark.parametrize("width", [320, 640])
def test_ballot_fits_320_px_and_200_percent_zoom_with_large_targets(live_server, new_page, width):
    # 640 CSS px at 200 % zoom is what a 1280 px wide screen shows.
    workshop = open_workshop(code="SMAKKW")
    page = new_page(viewport={"width": width, "height": 700})
    page.goto(f"{live_server.url}/w/{workshop.join_code}/")
    choose_group(page, "Gruppe 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for card in page.locator("label.domain-card").all():
        box = card.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    send = page.get_by_role("button", name="Send").bounding_box()
    assert send["height"] >= 44
    assert_accessible(page)


def test_locked_and_closed_participant_pages_are_accessible(live_server, new_page):
    from workshops.models import Workshop

    workshop = open_workshop(code="ACKED2")
    Workshop.objects.filter(pk=workshop.pk).update(joining_locked=True)
    page = new_page()
    page.goto(f"{live_server.url}/w/{workshop.join_code}/")
    expect(page.get_by_role("heading", name="Der er lukket for nye deltagere")).to_be_visible()
    assert_accessible(page)
