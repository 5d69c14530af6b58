"""Blind double coding and domain suggestions in Chromium, one flow on demo-like data:
two coders code four stories (one known disagreement), the kappa shown matches the hand
computation, the disagreement is resolved onto the story; a new story gets labelled
suggestions with their measured agreement and one is added by a click. Every page is
checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from agreement import suggestions
from aktiv import roles
from domains.models import Domain
from tests.browser.helpers import assert_accessible, login
from tests.factories import make_story, make_user, tagged_corpus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Coder A and coder B differ on the second story only (GLÆDE against LÆRING).
ANSWERS = {
    "koder_a": ["GLÆDE", "GLÆDE", "LÆRING", "LÆRING"],
    "koder_b": ["GLÆDE", "LÆRING", "LÆRING", "LÆRING"],
}


def measured_agreement():
    """The suggestions' overall kappa on held-out stories, computed here, as shown."""
    measured = suggestions.cross_validate(
        suggestions.training_examples(), [d.pk for d in Domain.objects.filter(is_active=True)]
    )["overall"]
    return measured, f"{measured['value']:.2f}".replace(".", ",")


def code_all(page, live_server, username, round_url):
    login(page, live_server, username)
    page.goto(round_url)
    page.get_by_role("link", name=re.compile(r"^Fortælling \d+$")).first.click()
    for index, name in enumerate(ANSWERS[username]):
        expect(page.get_by_role("heading", level=1)).to_contain_text("Kod fortælling")
        if index == 0 and username == "koder_a":
            assert_accessible(page)
        page.get_by_label(re.compile(rf"^\s*{name}\s")).check()
        page.get_by_role("button", name="Gem kodningen").click()
        page.wait_for_load_state()
    expect(page).to_have_url(round_url)
    page.context.clear_cookies()


def test_two_coders_agree_measurably_and_suggestions_come_with_their_measured_agreement(
    page, live_server
):
    suggestions.clear()
    make_user(roles.STAFF, username="koder_a")
    make_user(roles.STAFF, username="koder_b")
    tagged_corpus()  # 24 tagged stories with analysis consent: enough to learn from
    sample = [make_story(f"Dobbeltkodet {i}", domains=(), consent=("analysis",)) for i in range(4)]

    login(page, live_server, "koder_a")
    page.goto(f"{live_server.url}/agreement/")
    assert_accessible(page)
    page.get_by_role("link", name="Opret en kodningsrunde").click()
    page.get_by_label("Titel").fill("Dobbeltkodning forår")
    page.get_by_label("Eller vælg fortællinger (numre)").fill(", ".join(str(s.pk) for s in sample))
    page.get_by_role("button", name="Opret runden").click()  # no coders: refused
    expect(page.locator(".error-summary")).to_contain_text("Vælg mindst to kodere.")
    assert_accessible(page)
    page.get_by_label("koder_a").check()
    page.get_by_label("koder_b").check()
    page.get_by_role("button", name="Opret runden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dobbeltkodning forår")
    round_url = page.url
    page.context.clear_cookies()

    code_all(page, live_server, "koder_a", round_url)
    code_all(page, live_server, "koder_b", round_url)

    login(page, live_server, "koder_a")
    page.goto(round_url)
    # Overall, ten domains × four stories = 40 decisions, 2 disagreements:
    # p_o = 38/40 = 0.95; both coders said "present" 4 times: p_e = (4·4 + 36·36)/1600 =
    # 0.82; kappa = (0.95 - 0.82)/(1 - 0.82) = 0.72. GLÆDE: A 1100, B 1000 -> p_o 3/4,
    # p_e 1/2, kappa 0.50; LÆRING likewise; the other eight cannot be computed.
    expect(page.locator("#overall-agreement")).to_contain_text("Samlet: 0,72")
    expect(page.locator("#overall-agreement")).to_contain_text("bygger på 4 fortællinger")
    glaede = page.get_by_role("row", name=re.compile("^GLÆDE"))
    expect(glaede).to_contain_text("0,50")
    disagreements = page.locator("#table-disagreements").locator("xpath=..")
    expect(disagreements.get_by_role("row")).to_have_count(2)  # header and story 2
    expect(disagreements).to_contain_text("Dobbeltkodet 1")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Afgør")).click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^\s*LÆRING\s")).check()
    page.get_by_label("Begrundelse").fill("Hun lærer at arbejde i køkkenet.")
    page.get_by_label("Sæt de aftalte forandringsområder på fortællingen").check()
    page.get_by_role("button", name="Gem afgørelsen").click()
    expect(page.locator("#table-disagreements").locator("xpath=..")).to_contain_text(
        "sat på fortællingen"
    )
    assert list(sample[1].domains.values_list("slug", flat=True)) == ["laering"]

    new = make_story(
        "Ny fortælling",
        domains=(),
        consent=("analysis",),
        text="Jeg har lært at bruge maskinen og lærer nye ting på kurset.",
    )
    page.goto(f"{live_server.url}/stories/{new.pk}/")
    page.get_by_role("link", name="Se Aktivs forslag til forandringsområder").click()
    suggestion = page.get_by_label(re.compile(r"^\s*LÆRING \(forslag, \d+ %\)\s*$"))
    expect(suggestion).to_be_checked()
    # Measured on held-out stories (5-fold), the same numbers as computed here: the
    # corpus plus the resolved story, whose plain text shares no word with its domain.
    measured, shown = measured_agreement()
    expect(page.locator("#suggestion-kappa")).to_have_text(shown)
    assert measured["n"] == 25
    assert_accessible(page)
    assert not new.domains.exists()  # suggested, not applied
    page.get_by_role("button", name="Tilføj de valgte forslag").click()
    expect(page.locator("#domains-heading").locator("xpath=..")).to_contain_text("LÆRING")

    page.goto(f"{live_server.url}/agreement/suggestions/")
    # Retrained for the new data version: now with the story just tagged.
    measured, shown = measured_agreement()
    expect(page.locator("#suggestion-overall")).to_contain_text(f"Samlet kappa: {shown}")
    expect(page.locator("#suggestion-overall")).to_contain_text("bygger på 26 fortællinger")
    assert_accessible(page)
