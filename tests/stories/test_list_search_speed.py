"""The story list: filters, Danish full-text search, a fixed number of queries, indexes."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from domains.models import Domain
from stories.forms import StoryFilterForm
from stories.models import Story
from stories.search import search
from tests.factories import make_round, make_story, make_user

pytestmark = pytest.mark.django_db


def titles_on(client, query):
    response = client.get("/stories/?" + query)
    assert response.status_code == 200
    return {s["title"] for s in response.context["page"].object_list}


# Search --------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["arbejde", "Arbejdet", "arbejder"])
def test_search_uses_danish_stemming(staff_client, word):
    make_story(title="Et nyt sted", text="Hun har fået arbejdet på lageret.")
    make_story(title="Om lørdagen", text="Han arbejder i weekenden.", significance="")
    make_story(title="Ferie", text="Vi tog på ferie.", significance="Det var dejligt.")
    assert titles_on(staff_client, f"q={word}") == {"Et nyt sted", "Om lørdagen"}


def test_search_covers_title_text_and_significance(staff_client):
    make_story(title="Glæden ved arbejdet", text="x", significance="")
    make_story(title="a", text="Jeg arbejder i et køkken", significance="")
    make_story(title="b", text="x", significance="Arbejde giver mig glæde")
    make_story(title="c", text="x", significance="")
    response = staff_client.get("/stories/", {"q": "arbejdet"})
    found = {s["title"] for s in response.context["page"].object_list}
    assert found == {"Glæden ved arbejdet", "a", "b"}


def test_search_shows_which_matches_without_counting_them_all(staff_client):
    for _ in range(3):
        make_story(text="Jeg har fået et nyt arbejde")
    make_story(text="Noget helt andet")
    body = staff_client.get("/stories/?q=arbejder").content.decode()
    assert "Viser nr. 1–3 af dem, der passer." in body
    assert "(4 fortællinger i alt)" in body
    assert "Dem, der passer bedst, står først" in body


def test_search_ranks_the_best_match_first(staff_client):
    best = make_story(title="Arbejde arbejde", text="Arbejdet er mit arbejde, jeg arbejder.")
    make_story(title="Nyere", text="Jeg har et arbejde.")
    page = staff_client.get("/stories/?q=arbejde").context["page"]
    assert [s["id"] for s in page.object_list][0] == best.pk


def test_a_filtered_list_shows_a_next_page_without_a_total(staff_client):
    for i in range(51):
        make_story(title=f"Om arbejde {i}")
    page = staff_client.get("/stories/?q=arbejde").context["page"]
    assert page.total is None and page.has_next and len(page.object_list) == 50
    page = staff_client.get("/stories/?q=arbejde&side=2").context["page"]
    assert not page.has_next and len(page.object_list) == 1
    assert staff_client.get("/stories/").context["page"].total == 51


def test_search_with_odd_characters_never_fails(staff_client):
    make_story(text="arbejde")
    for query in ["&", "!!", "'", '"', "a & | b", "(", "<script>", "æøå"]:
        response = staff_client.get("/stories/", {"q": query})
        assert response.status_code == 200, query


# Filters -------------------------------------------------------------------------------


def test_every_filter_narrows_the_list(staff_client, staff_user):
    other = make_user(username="kollega")
    from django.contrib.auth.models import Group

    from aktiv import roles

    other.groups.add(Group.objects.get(name=roles.STAFF))
    round_a, round_b = make_round("A"), make_round("B")
    make_story(
        title="match",
        domains=("laering",),
        employment_type="voluntary",
        round=round_a,
        status="ready",
        consent=("report",),
        collected_by=other,
        storyteller_code="B-001",
        collected_on=datetime.date(2020, 6, 1),
    )
    make_story(
        title="miss",
        domains=("glaede",),
        employment_type="wage_subsidy",
        round=round_b,
        status="draft",
        collected_by=staff_user,
        storyteller_code="B-002",
        collected_on=datetime.date(2019, 6, 1),
    )
    laering = Domain.objects.get(slug="laering").pk
    for query in [
        f"domain={laering}",
        "employment_type=voluntary",
        f"round={round_a.pk}",
        "status=ready",
        "consent=report",
        f"collector={other.pk}",
        "storyteller_code=b-001",
        "date_from=2020-01-01",
        "date_to=2020-12-31&date_from=2020-01-01",
    ]:
        assert titles_on(staff_client, query) == {"match"}, query
    assert titles_on(staff_client, "consent=none") == {"miss"}


def test_withdrawn_filter(staff_client, staff_user):
    story = make_story(title="trukket", consent=("analysis",))
    story.withdraw(staff_user)
    story.save()
    make_story(title="andet")
    assert titles_on(staff_client, "consent=withdrawn") == {"trukket"}
    assert titles_on(staff_client, "consent=analysis") == set()


def test_bad_filter_values_give_a_danish_message_not_an_error(staff_client):
    make_story(title="x")
    response = staff_client.get("/stories/?date_from=i-går&domain=999999&date_to=2020-01-01")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Skriv en gyldig dato" in body
    assert "Vælg et forandringsområde fra listen." in body
    assert 'value="i-går"' in body


def test_list_is_paginated_50_a_page_newest_first(staff_client):
    stories = [make_story(title=f"S{i:03d}") for i in range(55)]
    page1 = staff_client.get("/stories/").context["page"]
    assert len(page1.object_list) == 50
    assert page1.object_list[0]["title"] == stories[-1].title
    page2 = staff_client.get("/stories/?side=2").context["page"]
    assert [s["title"] for s in page2.object_list] == [f"S{i:03d}" for i in range(4, -1, -1)]


# Speed: same number of queries for 20 and 20,000 stories ---------------------------------


def _bulk_stories(count, user, round_):
    domains = list(Domain.objects.all())
    stories = Story.objects.bulk_create(
        [
            Story(
                title=f"Fortælling {i}",
                text="Jeg har fået et arbejde, og det betyder alt.",
                employment_type=Story.Employment.choices[i % 8][0],
                collected_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=i % 900),
                collected_by=user,
                round=round_,
                status="ready" if i % 3 else "draft",
                storyteller_code=f"B-{i % 9000}",
                consent_analysis_on=datetime.date(2020, 1, 1) if i % 2 else None,
                consent_report_on=datetime.date(2020, 1, 1) if i % 4 == 1 else None,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    Through = Story.domains.through
    Through.objects.bulk_create(
        [
            Through(story_id=s.pk, domain_id=domains[j % len(domains)].pk)
            for n, s in enumerate(stories)
            for j in (n, n + 3)
        ],
        batch_size=5000,
    )
    # What autovacuum does on a live server after a bulk load: plans follow the data.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE stories_story, stories_story_domains")


LIST_QUERIES = [
    "",
    "q=arbejde",
    "status=ready&consent=report&employment_type=voluntary",
    "domain={domain}&date_from=2019-01-01&date_to=2021-12-31",
]


def _count_queries(client, url):
    """(queries, response) of one view."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_every_story_list_uses_as_many_queries_for_20000_stories_as_for_20(
    staff_client, manager_client, staff_user
):
    """Each filter of staff's list and the manager's search, counted with 20 stories and
    again with 20,000 (loaded once for them all)."""
    round_ = make_round("R")
    glaede = Domain.objects.get(slug="glaede").pk
    views = [(staff_client, "/stories/?" + q.format(domain=glaede)) for q in LIST_QUERIES]
    views.append((manager_client, "/stories/?q=arbejde"))
    _bulk_stories(20, staff_user, round_)
    small = [_count_queries(client, url)[0] for client, url in views]
    _bulk_stories(19_980, staff_user, round_)
    assert Story.objects.count() == 20_000
    counted = [_count_queries(client, url) for client, url in views]
    assert len(counted[0][1].context["page"].object_list) == 50  # the unfiltered list
    large = [n for n, _response in counted]
    # (a client's first view reads its session's user once more)
    assert all(n <= m for n, m in zip(large, small, strict=True)), (small, large)


# Indexes: EXPLAIN on PostgreSQL -----------------------------------------------------------


def _plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")


def _filtered(**data):
    form = StoryFilterForm(data)
    assert form.is_valid(), form.errors
    # The filter alone, without ORDER BY/LIMIT.
    return form.filter(Story.objects.all()).order_by()


@pytest.fixture
def indexed_table(staff_user):
    _bulk_stories(500, staff_user, make_round("R"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE stories_story")
        cursor.execute("ANALYZE stories_story_domains")


def _index_names(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.postgres
def test_fulltext_gin_index_exists_with_the_danish_configuration(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'story_fulltext_danish'")
        (definition,) = cursor.fetchone()
        cursor.execute(
            "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d "
            "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
            "WHERE d.adrelid = 'stories_story'::regclass AND a.attname = 'search_document'"
        )
        (generated,) = cursor.fetchone()
    assert "USING gin (search_document)" in definition
    assert "'danish'::regconfig" in generated


@pytest.mark.postgres
def test_stored_search_document_follows_edits(db):
    story = Story.objects.create(
        title="Titel",
        text="Jeg arbejder i haven",
        employment_type="other",
        collected_on="2020-01-01",
    )
    assert list(search(Story.objects.all(), "arbejde")) == [story]
    Story.objects.filter(pk=story.pk).update(text="Jeg maler billeder")
    assert list(search(Story.objects.all(), "arbejde")) == []
    assert list(search(Story.objects.all(), "male")) == [story]


@pytest.mark.postgres
def test_search_uses_the_gin_index(indexed_table):
    plan = _plan(_filtered(q="arbejde"))
    assert "story_fulltext_danish" in plan, plan


@pytest.mark.postgres
@pytest.mark.parametrize(
    "data_factory, index_pattern",
    [
        (lambda: {"status": "draft"}, r"story_status"),
        (lambda: {"employment_type": "voluntary"}, r"story_employment"),
        (lambda: {"consent": "analysis"}, r"story_consent_analysis"),
        (lambda: {"consent": "report"}, r"story_consent_report"),
        (lambda: {"consent": "publish"}, r"story_consent_publish"),
        (lambda: {"consent": "withdrawn"}, r"story_withdrawn_at"),
        (lambda: {"consent": "none"}, r"story_(consent|withdrawn)"),
        (lambda: {"storyteller_code": "B-17"}, r"story_teller_code"),
        (lambda: {"date_from": "2020-01-01"}, r"story_collected_on"),
        (lambda: {"date_to": "2019-02-01"}, r"story_collected_on"),
        (
            lambda: {"round": Story.objects.values_list("round_id", flat=True).first()},
            r"stories_story_round_id",
        ),
        (
            lambda: {"collector": Story.objects.values_list("collected_by_id", flat=True)[0]},
            r"stories_story_collected_by_id",
        ),
        (
            lambda: {"domain": Domain.objects.get(slug="laering").pk},
            r"stories_story_domains_domain_id",
        ),
    ],
)
def test_every_filter_uses_an_index(indexed_table, data_factory, index_pattern):
    plan = _plan(_filtered(**data_factory()))
    assert "Seq Scan" not in plan, plan
    assert re.search(index_pattern, plan), plan


@pytest.mark.postgres
def test_default_list_order_uses_the_newest_index(indexed_table):
    plan = _plan(Story.objects.order_by("-created_at", "-id")[:50])
    assert "story_newest" in plan, plan


@pytest.mark.postgres
def test_the_filter_indexes_exist(db):
    names = _index_names("stories_story")
    assert {
        "story_newest",
        "story_status",
        "story_employment",
        "story_collected_on",
        "story_teller_code",
        "story_consent_analysis",
        "story_consent_report",
        "story_consent_publish",
        "story_withdrawn_at",
        "story_fulltext_danish",
    } <= names


def test_a_search_of_thousands_of_words_is_refused_beside_the_field_not_a_503(staff_client):
    make_story(title="Arbejde")
    huge = " ".join(["\xa0ord"] * 3000)
    response = staff_client.get("/stories/", {"q": huge})
    assert response.status_code == 200
    assert "Søg efter højst 200 tegn" in response.content.decode()
    assert staff_client.get("/stories/", {"q": "arbejde"}).status_code == 200
