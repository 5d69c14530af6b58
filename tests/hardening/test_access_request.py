"""The administrator's access-request page: who read the stories of one storyteller code."""

import pytest

from aktiv import audit
from aktiv.models import AuditEvent
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db

URL = "/stories/access-request/"


def _view(user, story, **detail):
    return audit.record(user, audit.Action.VIEW, story, **detail)


def test_access_request_is_for_administrators_only(client, staff_client, manager_client):
    assert client.get(URL).status_code == 302
    assert staff_client.get(URL).status_code == 403
    assert manager_client.get(URL).status_code == 403


def test_access_request_lists_views_of_that_code_only(admin_client_, staff_user, manager_user):
    mine = make_story(storyteller_code="B-017")
    mine_later = make_story(storyteller_code="B-017")
    other = make_story(storyteller_code="B-018")
    _view(staff_user, mine)
    _view(manager_user, mine_later)
    _view(staff_user, mine, side="tilbagemeldingsbrev")
    _view(staff_user, other)
    audit.record(staff_user, audit.Action.EDIT, mine)  # not a view

    response = admin_client_.get(URL, {"code": " b-017 "})
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert len(rows) == 3
    assert {r.object_id for r in rows} == {str(mine.pk), str(mine_later.pk)}
    assert {r.username for r in rows} == {"medarbejder", "leder"}
    body = response.content.decode()
    assert f"Fortælling #{mine.pk}" in body and f"Fortælling #{other.pk}" not in body
    assert "tilbagemeldingsbrev" in body
    assert "slettet fortælling har ingen fortællerkode" in body


def test_access_request_explains_erased_stories_and_unknown_codes(admin_client_):
    body = admin_client_.get(URL, {"code": "Z-999"}).content.decode()
    assert "ingen fortællinger med den kode" in body


def test_access_request_shows_danish_error_for_a_bad_code(admin_client_):
    response = admin_client_.get(URL, {"code": "Jens Hansen"})
    assert response.status_code == 200
    assert "Skriv en kode som B-017" in response.content.decode()
    assert not AuditEvent.objects.filter(object_type="aktiv.accessrequest").exists()


def test_access_request_is_itself_audited(admin_client_):
    make_story(storyteller_code="B-017")
    admin_client_.get(URL, {"code": "B-017"})
    event = AuditEvent.objects.get(object_type="aktiv.accessrequest")
    assert event.detail == {"fortaellerkode": "B-017", "fortaellinger": 1}


def test_access_request_paginates_with_fixed_query_count(
    admin_client_, staff_user, django_assert_max_num_queries
):
    stories = [make_story(storyteller_code="B-017") for _ in range(3)]
    _view(staff_user, stories[0])
    with django_assert_max_num_queries(9) as small:
        admin_client_.get(URL, {"code": "B-017"})
    readers = [make_user(username=f"laeser{i}") for i in range(5)]
    for i in range(130):
        _view(readers[i % 5], stories[i % 3])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = admin_client_.get(URL, {"code": "B-017", "side": "3"})
    assert response.context["page"].number == 3
    assert len(response.context["page"].object_list) == 131 - 100


def test_access_request_is_linked_from_audit_log_and_admin_start_page(admin_client_, staff_client):
    assert URL in admin_client_.get("/audit/").content.decode()
    assert URL in admin_client_.get("/").content.decode()
    assert URL not in staff_client.get("/").content.decode()
