"""Cached page bodies (aktiv.page_cache): reused while the data is unchanged, never after.

Every test views a page twice around a write made the way the app or an operator could
make it (often a plain UPDATE, without model signals) and checks that the second view
shows the new state. The counters themselves are moved by PostgreSQL triggers.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from aktiv import page_cache, roles
from domains.models import Domain
from stories.models import Story
from tests.factories import build_scenario, cast, make_story, make_user, make_workshop
from workshops.models import Workshop

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def versions():
    return page_cache.data_versions()


def _without_tokens(response):
    main = response.content.decode().split("<main", 1)[1]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def test_each_kind_of_data_has_its_own_counter_moved_by_plain_sql():
    before = versions()
    make_story(title="Ny")
    after_story = versions()
    assert after_story["stories"] > before["stories"]
    assert after_story["workshops"] == before["workshops"]

    workshop = make_workshop()
    after_workshop = versions()
    assert after_workshop["workshops"] > after_story["workshops"]

    Domain.objects.filter(slug="glaede").update(name="Glæde i hverdagen")
    assert versions()["reference"] > after_workshop["reference"]

    ballot_before = versions()["workshops"]
    cast(workshop, workshop.groups.first(), ["glaede", "laering"])
    assert versions()["workshops"] > ballot_before


def test_a_login_does_not_empty_the_caches_but_a_new_user_name_does():
    user = make_user(roles.STAFF, username="navn")
    before = versions()["reference"]
    get_user_model().objects.filter(pk=user.pk).update(last_login="2026-01-01T10:00:00Z")
    assert versions()["reference"] == before
    get_user_model().objects.filter(pk=user.pk).update(username="nyt-navn")
    assert versions()["reference"] > before


def test_the_second_view_of_the_story_list_reuses_the_body(
    staff_client, django_assert_max_num_queries
):
    make_story(title="Første fortælling")
    first = staff_client.get("/stories/")
    # session, user with roles, data versions; nothing of the list itself
    with django_assert_max_num_queries(3):
        second = staff_client.get("/stories/")
    assert second.status_code == 200
    # The same content; only the CSRF tokens of the page's forms differ between views.
    assert _without_tokens(first) == _without_tokens(second)
    assert "Første fortælling" in _without_tokens(second)


def test_a_second_view_of_a_domain_page_or_results_reads_nothing_of_its_own(
    facilitator_client, django_assert_max_num_queries
):
    workshop = make_workshop(status=Workshop.Status.CLOSED)
    pages = {
        "/domains/glaede/": "<title>GLÆDE – Aktiv</title>",
        f"/workshops/{workshop.pk}/results/": f"<title>Resultat: {workshop.title} – Aktiv</title>",
    }
    for url, title in pages.items():
        first = facilitator_client.get(url)
        # session and data versions: not even the domain or the workshop (the title is
        # kept with the body)
        with django_assert_max_num_queries(2):
            second = facilitator_client.get(url)
        assert _without_tokens(first) == _without_tokens(second)
        assert title in second.content.decode()


def test_a_second_view_of_the_report_reads_nothing_of_its_own(
    manager_user, manager_client, django_assert_max_num_queries
):
    build_scenario(signer=manager_user)
    first = manager_client.get("/report/")
    assert "<title>Læringsrapport 2019–2021 – Aktiv</title>" in first.content.decode()
    # session and data versions: not even the list of editions to choose from
    with django_assert_max_num_queries(2):
        second = manager_client.get("/report/")
    assert _without_tokens(first) == _without_tokens(second)
    assert "Rapportudgave" in _without_tokens(second)  # the edition choice is in the body


def test_only_the_manager_who_signs_sees_publish_on_a_cached_report(manager_user):
    build_scenario(signer=manager_user)
    signer, other = Client(), Client()
    signer.force_login(manager_user)
    other.force_login(make_user(roles.MANAGER, username="anden-leder"))
    assert "Udgiv udgaven" in signer.get("/report/").content.decode()
    assert "Udgiv udgaven" not in other.get("/report/").content.decode()
    assert "Udgiv udgaven" in signer.get("/report/").content.decode()


def test_the_report_says_there_is_no_edition_yet_and_keeps_its_title(manager_client):
    html = manager_client.get("/report/").content.decode()
    assert "<title>Læringsrapport – Aktiv</title>" in html
    assert "Der er ingen rapportudgave endnu." in html
    assert "Lav en rapportudgave" in html  # a manager may make one


def test_with_the_cache_off_every_view_builds_the_page_and_reads_no_versions(
    staff_client, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    make_story(title="Første fortælling")
    assert "Første fortælling" in staff_client.get("/stories/").content.decode()
    make_story(title="Anden fortælling")
    with CaptureQueriesContext(connection) as queries:
        html = staff_client.get("/stories/").content.decode()
    assert "Anden fortælling" in html
    assert not [q for q in queries.captured_queries if "aktiv_dataversion" in q["sql"]]


def test_a_new_story_shows_at_once_on_the_cached_list(staff_client):
    make_story(title="Første fortælling")
    assert "Første fortælling" in staff_client.get("/stories/").content.decode()
    Story.objects.create(
        title="Anden fortælling",
        text="Tekst",
        collected_on="2021-01-01",
        employment_type=Story.Employment.WAGE_SUBSIDY,
    )
    assert "Anden fortælling" in staff_client.get("/stories/").content.decode()


def test_a_withdrawn_consent_leaves_the_managers_cached_list_at_once(manager_client):
    story = make_story(title="Må læses af ledere", consent=("analysis", "report"))
    assert "Må læses af ledere" in manager_client.get("/stories/").content.decode()
    # A plain UPDATE, as a bulk withdrawal or psql would do it: no model signal fires.
    Story.objects.filter(pk=story.pk).update(consent_report_on=None, consent_analysis_on=None)
    assert "Må læses af ledere" not in manager_client.get("/stories/").content.decode()


def test_an_erased_story_leaves_every_cached_page(staff_client, manager_client):
    from tests.factories import make_edition, make_round

    round_ = make_round("Runden")
    make_edition([round_])  # the report being prepared for the round
    story = make_story(
        title="Slettes snart", domains=("glaede",), round=round_, consent=("analysis", "report")
    )
    pages = ["/stories/", "/domains/glaede/", "/report/"]
    for path in pages:
        assert "Slettes snart" in manager_client.get(path).content.decode(), path
    Story.objects.filter(pk=story.pk).delete()
    for path in pages:
        assert "Slettes snart" not in manager_client.get(path).content.decode(), path
        assert "Slettes snart" not in staff_client.get(path).content.decode(), path


def test_staff_and_managers_never_share_a_cached_body(staff_client, manager_client):
    make_story(title="Kun til analyse", storyteller_code="B-4711", consent=("analysis",))
    staff_page = staff_client.get("/stories/").content.decode()
    assert "Kun til analyse" in staff_page and "B-4711" in staff_page
    manager_page = manager_client.get("/stories/").content.decode()
    assert "Kun til analyse" not in manager_page
    assert "B-4711" not in manager_page


def test_languages_are_cached_apart(staff_client):
    make_story(title="Sproget")
    assert "Søg og filtrér" in staff_client.get("/stories/").content.decode()
    staff_client.cookies["django_language"] = "en"
    english = staff_client.get("/stories/").content.decode()
    assert "Søg og filtrér" not in english


def test_a_renamed_domain_shows_on_the_cached_pages(staff_client):
    make_story(title="Om glæde", domains=("glaede",), consent=("analysis", "report"))
    name = Domain.objects.get(slug="glaede").name
    for path in ("/domains/glaede/", "/stories/"):
        assert name in staff_client.get(path).content.decode().split("<main")[1], path
    Domain.objects.filter(slug="glaede").update(name="Livsglæde og overskud")
    for path in ("/domains/glaede/", "/stories/"):
        body = staff_client.get(path).content.decode().split("<main")[1]
        assert "Livsglæde og overskud" in body, path


def test_a_new_ballot_shows_at_once_on_the_cached_results(facilitator_client):
    workshop = make_workshop(status=Workshop.Status.OPEN, code="CACHE1")
    group = workshop.groups.first()
    cast(workshop, group, ["glaede", "laering", "faellesskab"])
    url = f"/workshops/{workshop.pk}/results/"
    participants = "<dt>Deltagere</dt><dd>{}</dd>"
    assert participants.format(1) in facilitator_client.get(url).content.decode()
    cast(workshop, group, ["glaede", "laering", "faellesskab"])
    second = facilitator_client.get(url).content.decode()
    assert participants.format(2) in second and participants.format(1) not in second


def _render_counting(monkeypatch, html):
    built = []

    def render(request, template, build_context):
        built.append(template)
        return html

    monkeypatch.setattr(page_cache, "render_body", render)
    return built


def _view(request):
    return page_cache.cached_page(request, "test:page", "any_body.html", dict, title="Test")


def test_a_body_with_a_csrf_token_is_never_stored(rf, staff_user, monkeypatch):
    built = _render_counting(monkeypatch, '<input name="csrfmiddlewaretoken" value="x">')
    request = rf.get("/stories/")
    request.user = staff_user
    for _ in range(2):
        _view(request)
    assert built == ["any_body.html", "any_body.html"]  # rendered each time, never kept


def test_a_body_is_built_once_while_the_data_is_unchanged(rf, staff_user, monkeypatch):
    built = _render_counting(monkeypatch, "<p>body</p>")
    request = rf.get("/stories/")
    request.user = staff_user
    for _ in range(3):
        _view(request)
    assert built == ["any_body.html"]
    make_story(title="Ny")  # moves the stories version
    _view(request)
    assert built == ["any_body.html", "any_body.html"]


def test_an_inactive_user_is_refused_even_with_a_cached_page(staff_user):
    make_story(title="Hemmelig")
    client = Client()
    client.force_login(staff_user)
    assert client.get("/stories/").status_code == 200
    get_user_model().objects.filter(pk=staff_user.pk).update(is_active=False)
    response = client.get("/stories/")
    assert response.status_code == 302  # signed out: to the login page
    assert "Hemmelig" not in response.content.decode()


def _token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_each_reader_sees_their_own_name_and_a_working_token_around_a_shared_body(staff_user):
    other = make_user(roles.STAFF, username="anden-medarbejder")
    make_story(title="Fælles side")
    pages = {}
    for user in (staff_user, other, staff_user):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        html = client.get("/stories/").content.decode()
        pages[user.username] = html
        assert "Fælles side" in html
        # The token is this browser's: signing out with it works.
        response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": _token(html)})
        assert response.status_code == 302
        assert client.get("/stories/").status_code == 302  # signed out
    header = "Logget ind som </span>anden-medarbejder</span>"
    assert header in pages["anden-medarbejder"]
    assert header not in pages[staff_user.username]


def test_a_user_name_is_escaped_in_the_cached_page():
    user = make_user(roles.STAFF, username="a<b>")
    client = Client()
    client.force_login(user)
    for _ in range(2):
        html = client.get("/stories/").content.decode()
        assert "a&lt;b&gt;" in html and "a<b>" not in html


def test_messages_still_show_on_a_cached_page(staff_client):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    staff_client.get("/stories/")  # cached now
    from django.http import HttpRequest, HttpResponse

    storage = CookieStorage(HttpRequest())
    storage.add(constants.SUCCESS, "Gemt og klar")
    carrier = HttpResponse()
    storage.update(carrier)  # the cookie a redirect after saving would set
    staff_client.cookies["messages"] = carrier.cookies["messages"].value
    assert "Gemt og klar" in staff_client.get("/stories/").content.decode()
    assert "Gemt og klar" not in staff_client.get("/stories/").content.decode()


def test_a_cached_page_never_outlives_its_object(facilitator_client, staff_client):
    workshop = make_workshop(status=Workshop.Status.CLOSED)
    url = f"/workshops/{workshop.pk}/results/"
    assert facilitator_client.get(url).status_code == 200
    assert facilitator_client.get(url).status_code == 200  # from the cache, no lookup
    Workshop.objects.filter(pk=workshop.pk).delete()
    assert facilitator_client.get(url).status_code == 404

    assert staff_client.get("/domains/glaede/").status_code == 200
    assert staff_client.get("/domains/glaede/").status_code == 200
    Domain.objects.filter(slug="glaede").update(slug="glaede-ny")
    assert staff_client.get("/domains/glaede/").status_code == 404
    assert staff_client.get("/domains/glaede-ny/").status_code == 200


# --- every table a cached body reads moves one of the versions it depends on --------------

TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')


def _covered_tables():
    """{table: {kind}} from the database's own triggers (aktiv migration 0004)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgfoid = 'aktiv_bump_data_version'::regproc"
        )
        covered = {}
        for table, definition in cursor.fetchall():
            kind = re.search(r"aktiv_bump_data_version\('(\w+)'\)", definition).group(1)
            covered.setdefault(table, set()).add(kind)
        return covered


def _tables_read_by_cached_bodies(monkeypatch, clients_and_paths):
    """{(page name, depends): {tables its body read}} for the cached pages visited."""
    read, current = {}, {}
    cached_page, render_body = page_cache.cached_page, page_cache.render_body

    def recording_cached_page(request, name, *args, depends=page_cache.EVERYTHING, **kwargs):
        current["key"] = (name, tuple(depends))
        return cached_page(request, name, *args, depends=depends, **kwargs)

    def recording_render_body(request, template, build_context):
        with CaptureQueriesContext(connection) as queries:
            html = render_body(request, template, build_context)
        tables = read.setdefault(current.pop("key"), set())
        for query in queries.captured_queries:
            tables.update(TABLE.findall(query["sql"]))
        return html

    monkeypatch.setattr(page_cache, "cached_page", recording_cached_page)
    monkeypatch.setattr(page_cache, "render_body", recording_render_body)
    for client, path in clients_and_paths:
        assert client.get(path).status_code == 200, path
    return read


def _uncovered(read):
    covered = _covered_tables()

    def kinds(table):
        if table in page_cache.DERIVED_TABLES:  # moved with the tables its triggers read
            sources = [kinds(source) for source in page_cache.DERIVED_TABLES[table]]
            return set.intersection(*sources)
        return covered.get(table, set())

    problems = []
    for (name, depends), tables in sorted(read.items()):
        for table in sorted(tables):
            if not kinds(table) & set(depends):
                problems.append(f"{name} reads {table}, which moves none of {depends}")
    return problems


@pytest.fixture
def every_cached_page(staff_client, manager_client, facilitator_client, monkeypatch):
    scenario = build_scenario()
    pages = [
        (staff_client, "/stories/"),
        (staff_client, "/stories/?q=arbejde&domain=1"),
        (manager_client, "/stories/"),
        (staff_client, "/domains/"),
        (facilitator_client, "/domains/"),
        (manager_client, "/domains/glaede/"),
        (staff_client, "/report/"),
        (manager_client, "/report/"),
        (facilitator_client, f"/workshops/{scenario.citizens.pk}/results/"),
    ]
    read = _tables_read_by_cached_bodies(monkeypatch, pages)
    names = {name for name, _depends in read}
    assert names == {
        "stories:list",
        "stories:list-restricted",
        "reports:domains",
        "reports:domain",
        "reports:report",
        "workshops:results",
    }
    return read


def test_every_table_a_cached_page_reads_moves_a_version_it_depends_on(every_cached_page):
    assert _uncovered(every_cached_page) == []
    assert any("auth_user_groups" in tables for tables in every_cached_page.values())


def test_a_table_without_its_version_trigger_is_found(every_cached_page):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER auth_user_groups_data_version ON auth_user_groups")
    problems = _uncovered(every_cached_page)
    assert problems and all("auth_user_groups" in p for p in problems), problems
