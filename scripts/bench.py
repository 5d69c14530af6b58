"""`make bench`: throughput and latency of Aktiv's main pages against the framework floor.

Run through scripts/with_postgres.py (a throwaway PostgreSQL). It fills the database
with 100,000 stories (Danish text of realistic length, domains, consents, rounds), a
workshop with 10,000 ballots and 200 smaller workshops, serves it with gunicorn
(production settings, 2 workers) and drives each endpoint in turn with the same number
of concurrent clients for the same time, three times: with the page cache on, with it
off, and with it on while a story is saved every second. `/healthz` (one database
round-trip through the same stack) is the floor; every row is given as a share of it.
The tables go to stdout and to docs/benchmarks.md with the machine they ran on. Goals
(GOALS below): caches on, results >= 50 % and the rest >= 33 %; caches off, results
>= 25 %, search >= 5 % and the rest >= 10 %; mixed, every page >= 10 %; ballot submit
>= 33 %; no worker above 150 MB resident. Two reference rows without a goal show what a
page costs that shows no data of its own: a signed-in text page, and (beside the ballot
submit) the participant's join page.
"""

import argparse
import datetime
import itertools
import os
import platform
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from loadkit import Browser, Stats, room_address, say  # noqa: E402
from serverkit import (  # noqa: E402
    cpu_seconds,
    cpu_used,
    free_port,
    login,
    setup_django,
    start_gunicorn,
    worker_rss_mb,
)

PASSWORD = "bench-password-42"  # noqa: S105 (throwaway database)
WORDS = (
    "arbejde arbejdet arbejder kollega kollegaer fællesskab glæde hverdag tryghed mod "
    "muligheder drøm drømme læring selvtillid værdighed indflydelse job løntilskud "
    "frivilligt køkken butik lager værksted have dyr computer ansvar morgen hjem familie "
    "venner tid tempo støtte hjælp samtale aftale opgave opgaver sammen selv nye ting "
    "jeg vi de det er var har fik kan vil skal gerne godt bedre meget lidt mere først"
).split()
BALLOT_CODE = "BENCHX"
# docs/benchmarks.md: the table above this line is rewritten by every run; the notes
# below it (what was profiled and fixed, before and after) are kept.
NOTES_MARKER = "<!-- notes: kept by make bench -->"


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng, rng.randint(6, 16)) for _ in range(sentences))


def fill(stories, big_ballots, small_workshops, seed=7):
    """Bulk data: stories with domains and consent, a big and many small workshops."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group as RoleGroup
    from django.core.management import call_command
    from django.db import connection, transaction

    from aktiv import roles
    from domains.models import Domain
    from stories.models import CollectionRound, Story
    from workshops.models import Ballot, Group, Vote, Workshop

    rng = random.Random(seed)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    import io

    call_command("load_demo", force=True, stdout=io.StringIO())
    User = get_user_model()
    user, _ = User.objects.get_or_create(username="bench")
    user.set_password(PASSWORD)
    user.save()
    user.groups.set(
        RoleGroup.objects.filter(name__in=[roles.STAFF, roles.FACILITATOR, roles.MANAGER])
    )
    domains = list(Domain.objects.all())
    rounds = [
        CollectionRound.objects.get_or_create(name=name)[0]
        for name in ("2019–2021", "2022–2023", "2024–2026")
    ]
    employment = [c for c, _ in Story.Employment.choices]
    today = datetime.date(2026, 11, 1)
    started = time.perf_counter()
    batch = 5000
    Through = Story.domains.through
    with transaction.atomic():
        for start in range(0, stories, batch):
            objs = []
            for i in range(start, min(start + batch, stories)):
                collected = today - datetime.timedelta(days=rng.randint(0, 2500))
                consent = rng.random()
                objs.append(
                    Story(
                        title=sentence(rng, rng.randint(3, 8))[:200],
                        text="\n\n".join(paragraph(rng, rng.randint(3, 6)) for _ in range(3)),
                        significance=paragraph(rng, rng.randint(2, 4)),
                        storyteller_code=f"B-{i % 9000 + 1:03d}",
                        employment_type=rng.choice(employment),
                        round=rng.choice(rounds),
                        collected_on=collected,
                        collected_by=user,
                        status=Story.Status.READY if rng.random() < 0.9 else Story.Status.DRAFT,
                        consent_analysis_on=collected if consent < 0.8 else None,
                        consent_report_on=collected if consent < 0.6 else None,
                        consent_publish_on=collected if consent < 0.3 else None,
                    )
                )
            created = Story.objects.bulk_create(objs)
            links = []
            for story in created:
                for domain in rng.sample(domains, rng.randint(1, 3)):
                    links.append(Through(story_id=story.pk, domain_id=domain.pk))
            Through.objects.bulk_create(links)
    story_seconds = time.perf_counter() - started

    def workshop_with(ballots, title, status, code="", groups=3):
        workshop = Workshop.objects.create(
            title=title,
            kind=Workshop.Kind.CITIZENS,
            held_on=today,
            round=rounds[-1],
            status=Workshop.Status.OPEN,
            join_code=code or "",
            facilitator=user,
        )
        workshop.domains.set(domains)
        group_objs = Group.objects.bulk_create(
            Group(workshop=workshop, number=n, name=f"Gruppe {n}") for n in range(1, groups + 1)
        )
        ballot_objs = Ballot.objects.bulk_create(
            Ballot(
                workshop=workshop,
                group=group_objs[b % groups],
                token=f"bench-{workshop.pk}-{b}",
            )
            for b in range(ballots)
        )
        Vote.objects.bulk_create(
            Vote(ballot=ballot, slot=slot, domain=domain)
            for ballot in ballot_objs
            for slot, domain in enumerate(rng.sample(domains, 3), start=1)
        )
        if status != Workshop.Status.OPEN:
            Workshop.objects.filter(pk=workshop.pk).update(status=status)
        return workshop

    started = time.perf_counter()
    big = workshop_with(big_ballots, "Stor workshop", Workshop.Status.CLOSED, groups=10)
    for n in range(small_workshops):
        workshop_with(30, f"Lille workshop {n + 1}", Workshop.Status.CLOSED)
    open_workshop = workshop_with(0, "Åben workshop", Workshop.Status.OPEN, code=BALLOT_CODE)
    workshop_seconds = time.perf_counter() - started
    edition = bench_edition(rounds[-1], big, user)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "big": big,
        "edition": edition,
        "open": open_workshop,
        "story_seconds": story_seconds,
        "workshop_seconds": workshop_seconds,
        "domain_slug": domains[0].slug,
        "slugs": [d.slug for d in domains],
    }


def bench_edition(round_, big, user):
    """A report edition being prepared for the newest round: the big workshop and ten small
    ones rank the domains together (their votes added up), so /report/?edition= builds
    the report from the data on every view (with the page cache off)."""
    from reports import services
    from workshops.models import Workshop

    closed = Workshop.objects.filter(round=round_, status=Workshop.Status.CLOSED)
    small = list(closed.filter(title__startswith="Lille workshop").order_by("id")[:10])
    return services.create_edition(
        user=user,
        title="Benchmark-udgave",
        dated=datetime.date(2026, 11, 1),
        rounds=[round_],
        workshops=[],
        ranking_workshops=[closed.get(pk=big.pk), *small],
        signed_by=user,
        signer_title="Leder",
    )


def reuse():
    """The data of an earlier fill of the same database (with --reuse and DATABASE_URL)."""
    from django.core.management import call_command

    from domains.models import Domain
    from workshops.models import Workshop

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    from reports.models import Edition

    big = Workshop.objects.filter(title="Stor workshop").order_by("-id").first()
    open_workshop = Workshop.objects.filter(join_code=BALLOT_CODE).order_by("-id").first()
    edition = Edition.objects.filter(title="Benchmark-udgave").order_by("-id").first()
    if big is None or open_workshop is None or edition is None:
        sys.exit("--reuse: this database was not filled by an earlier run; run without it.")
    slugs = list(Domain.objects.values_list("slug", flat=True))
    return {
        "big": big,
        "edition": edition,
        "open": open_workshop,
        "story_seconds": 0.0,
        "workshop_seconds": 0.0,
        "domain_slug": slugs[0],
        "slugs": slugs,
    }


def drive(base, label, make_request, clients, seconds, setup=None):
    """`clients` threads call make_request(browser) for `seconds`; returns stats rows."""
    setup_stats, stats = Stats(), Stats()
    window = {}

    def start_clock():
        window["cpu"] = cpu_seconds()
        window["start"] = time.perf_counter()
        window["stop"] = window["start"] + seconds

    gate = threading.Barrier(clients, action=start_clock)

    def worker(index):
        browser = Browser(base, setup_stats)
        if setup is not None:
            setup(browser)
        browser.stats = stats
        gate.wait()
        while time.perf_counter() < window["stop"]:
            if make_request(browser, index) is False:
                break

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats.started = window["start"]
    stats.stop()
    used = cpu_used(window["cpu"], cpu_seconds())
    rows = [r for r in stats.rows() if r["endpoint"] == label]
    if not rows:
        raise SystemExit(f"no request to {label} completed")
    row = rows[0]
    for part, seconds in used.items():  # CPU ms per request, by kind of process
        row[f"{part}_cpu"] = seconds * 1000 / row["requests"]
    return row


def prepare_ballots(base, slugs, count, numbers):
    """`count` participants who have joined and chosen, each holding a confirm ticket.

    Each is its own Browser (cookie jar with its token); the timed phase then only sends
    the confirm POST, so the row measures the ballot submit alone.
    """
    ready = []
    for _ in range(count):
        # A participant number unique across the clients: rooms of 30 per address.
        browser = Browser(base, Stats(), address=room_address(next(numbers)))
        browser.request("join", f"/w/{BALLOT_CODE}/")
        group = random.randint(1, 3)  # noqa: S311
        _, text, _ = browser.request(
            "choose",
            f"/w/{BALLOT_CODE}/stem/",
            data={
                "csrfmiddlewaretoken": browser.csrf(),
                "gruppe": group,
                "d": random.sample(slugs, 3),  # noqa: S311
            },
        )
        ticket = re.search(r'name="ticket" value="([^"]+)"', text)
        if ticket:
            ready.append((browser, browser.csrf(), ticket.group(1)))
    return ready


def submit_ballot(base, slugs, per_client):
    """Setup: each client prepares its participants; timed: their confirm POSTs."""
    prepared = {}
    numbers = itertools.count()  # shared by the clients' threads (next() holds the GIL)

    def setup(browser):
        prepared[id(browser)] = prepare_ballots(base, slugs, per_client, numbers)

    def run(browser, index):
        queue = prepared[id(browser)]
        if not queue:
            return False  # this client has no participant left
        participant, csrf, ticket = queue.pop()
        participant.stats = browser.stats
        participant.request(
            "ballot submit",
            f"/w/{BALLOT_CODE}/bekraeft/",
            data={"csrfmiddlewaretoken": csrf, "ticket": ticket},
            ok_statuses=(302,),
        )
        return True

    return setup, run


def machine_description():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PostgreSQL {pg}"
    )


def story_writer(base, domain_ids, stop):
    """Staff save one new story every second through the story form, until `stop` is set."""
    browser = Browser(base, Stats())
    login(browser, "bench", PASSWORD)
    saved = 0
    while not stop.wait(1.0):
        browser.request("writer: form", "/stories/new/", ok_statuses=(200,))
        browser.request(
            "writer: save",
            "/stories/new/",
            data={
                "csrfmiddlewaretoken": browser.csrf(),
                "title": f"Ny fortælling {saved}",
                "text": "Jeg har fået et arbejde, hvor jeg bliver mødt. " * 20,
                "significance": "Det betyder meget for mig.",
                "told_by": "citizen",
                "storyteller_code": "B-001",
                "employment_type": "wage_subsidy",
                "collected_on": "2026-10-01",
                "method": "interview",
                "domains": domain_ids[:2],
                "status": "ready",
            },
            ok_statuses=(302,),
        )
        saved += 1
    return saved


# Goals per table, as shares of the floor (issue 10); rows without one must be >= default.
GOALS = {
    "caches on": {"results": 0.50, "default": 0.33},
    "caches off": {"results": 0.25, "search": 0.05, "default": 0.10},
    "mixed": {"default": 0.10},
}
BALLOT_SUBMIT_GOAL = 0.33
MEMORY_GOAL_MB = 150


def row_line(row, share, verdict):
    """One row of a table in docs/benchmarks.md."""
    return (
        f"| {row['endpoint']} | {row['requests']} | {row['errors']} | {row['rps']:.0f} | "
        f"{row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} | "
        f"{row['server_cpu']:.2f} / {row['database_cpu']:.2f} / "
        f"{row['client_cpu']:.2f} | {row['first_view']:.0f} | {row['floor']:.0f} | "
        f"{share:.0%} | {verdict} |"
    )


def staff_login(browser):
    login(browser, "bench", PASSWORD)


def measure_table(table, plan, data, domain_ids, args):
    """One table: a fresh gunicorn (page cache on or off), each row between two floors.

    Returns (rows, floor rates, peak worker RSS in MB, stories saved by the writer)."""
    cache_seconds = "0" if table == "caches off" else "300"
    port = free_port()
    server = start_gunicorn(
        port,
        args.workers,
        ".bench-gunicorn.log",
        args.threads,
        env={"AKTIV_PAGE_CACHE_SECONDS": cache_seconds},
    )
    base = f"http://127.0.0.1:{port}"
    say(f"Table: {table} (AKTIV_PAGE_CACHE_SECONDS={cache_seconds})")
    stop_writer = threading.Event()
    written = {}
    writer = None
    if table == "mixed":

        def write():
            written["saved"] = story_writer(base, domain_ids, stop_writer)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()

    def get(label, path):
        return lambda browser, index: browser.request(label, path, ok_statuses=(200,))

    def first_view(path):
        """The page's first view, alone (nothing of it cached yet): its latency in ms."""
        browser = Browser(base, Stats())
        staff_login(browser)
        browser.request("first view", path, ok_statuses=(200,))
        return next(r["p50"] for r in browser.stats.rows() if r["endpoint"] == "first view")

    def warmed(path):
        """Each client signs in and views the page once before the clock starts."""

        def run(browser):
            staff_login(browser)
            browser.request("warm-up", path, ok_statuses=(200,))

        return run

    floors = []

    def measure_floor():
        row = drive(base, "/healthz", get("/healthz", "/healthz"), args.clients, args.seconds)
        floors.append(row["rps"])
        say(f"  /healthz (floor): {row['rps']:.0f} req/s")
        return row["rps"]

    rows, rss_peak = [], 0.0
    try:
        before = measure_floor()
        for label, path, kind in plan:
            cold = first_view(path)
            row = drive(base, label, get(label, path), args.clients, args.seconds, warmed(path))
            row["first_view"], row["kind"] = cold, kind
            rss_peak = max([rss_peak, *worker_rss_mb(server.pid)])
            after = measure_floor()
            row["floor"] = (before + after) / 2
            before = after
            rows.append(row)
            say(f"  {label}: {row['rps']:.0f} req/s, p95 {row['p95']:.0f} ms")
        if table == "caches on":
            # Enough prepared participants for the clients to post at 60 % of the floor.
            per_client = int(before * 0.6 * args.seconds / args.clients) + 10
            say(f"  preparing {per_client * args.clients} participants ...")
            setup, run = submit_ballot(base, data["slugs"], per_client)
            row = drive(base, "ballot submit", run, args.clients, args.seconds, setup)
            row["first_view"], row["kind"] = 0.0, "ballot"
            rss_peak = max([rss_peak, *worker_rss_mb(server.pid)])
            row["floor"] = (before + measure_floor()) / 2
            rows.append(row)
            say(f"  ballot submit: {row['rps']:.0f} req/s, p95 {row['p95']:.0f} ms")
            # Its reference: a participant's first page (no session), which finds the
            # workshop, looks for this browser's ballot and lists the groups: no write.
            label = f"reference: the participant's join page (/w/{BALLOT_CODE}/)"
            row = drive(base, label, get(label, f"/w/{BALLOT_CODE}/"), args.clients, args.seconds)
            row["first_view"], row["kind"] = 0.0, "reference"
            row["floor"] = (before + measure_floor()) / 2
            rows.append(row)
            say(f"  {label}: {row['rps']:.0f} req/s, p95 {row['p95']:.0f} ms")
    finally:
        stop_writer.set()
        if writer is not None:
            writer.join(timeout=30)
        server.terminate()
        server.wait(timeout=30)
    return rows, floors, rss_peak, written.get("saved", 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--small-workshops", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="gthread threads per worker")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the data of an earlier run (DATABASE_URL pointing at a kept database)",
    )
    parser.add_argument(
        "--tables",
        default="caches on,caches off,mixed",
        help="which of the three tables to measure (comma-separated)",
    )
    parser.add_argument(
        "--fill-only",
        action="store_true",
        help="fill the database and stop (to profile pages on it with --reuse later)",
    )
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    wanted = [name.strip() for name in args.tables.split(",") if name.strip()]

    setup_django(".bench-static")
    if args.reuse:
        say("Reusing the data already in the database")
        data = reuse()
    else:
        say(f"Filling: {args.stories} stories, {args.ballots} ballots, ...")
        data = fill(args.stories, args.ballots, args.small_workshops)
    say(
        f"  stories in {data['story_seconds']:.0f} s, workshops in "
        f"{data['workshop_seconds']:.0f} s",
    )
    if args.fill_only:
        return
    from domains.models import Domain

    domain_ids = [str(pk) for pk in Domain.objects.order_by("order").values_list("pk", flat=True)]

    plan = [
        ("/stories/ page 1", "/stories/", "list"),
        ("/stories/?q=arbejde", "/stories/?q=arbejde", "search"),
        ("/domains/", "/domains/", "overview"),
        (f"/domains/{data['domain_slug']}/", f"/domains/{data['domain_slug']}/", "domain"),
        ("results (10,000 ballots)", f"/workshops/{data['big'].pk}/results/", "results"),
        ("/report/ (published, the demo's)", "/report/", "report"),
        (
            "/report/ (being prepared, 11 workshops)",
            f"/report/?edition={data['edition'].pk}",
            "report",
        ),
        # No goal: what a signed-in page costs that shows no data of its own (the
        # privacy statement, one row): the session, the user with roles and the frame.
        ("reference: a signed-in text page (/privatliv/)", "/privatliv/", "reference"),
    ]
    tables, floors, rss_peak, writes = {}, [], 0.0, 0
    for table in wanted:
        rows, table_floors, table_rss, saved = measure_table(table, plan, data, domain_ids, args)
        tables[table] = rows
        floors += table_floors
        rss_peak = max(rss_peak, table_rss)
        writes = saved or writes

    verdicts = []
    sections = []
    for table, rows in tables.items():
        goals = GOALS[table]
        lines = [
            f"### {table.capitalize()}"
            + (
                f" ({writes} stories saved during the table, one a second)"
                if table == "mixed"
                else ""
            ),
            "",
            "| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms "
            "| CPU ms per request: server / database / load client | first view ms "
            "| floor req/s around it | share of floor | goal |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for row in rows:
            share = row["rps"] / (row["floor"] or 1.0)
            if row["kind"] == "reference":
                lines.append(row_line(row, share, "reference, no goal"))
                continue
            if row["kind"] == "ballot":
                goal = BALLOT_SUBMIT_GOAL
            else:
                goal = goals.get(row["kind"], goals["default"])
            met = share >= goal and row["errors"] == 0
            verdicts.append(met)
            lines.append(row_line(row, share, f">= {goal:.0%}: {'met' if met else 'MISSED'}"))
        sections += [*lines, ""]
    memory_ok = rss_peak <= MEMORY_GOAL_MB
    verdicts.append(memory_ok)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    report = "\n".join(
        [
            "# Benchmarks",
            "",
            "Made by `make bench` (scripts/bench.py); rerun it to refresh this file.",
            "",
            f"- Run: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit "
            f"{commit or 'unknown'}",
            f"- Machine: {machine_description()}",
            f"- Data: {args.stories:,} stories, one workshop with {args.ballots:,} ballots, "
            f"{args.small_workshops} smaller workshops",
            f"- Server: gunicorn, {args.workers} workers x {args.threads} threads (gthread), "
            "production settings (DEBUG off), PostgreSQL on loopback; a fresh server per table",
            f"- Load: {args.clients} concurrent clients per endpoint for {args.seconds:.0f} s, "
            "each signed in as a user with every role, after viewing the page once; the "
            "page's very first view, alone, is timed separately (first view ms)",
            "- Tables: **caches on** (page bodies cached per process between writes); "
            "**caches off** (`AKTIV_PAGE_CACHE_SECONDS=0`: every view builds the page, "
            "reading the counts PostgreSQL keeps); **mixed** (caches on while staff save "
            "one story a second through the story form, so every page is rebuilt after "
            "each save)",
            "- Floor: `/healthz`, one database round-trip through the same stack, measured "
            "before and after every row; each share is taken of the mean of the two floor "
            f"runs around it (the floor varied from {min(floors):.0f} to {max(floors):.0f} "
            "req/s during the run). Ballot submit: each client first prepares participants "
            "who have joined and chosen (not timed), then sends only their confirm POSTs, "
            "each storing a new ballot with three votes. Rows marked reference have no goal: "
            "they show what a page costs that shows no data of its own (a signed-in text "
            "page; a participant's join page, not signed in): about the least a page of its "
            "kind costs.",
            f"- Peak worker memory (RSS): {rss_peak:.0f} MB "
            f"({'met' if memory_ok else 'MISSED'}: <= {MEMORY_GOAL_MB} MB)",
            "",
            *sections,
        ]
    )
    output = Path(args.output)
    notes = ""
    if output.exists() and NOTES_MARKER in output.read_text():
        notes = output.read_text().split(NOTES_MARKER, 1)[1]
    output.write_text(report + "\n" + NOTES_MARKER + notes)
    say()
    say(report)
    sys.exit(0 if all(verdicts) else 1)


if __name__ == "__main__":
    main()
