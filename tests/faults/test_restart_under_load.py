"""PostgreSQL restarted (`pg_ctl restart -m fast`) in the middle of a live vote.

A real gunicorn (production settings, 2 workers) serves the test database; simulated
participants (threads, each its own browser and cookies) join, choose a group, choose
three domains, confirm and read the thank-you page. Part-way, the cluster restarts.
Every response must be the normal one or the Danish 503 "Prøv igen om lidt" page, never
a 500; a participant who meets a 503 retries the same step in the same browser until the
thank-you page; afterwards the database holds exactly one ballot (three votes) for each
participant who saw a thank-you page, and none for anyone else.
"""

import random
import re
import sys
import threading
import time
from dataclasses import dataclass, field

import pytest
from django.core import signing
from django.db import connections

from aktiv import roles
from tests.factories import make_user, open_workshop
from tests.faults.helpers import (
    UNAVAILABLE_TEXT,
    Browser,
    Stats,
    log_problems,
    login,
    room_address,
)
from workshops import services
from workshops.models import Ballot, Vote

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
]

PARTICIPANTS = 100
STAFF = 4  # logged-in staff browsing stories, domains and the live results meanwhile
ARRIVAL_SECONDS = 6.0  # participants arrive spread over this window
RESTART_AFTER_THANKS = 10  # restart once this many have voted: the rest are mid-flow
GROUPS = 5
CODE = "GENSTA"
TIME_LIMIT = 60.0  # the whole run stops by itself after this
RETRY_PAUSE = 0.2
TICKET_RE = re.compile(r'name="ticket" value="([^"]+)"')


class Unexpected(Exception):
    """A response that is neither the normal one nor the Danish 503 page."""


@dataclass
class Response:
    step: str
    status: int
    unavailable: bool
    started: float
    ended: float


@dataclass
class Participant:
    index: int
    browser: Browser
    deadline: float
    responses: list = field(default_factory=list)
    chosen: list = field(default_factory=list)
    retries: int = 0
    thanked: bool = False
    problem: str = ""

    def send(self, step, path, data=None, expected=200):
        """One step; on the Danish 503 the same request again, until `deadline`."""
        while True:
            started = time.monotonic()
            status, text, location = self.browser.request(
                step, path, data=data, ok_statuses=(expected,)
            )
            ended = time.monotonic()
            unavailable = status == 503 and UNAVAILABLE_TEXT in text and 'lang="da"' in text
            self.responses.append(Response(step, status, unavailable, started, ended))
            if status == expected:
                return text, location
            if not unavailable:
                raise Unexpected(f"{step}: status {status}: {text[:200]!r}")
            if ended > self.deadline:
                raise Unexpected(f"{step}: still 503 at the time limit")
            self.retries += 1
            time.sleep(RETRY_PAUSE)

    def vote(self, slugs, rng):
        self.send("join", f"/w/{CODE}/")
        time.sleep(rng.uniform(0.2, 0.6))  # reading, tapping: many are mid-flow at once
        group = rng.randint(1, GROUPS)
        text, _ = self.send("ballot", f"/w/{CODE}/stem/?gruppe={group}")
        csrf = self.browser.csrf(text)
        time.sleep(rng.uniform(0.2, 0.6))
        self.chosen = rng.sample(slugs, 3)
        text, _ = self.send(
            "choose",
            f"/w/{CODE}/stem/",
            data={"csrfmiddlewaretoken": csrf, "gruppe": group, "d": self.chosen},
        )
        ticket = TICKET_RE.search(text)
        if not ticket:
            raise Unexpected("confirm page without a ticket")
        time.sleep(rng.uniform(0.2, 0.6))
        _, location = self.send(
            "confirm",
            f"/w/{CODE}/bekraeft/",
            data={"csrfmiddlewaretoken": csrf, "ticket": ticket.group(1)},
            expected=302,
        )
        if location != f"/w/{CODE}/tak/":
            raise Unexpected(f"confirm redirected to {location}")
        text, _ = self.send("thanks", location)
        if "Tak for din stemme" not in text:
            raise Unexpected("thank-you page without its heading")
        self.thanked = True

    def token(self):
        for cookie in self.browser.jar:
            if cookie.name == services.TOKEN_COOKIE:
                return signing.Signer(salt=services.TOKEN_SALT).unsign(cookie.value)
        return None


@dataclass
class StaffMember:
    browser: Browser
    responses: list = field(default_factory=list)
    problem: str = ""

    def browse(self, pages, stop, deadline):
        """Page after page until `stop`; each the page itself or the Danish 503."""
        while not stop.is_set() and time.monotonic() < deadline:
            for label, path in pages:
                started = time.monotonic()
                status, text, location = self.browser.request(label, path, ok_statuses=(200,))
                unavailable = status == 503 and UNAVAILABLE_TEXT in text and 'lang="da"' in text
                self.responses.append(
                    Response(label, status, unavailable, started, time.monotonic())
                )
                if status != 200 and not unavailable:
                    # 302 here would mean logged out, 400 a session save lost as "bad request"
                    self.problem = f"{label}: status {status} {location or text[:200]!r}"
                    return
                time.sleep(0.05)


def _browser(base, stats, address=None):
    return Browser(base, stats, timeout=15, address=address)


def test_postgres_restart_during_voting_gives_503_or_thanks_and_counts_everyone_once(
    pg_cluster, gunicorn
):
    workshop = open_workshop(code=CODE, groups=GROUPS, votes=3)
    slugs = list(workshop.domains.values_list("slug", flat=True))
    assert len(slugs) >= 3
    server = gunicorn()
    assert server.wait_listening() == 200
    workers = server.wait_workers()

    stats = Stats()
    staff = []
    for i in range(STAFF):
        make_user(roles.STAFF, roles.FACILITATOR, roles.MANAGER, username=f"fagperson{i}")
        member = StaffMember(_browser(server.base, stats))
        assert login(member.browser, f"fagperson{i}", "correct-horse-9")
        staff.append(member)
    pages = [
        ("stories", "/stories/"),
        ("domains", "/domains/"),
        ("domain", f"/domains/{slugs[0]}/"),
        ("results", f"/workshops/{workshop.pk}/results/"),
        ("live", f"/workshops/{workshop.pk}/live/"),
    ]
    started = time.monotonic()
    deadline = started + TIME_LIMIT
    participants = [
        Participant(i, _browser(server.base, stats, room_address(i)), deadline)
        for i in range(PARTICIPANTS)
    ]
    thanked = threading.Semaphore(0)

    def run(participant):
        rng = random.Random(participant.index)
        time.sleep(participant.index * ARRIVAL_SECONDS / PARTICIPANTS)
        try:
            participant.vote(slugs, rng)
        except Unexpected as exc:
            participant.problem = str(exc)
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            participant.problem = f"{type(exc).__name__}: {exc}"
        finally:
            if participant.thanked:
                thanked.release()

    threads = [threading.Thread(target=run, args=(p,), daemon=True) for p in participants]
    stop_browsing = threading.Event()
    browsing = [
        threading.Thread(target=m.browse, args=(pages, stop_browsing, deadline), daemon=True)
        for m in staff
    ]
    for thread in threads + browsing:
        thread.start()

    restart = {}
    try:
        for _ in range(RESTART_AFTER_THANKS):
            assert thanked.acquire(timeout=TIME_LIMIT / 2), "participants did not get going"
        in_flight = sum(1 for p in participants if p.responses and not p.thanked)
        restart["began"] = time.monotonic()
        pg_cluster.restart_fast()
        restart["done"] = time.monotonic()
        # The first request after the restart succeeds (CONN_HEALTH_CHECKS).
        probe = _browser(server.base, stats)
        first_status, first_text, _ = probe.request("first after restart", f"/w/{CODE}/")
    finally:
        for thread in threads:
            thread.join(timeout=max(1.0, deadline + 5 - time.monotonic()))
        stop_browsing.set()
        for thread in browsing:
            thread.join(timeout=max(1.0, deadline + 5 - time.monotonic()))
        # The test's own connection died with the restart; teardown must reconnect.
        connections.close_all()
    elapsed = time.monotonic() - started

    assert not any(t.is_alive() for t in threads + browsing), "still running at the time limit"
    assert first_status == 200 and workshop.title in first_text, first_status

    responses = [r for p in participants for r in p.responses]
    staff_responses = [r for m in staff for r in m.responses]
    problems = [f"#{p.index} {p.problem}" for p in participants if p.problem]
    problems += [f"staff {m.problem}" for m in staff if m.problem]
    assert problems == []
    # Never a 500: every response was the normal one or the Danish 503 page.
    assert all(
        r.unavailable or (r.status == 302 if r.step == "confirm" else r.status == 200)
        for r in responses
    )
    unavailable = [r for r in responses if r.unavailable]
    assert unavailable, "the restart hit no request: the test proved nothing"
    # After the restart every request succeeds: dead connections are replaced, not used.
    assert [
        r for r in responses + staff_responses if r.started > restart["done"] and r.unavailable
    ] == []
    assert all(p.thanked for p in participants)

    # The database: one ballot per participant who saw a thank-you page, and no other.
    shown = {services.token_hash(workshop, p.token()): p for p in participants if p.thanked}
    ballots = {
        b.token: b
        for b in Ballot.objects.filter(workshop=workshop).prefetch_related("votes__domain")
    }
    assert len(shown) == len(participants)
    assert set(ballots) == set(shown)
    assert Vote.objects.filter(ballot__workshop=workshop).count() == 3 * len(ballots)
    for token, ballot in ballots.items():
        assert {v.domain.slug for v in ballot.votes.all()} == set(shown[token].chosen)

    # A quiet restart: both workers hold idle connections that the restart kills. The
    # next requests (several at once, so both workers get some) must all succeed: the
    # health check replaces a dead connection instead of failing the request on it.
    pg_cluster.restart_fast()
    connections.close_all()
    after_quiet = [None] * 12

    def reload_thanks(i):
        status, text, _ = participants[i].browser.request("thanks after restart", f"/w/{CODE}/tak/")
        after_quiet[i] = True if status == 200 and "Tak for din stemme" in text else status

    quiet = [threading.Thread(target=reload_thanks, args=(i,)) for i in range(len(after_quiet))]
    for thread in quiet:
        thread.start()
    for thread in quiet:
        thread.join(timeout=30)
    assert after_quiet == [True] * len(after_quiet)

    # gunicorn: no 500, no traceback but those of 503s, no worker lost or rebooted.
    access = [row[0] for row in server.access_statuses()]
    assert "500" not in access
    log = server.log_text()
    assert log_problems(log) == [], log
    assert server.worker_pids() == workers
    assert log.count("Booting worker") == 2

    # The staff were not logged out by the restart.
    for member in staff:
        status, _, location = member.browser.request("stories", "/stories/")
        assert status == 200, (status, location)

    retried = [p for p in participants if p.retries]
    confirm_503 = [r for r in unavailable if r.step == "confirm"]
    sys.stdout.write(
        f"\n{PARTICIPANTS} participants, restart after {restart['began'] - started:.1f} s "
        f"with {in_flight} mid-flow, took {restart['done'] - restart['began']:.2f} s; "
        f"{len(responses)} responses, {len(unavailable)} Danish 503s "
        f"({len(confirm_503)} on confirm), {len(retried)} participants retried "
        f"({sum(p.retries for p in participants)} retries); {len(ballots)} ballots, "
        f"all {len(shown)} thank-you pages matched; {STAFF} staff: {len(staff_responses)} "
        f"pages, {sum(r.unavailable for r in staff_responses)} Danish 503s; "
        f"{elapsed:.1f} s in all\n"
    )
