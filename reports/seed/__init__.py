"""The learning report's general texts from the seed report, read from the files beside this.

One UTF-8 Markdown file per section (`preface.md`, `preface_closing.md`,
`introduction.md`, `method.md`, `closing.md`), paragraphs separated by a blank line,
bullet lists as lines starting with "• ", and `cycle_steps.json` (the four steps of the
MSC cycle, in order). See README.md here.

Read once per process; the result is shared, so callers must not modify it. The data
migration `reports/migrations/0002_seed_texts.py` reads its own frozen copy of the
sections, not these files.
"""

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTIONS = ("preface", "preface_closing", "introduction", "method", "closing")


def _read_text(name):
    return (HERE / name).read_text(encoding="utf-8-sig").strip()


@cache
def texts():
    """Section key -> text, for the five sections of SECTIONS."""
    return {key: _read_text(f"{key}.md") for key in SECTIONS}


@cache
def cycle_steps():
    """The steps of the MSC cycle, in order: [str, ...]."""
    with (HERE / "cycle_steps.json").open(encoding="utf-8-sig") as file:
        return json.load(file)
