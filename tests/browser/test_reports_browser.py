"""The report printed to PDF from Chromium, and axe-core on the report pages."""

import datetime
import re
import zlib

import pytest
from playwright.sync_api import expect

from aktiv import roles
from domains import seed
from stories.models import Feedback
from tests.browser.helpers import assert_accessible, login
from tests.factories import PUBLIC_TITLE, build_scenario, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPORT_ORDER = [d["name"] for d in seed.domains()]
FOOTER = (
    '<div class="page-footer" style="font-size:9px;width:100%;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def _pdf_strings(raw):
    """Literal and hex strings of a PDF's objects, inflating compressed streams."""
    chunks = [raw]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)


def _decode(token):
    if token.startswith(b"<"):
        data = bytes.fromhex(token[1:-1].decode())
    else:
        data = re.sub(rb"\\([()\\])", rb"\1", token[1:-1])
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("latin-1")


def pdf_outline(raw):
    """[(title, page object number)] of the PDF's bookmarks (Chromium's outline=True)."""
    data = _pdf_strings(raw)
    entries = []
    pattern = rb"/Title\s*(<[0-9A-Fa-f]+>|\((?:\\.|[^\\)])*\)).*?/Dest\s*\[\s*(\d+)\s+0\s+R"
    for match in re.finditer(pattern, data, re.S):
        entries.append((_decode(match.group(1)), int(match.group(2))))
    return entries


def ensure_seed_data():
    """Put back the data migrations' rows (domains, report texts, role groups) when an
    earlier transactional test flushed them and the serialized rollback did not restore
    them (seen when tests/aktiv/test_pages.py runs before the browser tests)."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    from aktiv.roles import sync_role_permissions
    from domains.models import Domain

    if not Domain.objects.exists():
        importlib.import_module("domains.migrations.0002_seed_domains").forwards(apps, None)
        importlib.import_module("reports.migrations.0002_seed_texts").forwards(apps, None)
        importlib.import_module("reports.migrations.0005_text_placeholders").forwards(apps, None)
    if not Group.objects.exists():
        sync_role_permissions()


@pytest.fixture
def scenario(db):
    ensure_seed_data()
    return build_scenario(collector=make_user(roles.STAFF, username="indsamler"))


def test_manager_prints_the_report_to_pdf_one_section_per_domain(page, live_server, scenario):
    make_user(roles.MANAGER, username="chef")
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/report/")
    expect(page.get_by_role("heading", name="Læringsrapport", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Udskriv").click()
    expect(page.get_by_role("button", name="Åbn udskrift")).to_be_visible()
    assert page.get_by_role("navigation", name="Hovedmenu").count() == 0
    assert_accessible(page)
    pdf = page.pdf(
        format="A4",
        print_background=False,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=FOOTER,
        outline=True,
        tagged=True,
    )
    assert pdf.startswith(b"%PDF")
    outline = pdf_outline(pdf)
    titles = [title for title, _ in outline]
    domain_entries = [(t, p) for t, p in outline if t in REPORT_ORDER]
    assert [t for t, _ in domain_entries] == REPORT_ORDER, titles
    # each domain starts on a page of its own
    assert len({p for _, p in domain_entries}) == len(REPORT_ORDER)
    assert "Forord" in titles and "Afrunding og perspektivering" in titles
    pages = len(re.findall(rb"/Type\s*/Page\b", _pdf_strings(pdf)))
    assert pages >= len(REPORT_ORDER) + 4


def test_print_layout_hides_navigation_in_print_media(page, live_server, scenario):
    make_user(roles.STAFF, username="medarb")
    login(page, live_server, "medarb")
    page.goto(f"{live_server.url}/report/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".report-tools")).to_be_hidden()
    breaks = page.locator(".report-domain").first.evaluate("el => getComputedStyle(el).breakBefore")
    assert breaks == "page"


def test_domain_overview_and_page_with_data_are_accessible(page, live_server, scenario):
    make_user(roles.MANAGER, username="chef")
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/domains/")
    expect(page.get_by_role("img", name="Stemmer pr. forandringsområde")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="GLÆDE", exact=True).first.click()
    expect(page.get_by_role("heading", name="Hvad siger borgerne om GLÆDE?")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/domains/vaerdighed-og-ligevaerdighed/")
    expect(page.get_by_text("ikke særskilt prioriteret")).to_be_visible()
    assert_accessible(page)


def test_choosing_an_edition_without_javascript_reorders_the_overview(
    browser, live_server, scenario
):
    from tests.factories import make_edition

    make_user(roles.MANAGER, username="chef")
    staff = make_edition([scenario.round], ranking=[scenario.staff], title="Medarbejdernes")
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/domains/")
    page.get_by_label("Rapportudgave").select_option(str(staff.pk))
    page.get_by_role("button", name="Vis udgaven").click()
    first = page.locator("#ranking-heading ~ div table tbody tr").first
    expect(first).to_contain_text("FÆLLESSKAB")
    context.close()


def test_feedback_pages_and_letter_are_accessible(page, live_server, scenario):
    make_user(roles.STAFF, username="medarb")
    login(page, live_server, "medarb")
    story = scenario.stories["Det rette match"]
    page.goto(f"{live_server.url}/stories/{story.pk}/feedback/")
    assert_accessible(page)
    page.get_by_label("Givet den").fill(datetime.date(2021, 5, 10).isoformat())
    page.get_by_label("Samtale").check()
    page.get_by_role("button", name="Gem tilbagemeldingen").click()
    expect(page.get_by_text("Tilbagemeldingen er gemt.")).to_be_visible()
    assert Feedback.objects.filter(story=story).count() == 1
    page.get_by_role("link", name="Lav et brev til fortælleren").click()
    expect(page.get_by_role("heading", name="Tak for din fortælling")).to_be_visible()
    assert_accessible(page)


def test_public_page_is_accessible_and_filters_by_domain(page, live_server, scenario):
    page.goto(f"{live_server.url}/public/stories/")
    expect(page.get_by_role("heading", name=PUBLIC_TITLE)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Vis fortællinger om").select_option("laering")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_text("Der er ingen offentlige fortællinger her endnu.")).to_be_visible()
    assert_accessible(page)


def test_manager_start_page_with_overview_is_accessible(page, live_server, scenario):
    make_user(roles.MANAGER, username="chef")
    login(page, live_server, "chef")
    expect(page.get_by_text("Overblik over indsamlingen")).to_be_visible()
    assert_accessible(page)
