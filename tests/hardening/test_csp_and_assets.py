"""Static checks of templates and static files against the strict CSP and third-party hosts.

The production policy (script-src/style-src 'self', no 'unsafe-inline') silently breaks
inline scripts, style attributes, <style> blocks and on...= handlers, so none may exist.
No template or static CSS/JS may load anything from another host (loopback excepted).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates"] + [
    p for p in ROOT.glob("*/templates") if p.parent.name not in {"static", "node_modules"}
]
STATIC_DIRS = [ROOT / "static"] + list(ROOT.glob("*/static"))

INLINE = {
    "inline <script> without src": re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.I),
    "style= attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I | re.S),
    "<style> block": re.compile(r"<style\b", re.I),
    "on...= event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S),
    "javascript: URL": re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
}

URL = re.compile(r"""https?://[^\s"'()<>\\]+""", re.I)
LOOPBACK = re.compile(r"https?://(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/]|$)", re.I)
# Names, not requests: XML namespaces of inline SVG markup.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
# Vendored Bootstrap: its licence header and one warning message mention these addresses.
VENDOR_ALLOWED = {
    "https://getbootstrap.com/",
    "https://github.com/twbs/bootstrap/graphs/contributors",
    "https://github.com/twbs/bootstrap/blob/main/LICENSE",
    "https://github.com/floating-ui/popper-docs/blob/main/docs/v2/index.md",
}
IMPORT = re.compile(r"@import\s+(?:url\()?\s*[\"']?([^\"')\s;]+)", re.I)


def template_files():
    files = []
    for folder in TEMPLATE_DIRS:
        files += sorted(folder.rglob("*.html")) + sorted(folder.rglob("*.txt"))
    return files


def asset_files():
    files = []
    for folder in STATIC_DIRS:
        for ext in ("*.css", "*.js", "*.svg"):
            files += sorted(folder.rglob(ext))
    return files


def inline_code(text):
    """[(what, snippet)] for everything the strict CSP would block in a template."""
    found = []
    for what, pattern in INLINE.items():
        for match in pattern.finditer(text):
            found.append((what, " ".join(match.group(0).split())[:80]))
    return found


def foreign_urls(text, *, vendored=False):
    allowed = NAMESPACES | (VENDOR_ALLOWED if vendored else set())
    found = [u for u in URL.findall(text) if not LOOPBACK.match(u) and u not in allowed]
    for target in IMPORT.findall(text):
        if "//" in target and not LOOPBACK.match(target):
            found.append(f"@import {target}")
    return found


def test_there_are_templates_and_assets_to_check():
    assert len(template_files()) > 50
    assert any(p.suffix == ".js" for p in asset_files())
    assert any(p.suffix == ".css" for p in asset_files())


@pytest.mark.parametrize(
    "text, what",
    [
        ("<script>alert(1)</script>", "inline <script> without src"),
        ('<script type="module">x()</script>', "inline <script> without src"),
        ('<div class="a" style="color:red">', "style= attribute"),
        ("<style>p{}</style>", "<style> block"),
        ('<button type="button" onclick="go()">', "on...= event handler"),
        ('<a href="javascript:go()">', "javascript: URL"),
    ],
)
def test_the_inline_check_finds(text, what):
    assert [w for w, _snippet in inline_code(text)] == [what]


def test_the_inline_check_allows_external_scripts_and_lookalikes():
    text = (
        '<script src="/static/x.js" defer></script> <p>Brug style og onclick i teksten.</p>'
        '<svg fill="red"></svg> <input data-onchange="x">'
    )
    assert inline_code(text) == []


def test_no_template_has_inline_code():
    problems = [
        f"{path.relative_to(ROOT)}: {what}: {snippet}"
        for path in template_files()
        for what, snippet in inline_code(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "The strict CSP would block these:\n" + "\n".join(problems)


def test_the_url_check_finds_other_hosts_only():
    assert foreign_urls('<link href="https://cdn.example.com/x.css">') == [
        "https://cdn.example.com/x.css"
    ]
    assert foreign_urls("@import url(//fonts.example.com/a.css);") == [
        "@import //fonts.example.com/a.css"
    ]
    assert foreign_urls('@import "https://fonts.example.com/a.css";') == [
        "https://fonts.example.com/a.css",
        "@import https://fonts.example.com/a.css",
    ]
    assert foreign_urls('<a href="http://127.0.0.1:8000/w/">') == []
    assert foreign_urls('<svg xmlns="http://www.w3.org/2000/svg">') == []
    assert foreign_urls("/* https://getbootstrap.com/ */") == ["https://getbootstrap.com/"]
    assert foreign_urls("/* https://getbootstrap.com/ */", vendored=True) == []


def test_no_template_references_another_host():
    problems = [
        f"{path.relative_to(ROOT)}: {url}"
        for path in template_files()
        for url in foreign_urls(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "Templates reference other hosts:\n" + "\n".join(problems)


def test_no_static_file_references_another_host():
    problems = []
    for path in asset_files():
        # aktiv-theme.css is Bootstrap compiled with our tokens (make css): its banner too.
        vendored = "vendor" in path.relative_to(ROOT).parts or path.name == "aktiv-theme.css"
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = foreign_urls(text, vendored=vendored)
        problems += [f"{path.relative_to(ROOT)}: {url}" for url in urls]
    assert not problems, "Static files reference other hosts:\n" + "\n".join(problems)


def test_the_production_policy_is_strict():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for name in ("script-src", "style-src"):
        assert directives[name] == ["'self'"], name
    assert not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
