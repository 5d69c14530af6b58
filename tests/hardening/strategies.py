"""Hypothesis strategies for hostile text: any Unicode, NUL, bidi marks, emoji,
combining characters, control characters and strings of up to 100,000 characters."""

import datetime

from hypothesis import strategies as st

SPECIAL = [
    "\x00",
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u200e",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066",
    "\u200b",  # ZERO WIDTH SPACE
    "\ufeff",
    "😀",
    "👩‍👩‍👧",
    "🇩🇰",
    "e\u0301",
    "\u0301\u0302\u0303",  # combining marks without a base
    "Z̵̢͓̈́a̸͚͋l̷̛͎g̴̦̈́o̶͍͝",
    "\r\n",
    "\r",
    "\n",
    "\t",
    " ",
    "\u00a0",
    "\u2028",
    "\x85",
    "\x0b",
    "\x1f",
    "\x7f",
    "\uffff",
    "\U0010ffff",
    "æøå ÆØÅ",
    "<script>alert(1)</script>",
    "'; DROP TABLE stories_story; --",
    '"',
    "%s %(x)s {0} {{ x }}",
    "&amp;",
    "B-017",
    "٣٤٥",
    "שלום",
]

mixed = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=6)), max_size=25).map("".join)
long_text = st.builds(
    lambda piece, n: (piece * (n // len(piece) + 1))[:n],
    st.one_of(st.sampled_from(SPECIAL), st.text(min_size=1, max_size=8)),
    st.sampled_from([199, 200, 201, 5_001, 20_000, 20_001, 50_000, 50_001, 100_000]),
)
any_text = st.one_of(st.text(), mixed, long_text)


def either(valid, garbage=any_text):
    """A valid value or any text (Hypothesis explores the combinations)."""
    return st.one_of(valid, garbage)


iso_date = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)).map(
    datetime.date.isoformat
)
past_date = st.dates(datetime.date(1990, 1, 1), datetime.date(2024, 12, 31)).map(
    datetime.date.isoformat
)
date_text = st.one_of(st.just(""), past_date, iso_date, any_text)


def drop_some(draw, data, required=()):
    """Leave out a random subset of the keys (a hand-made POST can omit any field).

    The submit button's name stays, as a browser always sends it (and the CSRF token):
    a POST with no fields at all is shown as the empty form, which is fine.
    """
    keys = sorted(k for k in data if k not in required)
    gone = draw(st.sets(st.sampled_from(keys))) if keys else set()
    return {"save": "1", **{k: v for k, v in data.items() if k not in gone}}


def as_stored(value):
    """What the text rule (aktiv.text) stores for a typed value: NFC, line breaks as \\n,
    stripped; None when the rule refuses it (a control character, a CPR number)."""
    from aktiv import text

    value = text.normalise(value)
    if text.control_position(value):
        return None
    value = value.strip()
    if text.find_cpr(value):
        return None
    return value
