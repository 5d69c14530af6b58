"""The accessibility crawl: every page the access matrix reaches, as every role, in Danish
and English, at 320 px and 1280 px, with realistic data (long names, more than 25 rows).

The pages are not listed here: they come from the URLconf and the access matrix
(tests/hardening/test_access_matrix.py, EXPECTED), so a page added to the site is
crawled as soon as its row is in the matrix. On each page:

- axe-core (WCAG 2.0/2.1/2.2 A and AA) at 1280 px and at 320 px,
- reflow (WCAG 1.4.10): at 320 px the page never scrolls sideways,
- the title is "<page> – Aktiv".

To stay within its time budget the crawl uses one live server, one browser and one
context per role and language (signed in by cookie, not through the form), resizes the
viewport instead of loading a page twice, and visits one URL per template and role: the
Django test client finds which template each URL renders before the browser goes there.
"""

import os
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.helpers import AXE_SOURCE, format_violations
from tests.factories import build_crawl_data
from tests.hardening import test_access_matrix as matrix

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The rules whose result depends on the layout (what overlaps, what scrolls, how far apart
# targets are): in English they run at 1280 px, all rules at 320 px; in Danish all rules
# run at both widths. The rest of the DOM is the same at both widths.
LAYOUT_RULES = ["color-contrast", "scrollable-region-focusable", "target-size"]
WIDE, NARROW = 1280, 320
TITLE = re.compile(r"^\S.* – Aktiv$")
LANGUAGES = ("da", "en")
CRAWL_ORDER = ("staff", "facilitator", "manager", "anonymous", "participant", "admin")

# Responses that are not pages (files, feeds) are left out by their content type.
HTML = "text/html"


# Pages whose content depends on the role more than their template says: crawled as
# every role. Every other template is crawled once, as the first role (in ROLES order)
# that reaches it: the frame around it (the menu of each role) is on each role's pages.
PER_ROLE = {"reports:home"}


def crawl_plan(states, clients):
    """{role: [(pattern, url, template)]}: each template the roles see with 200, once."""
    names = {name: params for name, _route, params in matrix.app_patterns()}
    plan = {}
    seen = set()
    # While working on a page: AKTIV_CRAWL_ONLY=regex of pattern names (never in CI).
    only = re.compile(os.environ.get("AKTIV_CRAWL_ONLY", ""))
    for role in CRAWL_ORDER:
        plan[role] = []
        for name in sorted(n for n in matrix.EXPECTED if only.search(n)):
            for label, url, cell_role, expected in matrix.cells_for(name, names[name], states):
                if cell_role != role or expected != 200:
                    continue
                response = clients[role].get(url)
                if response.status_code != 200 or not response.get("Content-Type", "").startswith(
                    HTML
                ):
                    continue
                templates = [t.name for t in getattr(response, "templates", []) if t.name]
                key = templates[0] if templates else url
                if name in PER_ROLE:
                    key = (key, role)
                if key in seen:
                    continue
                seen.add(key)
                plan[role].append((label, url, key))
    plan["admin"] += admin_pages(clients["admin"], seen, only)
    return plan


def admin_pages(client, seen, only):
    """The Django admin (the access matrix checks only /admin/): its start page, an app,
    and each registered model's list and first object, one URL per template."""
    from django.contrib import admin

    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
        urls.append(reverse("admin:app_list", args=[meta.app_label]))
    pages = []
    for url in urls:
        if not only.search("admin"):
            break
        response = client.get(url)
        if response.status_code != 200:
            continue
        key = next((t.name for t in getattr(response, "templates", []) if t.name), url)
        if key not in seen:
            seen.add(key)
            pages.append(("admin", url, key))
    return pages


# The outermost elements that stick out to the right, outside any scrolling region.
OVERFLOWING = """() => {
  const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
  const out = Array.from(document.querySelectorAll('body *')).filter(e =>
      e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e));
  return out.filter(e => !out.includes(e.parentElement)).slice(0, 4)
    .map(e => e.outerHTML.slice(0, 120));
}"""


# Chart labels as drawn: the SVG font size times the chart's scale.
CHART_LABELS = """() => Array.from(document.querySelectorAll('svg text')).map(t => {
  const svg = t.ownerSVGElement, box = svg.viewBox.baseVal;
  const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
  return [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale];
}).filter(([, size]) => size < 12).slice(0, 3)"""


def check_page(page, url, label, language):
    """Problems of one page at both widths (a list of strings)."""
    problems = []
    where = f"[{language}] {label} {url}"
    page.set_viewport_size({"width": WIDE, "height": 900})
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"{where}: status {response and response.status}"]
    title = page.title()
    if not TITLE.match(title) or title.startswith("–"):
        problems.append(f"{where}: title {title!r} is not '<page> – Aktiv'")
    page.wait_for_function("() => window.axe !== undefined")
    for width in (WIDE, NARROW):
        if width == NARROW:
            page.set_viewport_size({"width": NARROW, "height": 640})
            wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if wide[0] > wide[1]:
                culprits = page.evaluate(OVERFLOWING)
                problems.append(f"{where}: scrolls sideways at 320 px ({wide[0]} px): {culprits}")
            small = page.evaluate(CHART_LABELS)
            if small:
                problems.append(f"{where}: chart labels under 12 px at 320 px: {small}")
        if language == "en" and width == WIDE:
            run_only = {"type": "rule", "values": LAYOUT_RULES}
        else:
            run_only = {"type": "tag", "values": WCAG_TAGS}
        violations = page.evaluate(
            "only => axe.run(document, {runOnly: only}).then(r => r.violations)", run_only
        )
        if violations:
            problems.append(f"{where} at {width} px:\n" + format_violations(violations))
    return problems


def session_cookies(client, base_url):
    return [
        {"name": name, "value": morsel.value, "url": base_url}
        for name, morsel in client.cookies.items()
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_passes_axe_reflow_and_title_as_every_role(browser, live_server, language):
    build_crawl_data()
    states, clients = matrix.build_world()
    for client in clients.values():
        client.raise_request_exception = True
    plan = crawl_plan(states, clients)
    problems = []
    for role, pages in plan.items():
        context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
        cookies = session_cookies(clients[role], live_server.url)
        cookies.append(
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
        )
        context.add_cookies(cookies)
        context.add_init_script(AXE_SOURCE)  # on every page, before its own scripts
        page = context.new_page()
        page.set_default_timeout(20_000)
        for label, url, _template in pages:
            found = check_page(page, live_server.url + url, label, language)
            problems += [f"{role} {p}" for p in found]
        context.close()
    if not os.environ.get("AKTIV_CRAWL_ONLY"):
        # Each role reaches pages of its own (the plan is not empty by a mistake).
        assert sum(len(p) for p in plan.values()) > 40, plan
        assert reverse("stories:list") in {url for _l, url, _t in plan["staff"]}
        assert reverse("workshops:list") in {url for _l, url, _t in plan["facilitator"]}
        assert any(url.startswith("/w/") for _l, url, _t in plan["participant"])
        assert any(url.startswith("/admin/") for _l, url, _t in plan["admin"])
    assert not problems, f"{len(problems)} problems:\n" + "\n\n".join(problems)
