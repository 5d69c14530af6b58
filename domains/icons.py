"""The domain icons that exist: the SVG files in static/domains/icons/.

A domain's icon is a choice among these (form, admin, model validation), and a stored
name that is not among them (typed before this rule, or a file since removed) is drawn
as the default icon: a missing icon never breaks a page. With the manifest storage of
production, `{% static %}` of a file that does not exist raises an error (a 500).
"""

from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

ICON_DIR = Path(__file__).resolve().parent.parent / "static" / "domains" / "icons"
DEFAULT = "default"


@cache
def available():
    """The icon names (file names without .svg), sorted."""
    return tuple(sorted(path.stem for path in ICON_DIR.glob("*.svg")))


def choices():
    """For the icon field: none (the default icon) or one of the files."""
    return [("", _("Standardikon")), *((name, name) for name in available() if name != DEFAULT)]


def path_of(name):
    """The static path of an icon, the default one when `name` is not an existing icon."""
    if not name or name not in available():
        name = DEFAULT
    return f"domains/icons/{name}.svg"
