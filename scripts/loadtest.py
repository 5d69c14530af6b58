"""`make loadtest`: 300 participants vote in one workshop while 20 staff users browse.

Run through scripts/with_postgres.py (a throwaway PostgreSQL). Starts gunicorn with
production settings (DEBUG off, 2 workers) on a free loopback port, then:
- 300 simulated participants arrive spread over 30 seconds; each joins by code, picks
  a group, chooses three domains, confirms, and reads the thank-you page;
- 20 staff users sign in first (as they would before a workshop starts; a sign-in is
  deliberately slow password hashing), then browse stories, domain pages and the live
  results until the participants are done.
It prints requests, errors and p50/p95/p99 per endpoint, then reconciles the database:
ballots = thank-you pages, votes = 3 x ballots, results page totals = database totals.
Exit status 1 when any check or goal fails. Bounded: it stops by itself.
"""

import argparse
import csv
import io
import random
import re
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from loadkit import Browser, Stats, room_address, run_threads, say  # noqa: E402
from serverkit import free_port, login, setup_django, start_gunicorn  # noqa: E402

STAFF_PASSWORD = "loadtest-password-42"  # noqa: S105 (throwaway database)
JOIN_CODE = "VTESTX"
GROUPS = 10


def prepare(staff_count):
    """Migrate, load demo content, open a workshop, create the staff users."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group as RoleGroup
    from django.core.management import call_command

    from aktiv import roles
    from domains.models import Domain
    from workshops.models import Group, Workshop

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("load_demo", force=True, stdout=io.StringIO())
    workshop = Workshop.objects.create(
        title="Lasttest",
        kind=Workshop.Kind.CITIZENS,
        held_on="2026-11-27",
        votes_per_participant=3,
        status=Workshop.Status.OPEN,
        join_code=JOIN_CODE,
    )
    workshop.domains.set(Domain.objects.filter(is_active=True))
    Group.objects.bulk_create(
        Group(workshop=workshop, number=n, name=f"Gruppe {n}") for n in range(1, GROUPS + 1)
    )
    role_groups = RoleGroup.objects.filter(name__in=[roles.STAFF, roles.FACILITATOR, roles.MANAGER])
    User = get_user_model()
    for i in range(staff_count):
        user = User.objects.create_user(f"last{i:02d}", password=STAFF_PASSWORD)
        user.groups.set(role_groups)
    slugs = list(workshop.domains.values_list("slug", flat=True))
    return workshop, slugs


def participant(index, base, stats, slugs, spread, outcomes):
    time.sleep(spread * index)
    b = Browser(base, stats, address=room_address(index))
    status, _, _ = b.request("join GET /w/<code>/", f"/w/{JOIN_CODE}/")
    if status != 200:
        outcomes[index] = f"join {status}"
        return
    group = random.randint(1, GROUPS)
    status, _, _ = b.request("ballot GET", f"/w/{JOIN_CODE}/stem/?gruppe={group}")
    if status != 200:
        outcomes[index] = f"ballot {status}"
        return
    chosen = random.sample(slugs, 3)
    status, text, _ = b.request(
        "ballot POST (choose)",
        f"/w/{JOIN_CODE}/stem/",
        data={"csrfmiddlewaretoken": b.csrf(), "gruppe": group, "d": chosen},
    )
    ticket = re.search(r'name="ticket" value="([^"]+)"', text)
    if status != 200 or not ticket:
        outcomes[index] = f"choose {status}"
        return
    status, _, location = b.request(
        "confirm POST (submit)",
        f"/w/{JOIN_CODE}/bekraeft/",
        data={"csrfmiddlewaretoken": b.csrf(), "ticket": ticket.group(1)},
        ok_statuses=(302,),
    )
    if status != 302:
        outcomes[index] = f"confirm {status}"
        return
    status, text, _ = b.follow("thanks GET", location)
    outcomes[index] = "thanks" if status == 200 else f"thanks {status}"


def staff(index, base, stats, workshop_id, domain_slugs, stop, signed_in):
    b = Browser(base, stats)
    login(b, f"last{index:02d}", STAFF_PASSWORD)
    signed_in.wait()  # everyone is signed in: the workshop starts
    pages = [
        ("staff GET /stories/", "/stories/"),
        ("staff GET /domains/", "/domains/"),
        ("staff GET /domains/<slug>/", None),
        ("staff GET results", f"/workshops/{workshop_id}/results/"),
        ("staff GET console live", f"/workshops/{workshop_id}/live/"),
    ]
    while not stop.is_set():
        for label, path in pages:
            if stop.is_set():
                break
            if path is None:
                path = f"/domains/{random.choice(domain_slugs)}/"
            b.request(label, path, ok_statuses=(200,))
            time.sleep(0.2)


def reconcile(base, workshop, thanks_count, outcomes_failed):
    from django.contrib.auth import get_user_model  # noqa: F401 (django is set up)

    from workshops.models import Ballot, Vote

    ballots = Ballot.objects.filter(workshop=workshop).count()
    votes = Vote.objects.filter(ballot__workshop=workshop).count()
    stats = Stats()
    b = Browser(base, stats)
    login(b, "last00", STAFF_PASSWORD)
    status, text, _ = b.request(
        "results CSV", f"/workshops/{workshop.pk}/export/resultat.csv", ok_statuses=(200,)
    )
    page_votes = None
    if status == 200:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
        header = [h.strip().lower() for h in rows[0]]
        column = next((i for i, h in enumerate(header) if h in {"stemmer", "votes"}), None)
        if column is not None:
            page_votes = sum(int(r[column]) for r in rows[1:] if r and r[column].isdigit())
    checks = [
        ("ballots in database = thank-you pages", ballots == thanks_count, ballots, thanks_count),
        ("votes = 3 x ballots", votes == 3 * ballots, votes, 3 * ballots),
        ("results export total = database votes", page_votes == votes, page_votes, votes),
        ("participants without thank-you page", not outcomes_failed, len(outcomes_failed), 0),
    ]
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--staff", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="arrival window")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="gthread threads per worker")
    parser.add_argument("--p95-goal-ms", type=float, default=300.0)
    args = parser.parse_args()

    setup_django(".loadtest-static")
    workshop, slugs = prepare(args.staff)
    port = free_port()
    server = start_gunicorn(port, args.workers, ".loadtest-gunicorn.log", args.threads)
    base = f"http://127.0.0.1:{port}"
    stats = Stats()
    stop = threading.Event()
    outcomes = [None] * args.participants
    try:
        signed_in = threading.Barrier(args.staff + 1)
        staff_threads = [
            threading.Thread(
                target=staff,
                args=(i, base, stats, workshop.pk, slugs, stop, signed_in),
                daemon=True,
            )
            for i in range(args.staff)
        ]
        for thread in staff_threads:
            thread.start()
        signed_in.wait(timeout=300)
        spread = args.seconds / max(args.participants, 1)
        started = time.perf_counter()
        run_threads(args.participants, participant, base, stats, slugs, spread, outcomes)
        voting_seconds = time.perf_counter() - started
        stop.set()
        for thread in staff_threads:
            thread.join(timeout=30)
        stats.stop()
        thanks = sum(1 for o in outcomes if o == "thanks")
        failed = [o for o in outcomes if o != "thanks"]
        checks = reconcile(base, workshop, thanks, failed)
    finally:
        server.terminate()
        server.wait(timeout=30)

    say()
    say(
        f"Load test: {args.participants} participants over {args.seconds:.0f} s "
        f"(all done after {voting_seconds:.1f} s), {args.staff} staff users, "
        f"gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL"
    )
    say(stats.table())
    say()
    submit = next(r for r in stats.rows() if r["endpoint"].startswith("confirm POST"))
    errors = sum(r["errors"] for r in stats.rows())
    goals = [
        ("0 errors", errors == 0, errors, 0),
        (
            f"ballot submit p95 <= {args.p95_goal_ms:.0f} ms",
            submit["p95"] <= args.p95_goal_ms,
            round(submit["p95"], 1),
            args.p95_goal_ms,
        ),
    ]
    ok = True
    for name, passed, got, want in checks + goals:
        ok &= passed
        say(f"{'PASS' if passed else 'FAIL'}  {name}: {got} (expected {want})")
    if failed:
        say("participant outcomes that were not a thank-you page:", sorted(set(failed)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
