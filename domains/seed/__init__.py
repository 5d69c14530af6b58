"""The seed report's change domains and stories, read from the JSON files beside this module.

The files are data a non-programmer can read and edit (see README.md here):

- `domains.json`: the ten change domains in the order the report presents them. The two
  learning texts (`what_changes`, `what_creates_change`) are lists of paragraphs; the
  loader joins them with a blank line ("\\n\\n"), as the rest of the app expects.
- `stories.json`: the 20 distinct change stories the domains' example lists refer to.
- `story_for_example.json`: every printed variant in an `example_stories` list -> the
  canonical title in `stories.json`.

Each function reads its file once per process; the result is shared, so callers must not
modify it. The data migration `domains/migrations/0002_seed_domains.py` reads its own
frozen copy, not these files.
"""

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARAGRAPH_FIELDS = ("what_changes", "what_creates_change")


def _read(name):
    with (HERE / name).open(encoding="utf-8-sig") as file:
        return json.load(file)


@cache
def domains():
    """The ten change domains in report order, each a dict; the learning texts as text."""
    return [
        {**data, **{key: "\n\n".join(data[key]) for key in PARAGRAPH_FIELDS}}
        for data in _read("domains.json")
    ]


@cache
def stories():
    """The 20 canonical stories: [{"title": ..., "domains": [slug, ...]}, ...]."""
    return _read("stories.json")


@cache
def story_for_example():
    """Printed example title (as in a domain's `example_stories`) -> canonical story title."""
    return _read("story_for_example.json")
