import pytest
from django.db import connections
from django.urls import reverse

from aktiv import audit
from aktiv.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_database_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_database_is_down(client):
    conn = connections["default"]
    original_port = conn.settings_dict["PORT"]
    conn.close()
    conn.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
    finally:
        conn.close()
        conn.settings_dict["PORT"] = original_port
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_pages_show_danish_503_when_database_is_down(staff_client):
    conn = connections["default"]
    original_port = conn.settings_dict["PORT"]
    conn.close()
    conn.settings_dict["PORT"] = "1"
    try:
        response = staff_client.get("/domains/")
        assert response.status_code == 503
        assert "Prøv igen om lidt" in response.content.decode()
    finally:
        conn.close()
        conn.settings_dict["PORT"] = original_port


def test_unknown_url_gives_danish_404_in_site_layout(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Siden findes ikke" in body
    assert 'lang="da"' in body
    assert "Tilgængelighedserklæring" in body


def test_server_error_gives_danish_500_without_traceback(rf):
    from aktiv.views import server_error

    request = rf.get("/")
    try:
        raise ValueError("secret detail")
    except ValueError:
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Der skete en fejl" in body
    assert "secret detail" not in body and "Traceback" not in body


def test_anonymous_start_page_offers_login_and_join_code(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Log ind" in body
    assert 'name="code"' in body


@pytest.mark.parametrize(
    "fixture, expected, unexpected",
    [
        ("staff_client", "Skriv en ny fortælling", "Planlæg en workshop"),
        ("facilitator_client", "Planlæg en workshop", "Skriv en ny fortælling"),
        ("manager_client", "Læs læringsrapporten", "Skriv en ny fortælling"),
        ("admin_client_", "Læs revisionsloggen", "Din bruger har endnu ingen rolle"),
    ],
)
def test_start_page_shows_each_role_what_to_do_next(request, fixture, expected, unexpected):
    client = request.getfixturevalue(fixture)
    body = client.get("/").content.decode()
    assert expected in body
    assert unexpected not in body


def test_login_page_is_danish(client):
    body = client.get(reverse("login")).content.decode()
    assert "Brugernavn" in body and "Adgangskode" in body


def test_wrong_password_shows_danish_message_and_keeps_username(client, staff_user):
    response = client.post(reverse("login"), {"username": "medarbejder", "password": "forkert"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "korrekt brugernavn og adgangskode" in body
    assert 'value="medarbejder"' in body
    assert "Glemt adgangskode?" in body


def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    body = response.content.decode()
    assert 'lang="en"' in body
    assert "Welcome to Aktiv" in body


def test_dates_are_danish(client):
    from datetime import date

    from django.utils import formats, translation

    with translation.override("da"):
        assert formats.date_format(date(2026, 11, 27), "DATE_FORMAT") == "27. november 2026"


def test_accessibility_and_privacy_pages_are_prefilled(client):
    for name, text in [("accessibility", "WCAG"), ("privacy", "Datatilsynet")]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert text in response.content.decode()


def test_audit_log_page_is_for_administrators_only(client, staff_client, manager_client):
    assert client.get("/audit/").status_code == 302
    assert staff_client.get("/audit/").status_code == 403
    assert manager_client.get("/audit/").status_code == 403


def test_audit_log_filters_by_user_action_and_date(admin_client_, staff_user, manager_user):
    audit.record(staff_user, audit.Action.EDIT, object_type="domains.domain", label="GLÆDE")
    audit.record(manager_user, audit.Action.EXPORT, object_type="reports", label="Rapport")
    response = admin_client_.get("/audit/", {"user": staff_user.pk})
    events = list(response.context["page"])
    assert [e.username for e in events] == ["medarbejder"]
    response = admin_client_.get("/audit/", {"action": "export"})
    assert [e.action for e in response.context["page"]] == ["export"]
    response = admin_client_.get("/audit/", {"date_from": "2000-01-01", "date_to": "2000-01-02"})
    assert list(response.context["page"]) == []
    response = admin_client_.get("/audit/", {"date_from": "2001-01-02", "date_to": "2001-01-01"})
    assert "Til-datoen skal ligge efter fra-datoen." in response.content.decode()


def test_audit_log_page_has_fixed_query_count(
    admin_client_, staff_user, django_assert_max_num_queries
):
    for i in range(120):
        audit.record(staff_user, audit.Action.VIEW, object_type="stories.story", object_id=i)
    admin_client_.get("/audit/")  # the session's first request stamps its idle clock
    with django_assert_max_num_queries(8):
        response = admin_client_.get("/audit/")
    assert response.status_code == 200
    assert AuditEvent.objects.count() >= 120


def test_record_never_uses_story_text_as_label(staff_user):
    class FakeStory:
        pk = 7

        class _meta:
            label_lower = "stories.story"

        def audit_label(self):
            return "Fortælling #7"

        def __str__(self):
            return "Den hemmelige tekst"

    event = audit.record(staff_user, audit.Action.VIEW, FakeStory())
    assert event.object_label == "Fortælling #7"
    assert event.object_type == "stories.story" and event.object_id == "7"
