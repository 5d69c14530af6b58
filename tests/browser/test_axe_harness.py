"""The accessibility helper must be able to fail: a page with known violations."""

import pytest

from tests.browser.helpers import axe_violations

pytestmark = pytest.mark.browser


def test_axe_reports_violations_on_a_broken_page(page):
    page.set_content(
        "<html><body><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
        "<input type='text'></body></html>"
    )
    ids = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label", "html-has-lang"} <= ids
