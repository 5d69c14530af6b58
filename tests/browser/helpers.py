"""Helpers for browser tests: axe-core accessibility checks and logging in."""

from pathlib import Path

AXE_SOURCE = (Path(__file__).resolve().parent.parent / "assets" / "axe.min.js").read_text()

# WCAG 2.0/2.1/2.2 A and AA plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page):
    """Inject the pinned axe-core (tests/assets/axe.min.js) and return its violations."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return result["violations"]


def format_violations(violations):
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


def assert_accessible(page):
    """Fail on any axe-core violation on the current page."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found violations on {page.url}:\n" + format_violations(
        violations
    )


def login(page, live_server, username, password="correct-horse-9", wait=True):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").last.click()
    if wait:
        page.wait_for_load_state()
        if page.url.startswith(f"{live_server.url}/accounts/2fa/authenticate/"):
            # An administrator made by tests.factories.make_user: its TOTP code.
            from tests.factories import totp_code

            page.get_by_role("textbox", name="Kode").fill(totp_code())
            page.get_by_role("button", name="Log ind").last.click()
        page.wait_for_url(f"{live_server.url}/")
