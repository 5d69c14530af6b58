"""Issue 13 in the browser: focus and field borders measured, the phone menu without
JavaScript, the session warning and the text kept after the session ended, printed
results at A4 width."""

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from aktiv import roles
from tests.factories import cast, make_user, make_workshop, open_workshop
from workshops.models import Group, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Colours as the browser computed them, the background behind an element (the first
# ancestor with a colour), and WCAG's contrast ratio.
STYLE_OF = """el => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1}; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((m, n) => n - m);
    return (a + 0.05) / (b + 0.05); };
  const behind = e => { for (let a = e.parentElement; a; a = a.parentElement) {
      const c = parse(getComputedStyle(a).backgroundColor); if (c && c.a > 0) return c.rgb; }
    return [255, 255, 255]; };
  const s = getComputedStyle(el);
  const outline = parse(s.outlineColor), border = parse(s.borderTopColor);
  return {
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
    outlineContrast: outline ? ratio(outline.rgb, behind(el)) : 0,
    borderWidth: parseFloat(s.borderTopWidth),
    borderContrast: border ? ratio(border.rgb, behind(el)) : 0,
  };
}"""


def cookies_for(client, live_server):
    return [
        {"name": name, "value": morsel.value, "url": live_server.url}
        for name, morsel in client.cookies.items()
    ]


def signed_in(context, live_server, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies(cookies_for(client, live_server))


def focus_indicator(page, focus, measure=None):
    """Focus `focus` from the keyboard's modality and measure `measure` (default: it)."""
    page.keyboard.press("Tab")  # keyboard modality: :focus-visible applies from here on
    page.locator(focus).first.focus()
    return page.locator(measure or focus).first.evaluate(STYLE_OF)


def assert_visible_focus(style, what):
    assert style["outlineStyle"] != "none", f"{what}: no outline on focus"
    assert style["outlineWidth"] >= 2, f"{what}: outline {style['outlineWidth']} px"
    assert style["outlineContrast"] >= 3, f"{what}: focus contrast {style['outlineContrast']:.2f}"


def test_focus_and_field_borders_are_at_least_3_to_1_on_every_kind_of_control(browser, live_server):
    staff = make_user(roles.STAFF, username="fokus")
    open_workshop(code="FKSTST")
    context = browser.new_context()
    signed_in(context, live_server, staff)
    page = context.new_page()

    page.goto(f"{live_server.url}/stories/new/")
    controls = {
        "link": ("footer a", None),
        "button": ("main button[type=submit]", None),
        "text field": ("#id_title", None),
        "text area": ("#id_text", None),
        "select": ("#id_employment_type", None),
        "radio": ("input[type=radio]", None),
        "checkbox": ("input[type=checkbox]", None),
    }
    for what, (focus, measure) in controls.items():
        assert_visible_focus(focus_indicator(page, focus, measure), what)
    for what in ("#id_title", "input[type=radio]", "input[type=checkbox]"):
        style = page.locator(what).first.evaluate(STYLE_OF)
        assert style["borderWidth"] >= 2, f"{what}: border {style['borderWidth']} px"
        assert style["borderContrast"] >= 3, f"{what}: border {style['borderContrast']:.2f}"

    page.goto(f"{live_server.url}/")  # the start page's cards hold links and buttons
    assert_visible_focus(focus_indicator(page, "main .card a"), "link in a card")

    ballot = browser.new_page()
    ballot.goto(f"{live_server.url}/w/FKSTST/")  # the phone joins first (its token)
    ballot.goto(f"{live_server.url}/w/FKSTST/stem/?gruppe=1")
    card = focus_indicator(ballot, ".domain-check", ".domain-card")
    assert_visible_focus(card, "domain card")
    code = ballot.evaluate("() => document.querySelector('.domain-card').outerHTML")
    assert "domain-check" in code
    ballot.goto(f"{live_server.url}/w/")
    field = ballot.locator("#join-code").evaluate(STYLE_OF)
    assert field["borderContrast"] >= 3, "join-code field border"
    ballot.close()
    context.close()


def test_the_phone_menu_opens_without_javascript_and_nothing_scrolls_sideways(browser, live_server):
    manager = make_user(roles.MANAGER, roles.FACILITATOR, username="leder-med-langt-navn")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    signed_in(context, live_server, manager)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    menu = page.locator("details.mobile-menu")
    links = menu.get_by_role("link", name="Workshops")
    expect(links).to_be_hidden()
    menu.locator("summary").click()
    expect(links).to_be_visible()
    expect(menu.get_by_role("button", name="Log ud")).to_be_visible()
    width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1]
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("nav.main-nav").get_by_role("link", name="Workshops")).to_be_visible()
    expect(menu).to_be_hidden()
    context.close()


def test_the_session_warning_and_the_text_kept_when_the_session_ended(
    browser, live_server, settings
):
    settings.SESSION_COOKIE_AGE = settings.SESSION_RENEW_SECONDS + 10  # idle after 10 s
    make_user(roles.STAFF, username="anna", password="correct-horse-9")
    from tests.browser.helpers import login

    page = browser.new_page()
    login(page, live_server, "anna")
    page.goto(f"{live_server.url}/stories/new/")
    warning = page.locator(".session-warning")
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning.get_by_role("alert")).to_contain_text("Du bliver logget ud om 1 min.")
    expect(page.get_by_role("button", name="Fortsæt")).to_be_focused()
    page.get_by_role("button", name="Fortsæt").click()
    expect(warning).to_contain_text("Du er stadig logget ind")
    expect(warning).to_be_hidden(timeout=5_000)

    page.locator("#id_title").fill("Jeg tør tage bussen alene")
    page.locator("#id_text").fill("Før turde jeg ikke.")
    Session.objects.all().delete()  # the session ends while the user types
    page.get_by_role("button", name="Gem fortællingen").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/stories/new/")
    page.get_by_label("Brugernavn").fill("anna")
    page.get_by_label("Adgangskode").fill("correct-horse-9")
    page.get_by_role("button", name="Log ind").last.click()
    expect(page).to_have_url(f"{live_server.url}/stories/new/")
    offer = page.locator(".saved-form-offer")
    expect(offer).to_contain_text("Vi har gemt det, du skrev")
    page.get_by_role("button", name="Indsæt det igen").click()
    expect(page.locator("#id_title")).to_have_value("Jeg tør tage bussen alene")
    expect(page.locator("#id_text")).to_have_value("Før turde jeg ikke.")
    assert page.evaluate("() => sessionStorage.getItem('aktiv-saved-form')") is None

    # Sent with an error: the summary comes first and has the focus; its link leads to
    # the field.
    page.locator("#id_title").fill("")
    page.get_by_role("button", name="Gem fortællingen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Titel").click()
    expect(page.locator("#id_title")).to_be_focused()
    page.close()


def test_long_danish_domain_names_fit_their_cards_at_320_px(browser, live_server):
    from domains.models import Domain

    open_workshop(code="HYPHEN", domains=Domain.objects.filter(is_active=True))
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(f"{live_server.url}/w/HYPHEN/")  # the phone joins first (its token)
    page.goto(f"{live_server.url}/w/HYPHEN/stem/?gruppe=1")
    # Each word of each domain name is narrower than the box it is in: no word (such as
    # SELVSTÆNDIGHED) has to break in the middle.
    split = page.evaluate(
        r"""() => Array.from(document.querySelectorAll('.domain-name')).flatMap(name => {
          const probe = document.createElement('span');
          probe.style.whiteSpace = 'nowrap';
          probe.style.font = getComputedStyle(name).font;
          probe.style.letterSpacing = getComputedStyle(name).letterSpacing;
          document.body.appendChild(probe);
          const width = name.getBoundingClientRect().width;
          const words = name.textContent.trim().split(/\s+/).filter(w => {
            probe.textContent = w; return probe.getBoundingClientRect().width > width; });
          probe.remove();
          return words;
        })"""
    )
    assert split == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    assert page.locator(".domain-text").first.get_attribute("lang") == "da"
    page.close()


def test_printed_results_keep_every_column_within_an_a4_page(browser, live_server):
    facilitator = make_user(roles.FACILITATOR, username="print")
    workshop = make_workshop(
        "Borgerworkshop om arbejdsglæde", groups=0, status=Workshop.Status.CLOSED
    )
    Group.objects.bulk_create(
        Group(workshop=workshop, number=n, name=f"Gruppe {n}: Aktivitetscentret Nørresundby")
        for n in range(1, 9)
    )
    for group in workshop.groups.all():
        for _ in range(3):
            cast(workshop, group, ["glaede", "laering"])
    context = browser.new_context(viewport={"width": 680, "height": 960})  # A4 less margins
    signed_in(context, live_server, facilitator)
    page = context.new_page()
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/results/")
    page.emulate_media(media="print")
    overflow = page.evaluate(
        """() => Array.from(document.querySelectorAll('table.results-table th, '
            + 'table.results-table td')).filter(c => c.getBoundingClientRect().right >
            document.documentElement.clientWidth + 1).map(c => c.textContent.trim())"""
    )
    assert overflow == [], f"cut off on paper: {overflow}"
    context.close()
