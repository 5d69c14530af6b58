"""Coding in Chromium, on the demo-like scenario, every page checked with axe-core.

A staff member codes two passages of a story: one selected in the text with the mouse
(the small script fills the fields), one typed. One is a quote candidate and shows on
the domain page. The REFI-QDA project downloaded from the overview validates against
the official schema and round-trips: the same offsets, and each selection's text is the
exported plain text's slice.
"""

import pytest

from aktiv import roles
from tests.browser.helpers import assert_accessible, login
from tests.browser.test_reports_browser import ensure_seed_data
from tests.coding.refi_check import read_project
from tests.factories import build_scenario, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_code_two_passages_see_the_quote_and_export_the_project(page, live_server):
    ensure_seed_data()
    scenario = build_scenario()
    make_user(roles.STAFF, username="koder")
    story = next(s for s in scenario.stories.values() if s.consent_report_on)
    assert len(story.text) >= 40
    typed = story.text[-20:].strip()

    login(page, live_server, "koder")
    page.goto(f"{live_server.url}/coding/")
    assert_accessible(page)
    page.get_by_role("link", name=story.title, exact=True).click()
    page.wait_for_url(f"**/coding/stories/{story.pk}/")
    assert_accessible(page)

    # 1. Selected in the text: characters 0-20 of the story, with the mouse's selection.
    page.evaluate(
        """() => {
            const box = document.querySelector('[data-coding-text]');
            const node = box.firstChild;
            const range = document.createRange();
            range.setStart(node, 0);
            range.setEnd(node, 20);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }"""
    )
    selected = story.text[:20]
    assert page.get_by_label("Passagen").input_value() == selected
    assert page.get_by_label("Fra tegn nr.").input_value() == "0"
    page.get_by_role("checkbox", name="GLÆDE").check()
    page.get_by_role("checkbox", name="Kandidat til citat").check()
    page.get_by_role("button", name="Gem uddraget").click()
    page.get_by_text("Uddraget er gemt.").wait_for()

    # 2. Typed (works without JavaScript as well).
    page.get_by_label("Passagen").fill(typed)
    page.get_by_role("checkbox", name="LÆRING").check()
    page.get_by_role("button", name="Gem uddraget").click()
    page.get_by_text("Uddraget er gemt.").wait_for()
    assert page.locator("[data-coding-text] mark").count() >= 2
    assert_accessible(page)

    # The quote candidate on the domain page (the story's consent covers the report).
    page.goto(f"{live_server.url}/domains/glaede/")
    page.get_by_text(selected.strip(), exact=False).first.wait_for()
    assert_accessible(page)

    # The project, downloaded as a user does.
    page.goto(f"{live_server.url}/coding/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent projektet (.qdpx)").click()
    with open(download.value.path(), "rb") as file:
        project = read_project(file.read())
    source = project["sources"][f"#{story.pk} {story.title}"]
    assert source["text"] == story.text
    got = sorted((s["start"], s["end"], s["text"]) for s in source["selections"])
    start = story.text.index(typed)
    assert got == sorted([(0, 20, selected), (start, start + len(typed), typed)])
    assert {tuple(s["codes"]) for s in source["selections"]} == {("GLÆDE",), ("LÆRING",)}
