"""Dates in one style: "21. apr. 2020" (aktiv.dates), and no template or module formats a
date any other way."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation

from aktiv.dates import parse_short_date, short_date, short_datetime, short_month

ROOT = Path(__file__).resolve().parents[2]
# A template may format a date for a machine (an attribute such as datetime="..."), never
# for a reader: then only this ISO format is allowed.
MACHINE_FORMAT = '|date:"Y-m-d"'


def _files(pattern):
    return [p for p in ROOT.glob(pattern) if ".venv" not in p.parts]


def test_no_template_formats_a_date_itself():
    offenders = []
    for path in _files("templates/**/*.html"):
        name = str(path.relative_to(ROOT))
        text = path.read_text(encoding="utf-8").replace(MACHINE_FORMAT, "")
        if "|date:" in text:
            offenders.append(name)
    assert offenders == [], "use {{ value|kort_dato }} (or kort_tid, kort_maaned)"


def test_no_module_formats_a_date_for_a_reader_itself():
    pattern = re.compile(r"strftime\(|date_format\(|:%d\.|:%Y-%m-%d %H|\|date:")
    offenders = []
    for path in [*_files("*/**/*.py")]:
        name = str(path.relative_to(ROOT))
        if name.startswith(("tests/", "scripts/")) or "/migrations/" in name:
            continue
        if name == "aktiv/dates.py":
            continue
        if pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(name)
    assert offenders == []


@pytest.mark.parametrize(
    "value, danish, english",
    [
        (datetime.date(2020, 4, 21), "21. apr. 2020", "21 Apr 2020"),
        (datetime.date(2021, 5, 4), "4. maj 2021", "4 May 2021"),
        (None, "", ""),
    ],
)
def test_short_date_in_both_languages(value, danish, english):
    assert short_date(value, "da") == danish
    assert short_date(value, "en") == english
    with translation.override("en"):
        assert short_date(value) == english


def test_a_moment_and_a_month_in_the_same_style():
    moment = datetime.datetime(2020, 4, 21, 12, 5, tzinfo=datetime.UTC)  # 14.05 in Denmark
    assert short_datetime(moment, "da") == "21. apr. 2020 kl. 14.05"
    assert short_datetime(moment, "en") == "21 Apr 2020, 14:05"
    assert short_month(datetime.date(2020, 12, 1), "da") == "dec. 2020"


def test_every_short_date_reads_back():
    for month in range(1, 13):
        day = datetime.date(2024, month, 28)
        assert parse_short_date(short_date(day, "da")) == day
        assert parse_short_date(short_date(day, "en")) == day
    for text in ("21. april 2020", "2020-04-21", "21. apr.", "x. apr. 2020"):
        with pytest.raises(ValueError):
            parse_short_date(text)
