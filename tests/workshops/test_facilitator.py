"""Facilitator and manager pages: access, create, open/close, console, paper ballots,
quotes, selection, results, exports, compare, and fixed query counts."""

import csv
import io
import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aktiv.models import AuditEvent
from aktiv.text import spreadsheet_cell as neutralise
from domains.models import Domain
from stories.models import CollectionRound
from tests.factories import cast, make_story, make_workshop, open_workshop
from workshops import selectors, services
from workshops.demo_data import CITIZEN_GROUPS, ballots_for
from workshops.models import Ballot, Quote, Selection, Vote, Workshop

pytestmark = pytest.mark.django_db


def seed_scenario(**kwargs):
    workshop = make_workshop(status=Workshop.Status.CLOSED, **kwargs)
    groups = {g.number: g for g in workshop.groups.all()}
    for number, (count, votes) in CITIZEN_GROUPS.items():
        for slugs in ballots_for(count, votes):
            cast(workshop, groups[number], slugs)
    return workshop


# --- access ------------------------------------------------------------


def test_anonymous_users_are_sent_to_login(client):
    workshop = make_workshop()
    for url in ["/workshops/", f"/workshops/{workshop.pk}/", f"/workshops/{workshop.pk}/results/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_have_no_workshop_pages(staff_client):
    workshop = make_workshop()
    for url in [
        "/workshops/",
        "/workshops/new/",
        f"/workshops/{workshop.pk}/",
        f"/workshops/{workshop.pk}/results/",
        "/workshops/compare/",
    ]:
        assert staff_client.get(url).status_code == 403, url


def test_managers_read_list_results_and_compare_but_cannot_run_workshops(manager_client):
    workshop = seed_scenario()
    assert manager_client.get("/workshops/").status_code == 200
    assert "Planlæg en workshop" not in manager_client.get("/workshops/").content.decode()
    assert manager_client.get(f"/workshops/{workshop.pk}/results/").status_code == 200
    assert manager_client.get("/workshops/compare/").status_code == 200
    for url in [
        "/workshops/new/",
        f"/workshops/{workshop.pk}/",
        f"/workshops/{workshop.pk}/quotes/",
    ]:
        assert manager_client.get(url).status_code == 403
    assert manager_client.post(f"/workshops/{workshop.pk}/open/").status_code == 403
    response = manager_client.get(f"/workshops/{workshop.pk}/export/stemmesedler.csv")
    assert response.status_code == 404


# --- create, edit, open, close ------------------------------------------------------------


def test_create_a_workshop_with_groups_and_all_active_domains_by_default(facilitator_client):
    page = facilitator_client.get("/workshops/new/").content.decode()
    assert page.count('name="domains"') == 10 and page.count("checked") >= 10
    round_ = CollectionRound.objects.create(name="2019–2021")
    response = facilitator_client.post(
        "/workshops/new/",
        {
            "title": "Borgerworkshop",
            "kind": "citizens",
            "held_on": "2021-04-20",
            "round": round_.pk,
            "group_count": 3,
            "votes_per_participant": 3,
            "domains": list(Domain.objects.values_list("pk", flat=True)),
        },
    )
    workshop = Workshop.objects.get()
    assert response["Location"] == f"/workshops/{workshop.pk}/"
    assert [g.name for g in workshop.groups.all()] == ["Gruppe 1", "Gruppe 2", "Gruppe 3"]
    assert workshop.status == Workshop.Status.DRAFT and not workshop.results_visible
    assert workshop.domains.count() == 10
    assert AuditEvent.objects.filter(action="create", object_type="workshops.workshop").exists()


def test_bad_workshop_input_is_refused_beside_the_field_and_kept(facilitator_client):
    response = facilitator_client.post(
        "/workshops/new/",
        {"title": "Min workshop", "kind": "citizens", "held_on": "", "group_count": 0,
         "votes_per_participant": 11},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skriv datoen." in html
    assert "Der skal være mindst én gruppe." in html
    assert "Højst 10 stemmer." in html
    assert "Vælg mindst ét forandringsområde til stemmesedlen." in html
    assert 'value="Min workshop"' in html
    assert Workshop.objects.count() == 0


def test_votes_per_participant_cannot_change_once_ballots_exist(facilitator_client):
    workshop = seed_scenario()
    response = facilitator_client.post(
        f"/workshops/{workshop.pk}/edit/",
        {
            "title": workshop.title,
            "kind": workshop.kind,
            "held_on": "2021-04-20",
            "group_count": 3,
            "votes_per_participant": 2,
            "domains": list(workshop.domains.values_list("pk", flat=True)),
        },
    )
    assert "kan ikke ændres nu" in response.content.decode()
    assert Workshop.objects.get(pk=workshop.pk).votes_per_participant == 3


def test_groups_can_be_renamed(facilitator_client):
    workshop = make_workshop(groups=2)
    g1, g2 = workshop.groups.all()
    facilitator_client.post(
        f"/workshops/{workshop.pk}/groups/", {f"group_{g1.pk}": "Bordet ved vinduet",
                                             f"group_{g2.pk}": "Gruppe 2"}
    )  # fmt: skip
    assert list(workshop.groups.values_list("name", flat=True)) == [
        "Bordet ved vinduet",
        "Gruppe 2",
    ]


def test_open_gives_a_join_code_from_the_alphabet_and_is_audited(facilitator_client):
    workshop = make_workshop()
    facilitator_client.post(f"/workshops/{workshop.pk}/open/")
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.OPEN
    assert len(workshop.join_code) == 6 and set(workshop.join_code) <= set(services.CODE_ALPHABET)
    assert AuditEvent.objects.filter(action="open", object_id=str(workshop.pk)).exists()


def test_open_picks_another_code_when_an_open_workshop_already_has_it(monkeypatch):
    open_workshop(code="ABCDEF")
    codes = iter(["ABCDEF", "ABCDEF", "GHJKMN"])
    monkeypatch.setattr(services, "new_code", lambda: next(codes))
    workshop = services.open_workshop(make_workshop(title="Anden"), user=None)
    assert workshop.join_code == "GHJKMN"


def test_close_and_reopen_are_audited_and_close_shows_the_results(facilitator_client):
    workshop = open_workshop(code="ABCDEF")
    response = facilitator_client.post(f"/workshops/{workshop.pk}/close/")
    assert response["Location"] == f"/workshops/{workshop.pk}/results/"
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.CLOSED
    facilitator_client.post(f"/workshops/{workshop.pk}/open/")
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.OPEN
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["open", "close", "reopen"]


def test_get_cannot_open_or_close(facilitator_client):
    workshop = make_workshop()
    assert facilitator_client.get(f"/workshops/{workshop.pk}/open/").status_code == 405
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.DRAFT


def test_lock_joining(facilitator_client):
    workshop = open_workshop(code="ABCDEF")
    facilitator_client.post(f"/workshops/{workshop.pk}/lock/", {"lock": "1"})
    assert Workshop.objects.get(pk=workshop.pk).joining_locked
    facilitator_client.post(f"/workshops/{workshop.pk}/lock/", {"lock": "0"})
    assert not Workshop.objects.get(pk=workshop.pk).joining_locked


# --- console, poster, printables ------------------------------------------------------------


def test_console_shows_code_url_qr_and_counts_per_group(facilitator_client):
    workshop = open_workshop(code="ABCDEF")
    g1 = workshop.groups.first()
    cast(workshop, g1, ["glaede"])
    cast(workshop, g1, ["laering"], paper=True)
    html = facilitator_client.get(f"/workshops/{workshop.pk}/").content.decode()
    assert 'class="join-code">ABCDEF<' in html
    assert "http://testserver/w/ABCDEF/" in html
    assert '<svg role="img"' in html
    assert f'data-group-count="{g1.pk}">2<' in html
    assert "workshops/console" in html and "Opdatér" in html


def test_live_endpoint_returns_counts_as_json(facilitator_client):
    workshop = open_workshop(code="ABCDEF")
    g1 = workshop.groups.first()
    cast(workshop, g1, ["glaede"])
    data = facilitator_client.get(f"/workshops/{workshop.pk}/live/").json()
    assert data["total"] == 1 and data["groups"][str(g1.pk)] == 1 and data["status"] == "open"


def test_poster_has_the_code_the_absolute_url_and_an_svg_qr_code(facilitator_client):
    workshop = open_workshop(code="ABCDEF")
    html = facilitator_client.get(f"/workshops/{workshop.pk}/poster/").content.decode()
    assert "ABCDEF" in html and "http://testserver/w/ABCDEF/" in html
    assert '<svg role="img" aria-label="QR-kode til afstemningen"' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]


def test_cards_and_paper_ballots_print_pages_list_every_domain(facilitator_client):
    workshop = make_workshop(expected_participants=5)
    cards = facilitator_client.get(f"/workshops/{workshop.pk}/cards/").content.decode()
    assert "VÆRDIGHED OG LIGEVÆRDIGHED" in cards and "domains/icons/glaede" in cards
    # The paper ballots: every domain with its statement (no icons: two ballots in 14 pt
    # fit an A4 page), one numbered ballot per participant, or as many as asked for.
    url = f"/workshops/{workshop.pk}/paper-ballots/"
    html = facilitator_client.get(url).content.decode()
    assert html.count("VÆRDIGHED OG LIGEVÆRDIGHED") == 5
    assert "Stemmeseddel nr. 5" in html and "Stemmeseddel nr. 6" not in html
    assert "Stemmeseddel nr. 12" in facilitator_client.get(url + "?antal=12").content.decode()
    refused = facilitator_client.get(url + "?antal=5000").content.decode()
    assert "Skriv et helt tal fra 1 til 200." in refused and 'value="5000"' in refused


# --- paper ballots and deletion ------------------------------------------------------------


def test_paper_ballot_is_stored_marked_and_audited(facilitator_client, facilitator_user):
    workshop = open_workshop(code="ABCDEF")
    group = workshop.groups.last()
    ids = list(Domain.objects.filter(slug__in=["glaede", "laering"]).values_list("pk", flat=True))
    response = facilitator_client.post(
        f"/workshops/{workshop.pk}/ballots/new/", {"group": group.pk, "domains": ids}
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.is_paper and ballot.entered_by == facilitator_user and ballot.group == group
    assert ballot.votes.count() == 2
    assert AuditEvent.objects.filter(action="paper_ballot").count() == 1


def test_paper_ballot_with_too_many_domains_is_refused(facilitator_client):
    workshop = open_workshop(code="ABCDEF", votes=2)
    ids = list(Domain.objects.values_list("pk", flat=True)[:3])
    response = facilitator_client.post(
        f"/workshops/{workshop.pk}/ballots/new/",
        {"group": workshop.groups.first().pk, "domains": ids},
    )
    assert "Højst 2 forandringsområder" in response.content.decode()
    assert Ballot.objects.count() == 0


def test_paper_ballot_refuses_a_group_of_another_workshop(facilitator_client):
    workshop = open_workshop(code="ABCDEF")
    other = make_workshop(title="Anden")
    response = facilitator_client.post(
        f"/workshops/{workshop.pk}/ballots/new/",
        {"group": other.groups.first().pk, "domains": [Domain.objects.first().pk]},
    )
    assert response.status_code == 200 and "Vælg gruppen." in response.content.decode()
    assert Ballot.objects.count() == 0


def test_delete_a_ballot_asks_first_is_audited_and_can_be_restored(facilitator_client):
    workshop = open_workshop(code="ABCDEF")
    ballot = cast(workshop, workshop.groups.first(), ["glaede"])
    url = f"/workshops/{workshop.pk}/ballots/{ballot.pk}/delete/"
    page = facilitator_client.get(url)
    assert page.status_code == 200 and "Ja, slet stemmesedlen" in page.content.decode()
    assert Ballot.objects.get().deleted_at is None  # asking changes nothing
    facilitator_client.post(url)
    assert Ballot.objects.get().deleted_at is not None and Vote.objects.count() == 1
    assert selectors.ranking(workshop).participants == 0
    event = AuditEvent.objects.get(action="delete")
    assert event.object_label == f"Stemmeseddel #{ballot.pk}"
    body = facilitator_client.get(f"/workshops/{workshop.pk}/ballots/").content.decode()
    assert "Slettede stemmesedler" in body and "Gendan" in body
    facilitator_client.post(f"/workshops/{workshop.pk}/ballots/{ballot.pk}/restore/")
    assert Ballot.objects.get().deleted_at is None
    assert selectors.ranking(workshop).participants == 1
    assert AuditEvent.objects.filter(action="restore").count() == 1


def test_a_locked_result_removes_deleted_ballots_for_good_and_takes_no_more_changes(
    facilitator_client,
):
    workshop = open_workshop(code="ABCDEF")
    group = workshop.groups.first()
    kept, deleted = cast(workshop, group, ["glaede"]), cast(workshop, group, ["laering"])
    services.delete_ballot(deleted, user=None)
    facilitator_client.post(f"/workshops/{workshop.pk}/close/")
    page = facilitator_client.get(f"/workshops/{workshop.pk}/lock-results/")
    assert "1 slettet stemmeseddel bliver fjernet for altid." in page.content.decode()
    facilitator_client.post(f"/workshops/{workshop.pk}/lock-results/")
    workshop.refresh_from_db()
    assert workshop.is_locked
    assert list(Ballot.objects.values_list("pk", flat=True)) == [kept.pk]
    with pytest.raises(services.ResultsLocked):
        services.delete_ballot(kept, user=None)
    response = facilitator_client.post(f"/workshops/{workshop.pk}/open/")
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.CLOSED
    with pytest.raises(services.VoteRefused):  # the database refuses a late paper ballot
        services.cast_ballot(
            workshop, group, [Domain.objects.get(slug="glaede")], token="p", paper=True
        )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="lock").count() == 1


def test_closing_the_vote_asks_first(facilitator_client):
    workshop = open_workshop(code="ABCDEF")
    page = facilitator_client.get(f"/workshops/{workshop.pk}/close/")
    assert page.status_code == 200 and "Ja, luk afstemningen" in page.content.decode()
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.OPEN


# --- quotes ------------------------------------------------------------


def test_quotes_create_edit_delete(facilitator_client):
    workshop = make_workshop(status=Workshop.Status.CLOSED)
    group = workshop.groups.first()
    glaede = Domain.objects.get(slug="glaede")
    url = f"/workshops/{workshop.pk}/quotes/"
    facilitator_client.post(
        url, {"group": group.pk, "domain": glaede.pk, "kind": "why", "text": "Jeg glæder mig."}
    )
    quote = Quote.objects.get()
    assert (quote.group, quote.domain, quote.kind) == (group, glaede, "why")
    facilitator_client.post(
        f"{url}{quote.pk}/edit/",
        {"group": "", "domain": glaede.pk, "kind": "role", "text": "De åbner døre."},
    )
    quote.refresh_from_db()
    assert (quote.group, quote.kind, quote.text) == (None, "role", "De åbner døre.")
    facilitator_client.post(f"{url}{quote.pk}/delete/")
    assert Quote.objects.count() == 0


def test_empty_quote_is_refused(facilitator_client):
    workshop = make_workshop()
    response = facilitator_client.post(
        f"/workshops/{workshop.pk}/quotes/",
        {"domain": Domain.objects.first().pk, "kind": "why", "text": "   "},
    )
    assert "Skriv hvad der blev sagt." in response.content.decode()
    assert Quote.objects.count() == 0


# --- story selection ------------------------------------------------------------


def test_selection_offers_only_analysis_stories_of_the_domain(facilitator_client):
    workshop = make_workshop(kind=Workshop.Kind.STAFF, status=Workshop.Status.CLOSED)
    make_story(domains=["glaede"], title="Med samtykke", consent=("analysis",))
    make_story(domains=["glaede"], title="Uden samtykke")
    make_story(domains=["glaede"], withdrawn=True, title="Trukket tilbage")
    make_story(domains=["laering"], title="Andet domæne", consent=("analysis",))
    html = facilitator_client.get(f"/workshops/{workshop.pk}/selection/").content.decode()
    glaede_section = html.split('id="domain-', 2)[1]
    assert "Med samtykke" in glaede_section
    assert "Uden samtykke" not in html and "Trukket tilbage" not in html
    assert "Andet domæne" not in glaede_section


def test_selection_requires_a_reason_and_keeps_the_typed_text(facilitator_client):
    workshop = make_workshop(kind=Workshop.Kind.STAFF)
    story = make_story(domains=["glaede"], consent=("analysis",))
    glaede = Domain.objects.get(slug="glaede")
    prefix = f"d{glaede.pk}"
    url = f"/workshops/{workshop.pk}/selection/{glaede.pk}/"
    response = facilitator_client.post(
        url, {f"{prefix}-story": story.pk, f"{prefix}-reason": " ", f"{prefix}-dissent": "Uenig"}
    )
    assert "Skriv hvorfor gruppen valgte netop den fortælling." in response.content.decode()
    assert "Uenig" in response.content.decode()
    assert Selection.objects.count() == 0
    facilitator_client.post(
        url, {f"{prefix}-story": story.pk, f"{prefix}-reason": "Den viser modet.",
              f"{prefix}-dissent": ""}
    )  # fmt: skip
    selection = Selection.objects.get()
    assert (selection.story, selection.reason) == (story, "Den viser modet.")


def test_selection_refuses_a_story_without_analysis_consent(facilitator_client):
    workshop = make_workshop(kind=Workshop.Kind.PARTNERS)
    story = make_story(domains=["glaede"])
    glaede = Domain.objects.get(slug="glaede")
    prefix = f"d{glaede.pk}"
    facilitator_client.post(
        f"/workshops/{workshop.pk}/selection/{glaede.pk}/",
        {f"{prefix}-story": story.pk, f"{prefix}-reason": "Fordi."},
    )
    assert Selection.objects.count() == 0


def test_a_withdrawn_story_disappears_from_the_selections(facilitator_client):
    from django.utils import timezone

    from workshops.selectors import selections

    workshop = make_workshop(kind=Workshop.Kind.STAFF)
    story = make_story(domains=["glaede"], consent=("analysis",))
    Selection.objects.create(
        workshop=workshop, domain=Domain.objects.get(slug="glaede"), story=story, reason="Fordi."
    )
    assert selections(workshop).count() == 1
    type(story).objects.filter(pk=story.pk).update(
        withdrawn_at=timezone.now(), consent_analysis_on=None
    )
    assert selections(workshop).count() == 0
    html = facilitator_client.get(f"/workshops/{workshop.pk}/selection/").content.decode()
    assert story.title not in html


def test_citizens_workshops_have_no_story_selection(facilitator_client):
    workshop = make_workshop(kind=Workshop.Kind.CITIZENS)
    assert facilitator_client.get(f"/workshops/{workshop.pk}/selection/").status_code == 404


# --- results ------------------------------------------------------------


def test_results_page_shows_ranking_ties_not_prioritised_and_totals(manager_client):
    workshop = seed_scenario()
    cast(workshop, workshop.groups.first(), ["glaede"], paper=True)
    html = manager_client.get(f"/workshops/{workshop.pk}/results/").content.decode()
    assert html.count("delt 5. plads") == 2
    assert "1. plads" in html and "ikke prioriteret" in html
    not_prioritised = html.split('class="not-prioritised"')[1].split("</tr>")[0]
    assert "VÆRDIGHED OG LIGEVÆRDIGHED" in not_prioritised
    assert "<dd>15</dd>" in html  # participants incl. the paper ballot
    assert "<dd>1</dd>" in html  # paper ballots
    assert "<dd>43</dd>" in html  # votes
    assert 'class="chart"' in html and "<caption" in html


def test_results_rows_are_marked_tied_and_not_prioritised_with_their_numbers(manager_client):
    workshop = seed_scenario()
    ranking = selectors.ranking(workshop)
    html = manager_client.get(f"/workshops/{workshop.pk}/results/").content.decode()
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = body.split("</tr>")[:-1]
    assert len(rows) == len(ranking.results)
    for row, result in zip(rows, ranking.results, strict=True):
        marks = row.split('<tr class="')[1].split('"')[0].split()
        assert ("tied" in marks) == result.tied
        assert ("not-prioritised" in marks) == (not result.prioritised)
        cells = row.split("</th>")[1].strip()
        assert cells.startswith(f'<td class="text-end{" zero" if not result.votes else ""}">')
        assert cells.count("<td") == 1 + len(ranking.groups) + 1  # votes, groups, groups voting
        assert f">{result.votes}</td>" in cells
        assert cells.endswith(f">{result.groups_with_votes}</td>")


def test_workshop_page_links_name_the_page_and_the_workshop_they_are_on(facilitator_client):
    # The links are kept per workshop, page and language: a page viewed after another of
    # the same workshop, or after the same page of another workshop, has its own.
    first, second = make_workshop(), make_workshop(kind=Workshop.Kind.CITIZENS)
    for workshop in (first, second):
        for page, current in (("results/", "Resultat"), ("", "Styring"), ("results/", "Resultat")):
            html = facilitator_client.get(f"/workshops/{workshop.pk}/{page}").content.decode()
            nav = html.split('class="workshop-nav')[1].split("</nav>")[0]
            assert nav.count('aria-current="page"') == 1
            assert f'aria-current="page" href="/workshops/{workshop.pk}/{page}">{current}<' in nav
            other = second if workshop is first else first
            assert f"/workshops/{other.pk}/" not in nav
            assert ("Udvælg fortællinger" in nav) == (workshop.kind != Workshop.Kind.CITIZENS)


def test_results_hide_per_group_counts_of_small_groups(facilitator_client):
    workshop = make_workshop(groups=3, status=Workshop.Status.CLOSED)
    g1, g2, g3 = workshop.groups.all()
    for _ in range(3):
        cast(workshop, g1, ["glaede"])
    for _ in range(4):
        cast(workshop, g2, ["glaede"])
    cast(workshop, g3, ["glaede"])
    html = facilitator_client.get(f"/workshops/{workshop.pk}/results/").content.decode()
    row = html.split('<th scope="row">GLÆDE</th>')[1].split("</tr>")[0]
    assert '<td class="text-end">8</td>' in row  # total still counts the small group
    assert '<td class="text-end">4</td>' in row  # the largest group is shown
    assert row.count("skjult") == 2  # the small one, and the smallest other one


def test_results_page_uses_a_fixed_number_of_queries_for_2000_ballots(
    facilitator_client, django_assert_max_num_queries
):
    workshop = seed_scenario()
    url = f"/workshops/{workshop.pk}/results/"
    with django_assert_max_num_queries(30) as small:
        facilitator_client.get(url)
    add_ballots(workshop, 2_000)
    assert Ballot.objects.filter(workshop=workshop).count() == 2_014
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = facilitator_client.get(url)
    assert "<dd>2014</dd>" in response.content.decode()


def test_results_page_reads_the_workshops_round_with_the_workshop(facilitator_client):
    workshop = seed_scenario()
    workshop.round = CollectionRound.objects.create(name="Runde 1")
    workshop.save(update_fields=["round"])
    with CaptureQueriesContext(connection) as queries:
        response = facilitator_client.get(f"/workshops/{workshop.pk}/results/")
    assert "Sammenlign med de andre workshops i runden Runde 1" in response.content.decode()
    assert not [q for q in queries.captured_queries if 'FROM "stories_collectionround"' in q["sql"]]


def add_ballots(workshop, count):
    """Fast bulk insert of many 3-vote ballots (raw SQL generate_series)."""
    groups = list(workshop.groups.values_list("pk", flat=True))
    domains = list(Domain.objects.order_by("order").values_list("pk", flat=True))
    prefix = secrets.token_hex(4)
    status = Workshop.objects.values_list("status", flat=True).get(pk=workshop.pk)
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.OPEN)  # takes votes
    with connection.cursor() as cursor:
        for index, group in enumerate(groups):
            n = count // len(groups) + (1 if index < count % len(groups) else 0)
            cursor.execute(
                "INSERT INTO workshops_ballot (workshop_id, group_id, token, is_paper, "
                "created_at, updated_at) SELECT %s, %s, %s || '-' || %s || '-' || g, false, "
                "now(), now() FROM generate_series(1, %s) g",
                [workshop.pk, group, prefix, group, n],
            )
        cursor.execute(
            "INSERT INTO workshops_vote (ballot_id, slot, domain_id) "
            "SELECT b.id, s, (%s::bigint[])[1 + ((b.id + s * 3) %% %s)] "
            "FROM workshops_ballot b, generate_series(1, 3) s "
            "WHERE b.workshop_id = %s AND b.token LIKE %s",
            [domains, len(domains), workshop.pk, prefix + "-%"],
        )
    Workshop.objects.filter(pk=workshop.pk).update(status=status)


# --- exports ------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+45", "'+45"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("GLÆDE", "GLÆDE"),
        (5, 5),
    ],
)
def test_formula_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_results_csv_is_danish_excel_friendly_and_safe(facilitator_client):
    workshop = seed_scenario()
    group = workshop.groups.first()
    group.name = '=HYPERLINK("http://evil")'
    group.save()
    response = facilitator_client.get(f"/workshops/{workshop.pk}/export/resultat.csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0][3].startswith("'=")
    assert rows[1][:3] == ["1. plads", "GLÆDE", "9"]
    assert ["delt 5. plads", "SELVSTÆNDIGHED", "4"] == rows[5][:3]
    assert rows[10][:3] == ["ikke prioriteret", "VÆRDIGHED OG LIGEVÆRDIGHED", "0"]
    assert AuditEvent.objects.filter(action="export").exists()


def test_ballots_xlsx_export_lists_anonymous_ballots(facilitator_client):
    from openpyxl import load_workbook

    workshop = seed_scenario()
    cast(workshop, workshop.groups.first(), ["glaede"], paper=True)
    response = facilitator_client.get(f"/workshops/{workshop.pk}/export/stemmesedler.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Gruppe", "Papirstemme", "Valg 1", "Valg 2", "Valg 3")
    assert len(rows) == 16
    assert sum(1 for r in rows[1:] if r[1] == "ja") == 1


# --- compare ------------------------------------------------------------


def test_compare_puts_the_rounds_rankings_side_by_side_and_marks_differences(manager_client):
    round_ = CollectionRound.objects.create(name="2019–2021")
    citizens = seed_scenario(round=round_)
    staff = make_workshop(
        kind=Workshop.Kind.STAFF, status=Workshop.Status.CLOSED, round=round_, title="Personale"
    )
    for _ in range(3):
        cast(staff, staff.groups.first(), ["vaerdighed-og-ligevaerdighed", "laering"])
    html = manager_client.get(f"/workshops/compare/?round={round_.pk}").content.decode()
    assert citizens.title in html and "Personale" in html
    row = html.split('<th scope="row">VÆRDIGHED OG LIGEVÆRDIGHED</th>')[1].split("</tr>")[0]
    assert "ikke prioriteret" in row and "delt 1. plads" in row and "forskel" in row
