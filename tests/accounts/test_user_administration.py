"""User administration in the app: invite, roles, deactivation; every change audited."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from aktiv import roles
from aktiv.accounts import services
from aktiv.models import AuditEvent
from tests.factories import make_user

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_user_list_shows_roles_last_sign_in_and_two_factor(admin_client_, staff_user):
    body = admin_client_.get("/accounts/users/").content.decode()
    assert "medarbejder" in body and "Medarbejder" in body
    assert "Sidst logget ind" in body and "Aldrig" in body
    assert "Slået til" in body  # the administrator's TOTP
    assert "Ikke slået til" in body  # the staff user has none


def test_user_list_searches_and_is_for_administrators_only(admin_client_, admin_user, staff_client):
    make_user(roles.MANAGER, username="kirsten", email="kirsten@kommune.dk")
    body = admin_client_.get("/accounts/users/?q=kirsten").content.decode()
    assert "kirsten@kommune.dk" in body
    assert f'href="/accounts/users/{admin_user.pk}/"' not in body
    assert staff_client.get("/accounts/users/").status_code == 403


def test_invite_creates_the_user_with_roles_and_mails_a_link_to_choose_a_password(
    admin_client_, admin_user, mailoutbox, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            "/accounts/users/invite/",
            {
                "email": "ny@kommune.dk",
                "username": "ny",
                "first_name": "Ny",
                "last_name": "Kollega",
                "roles": [roles.STAFF, roles.FACILITATOR],
            },
        )
    user = User.objects.get(username="ny")
    assert response.status_code == 302 and response["Location"] == f"/accounts/users/{user.pk}/"
    assert set(user.groups.values_list("name", flat=True)) == {roles.STAFF, roles.FACILITATOR}
    assert not user.has_usable_password() and not user.is_superuser
    event = AuditEvent.objects.get(action="invite")
    assert (event.user, event.object_label) == (admin_user, "ny")
    assert event.detail["roller"] == [roles.FACILITATOR, roles.STAFF]

    [mail] = mailoutbox
    assert mail.to == ["ny@kommune.dk"] and mail.subject == "[Aktiv] Du er inviteret til Aktiv"
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.body).group(1)
    # The link lets the new user choose a password (Django's validators apply) and sign in.
    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    weak = client.post(form_url, {"password1": "1234", "password2": "1234"})
    assert "kort" in weak.content.decode()  # too short, and other validators
    client.post(form_url, {"password1": "lang-og-sikker-42", "password2": "lang-og-sikker-42"})
    assert (
        client.post(
            "/accounts/login/", {"username": "ny", "password": "lang-og-sikker-42"}
        ).status_code
        == 302
    )


def test_invite_refuses_a_taken_email_or_username_beside_the_field(admin_client_, staff_user):
    staff_user.email = "taget@kommune.dk"
    staff_user.save()
    response = admin_client_.post(
        "/accounts/users/invite/", {"email": "TAGET@kommune.dk", "username": "Medarbejder"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Der findes allerede en bruger med denne e-mail." in body
    assert "Brugernavnet er optaget." in body
    assert not AuditEvent.objects.filter(action="invite").exists()


def test_giving_and_taking_roles_is_audited(admin_client_, admin_user, staff_user):
    response = admin_client_.post(
        f"/accounts/users/{staff_user.pk}/", {"roles": [roles.MANAGER], "administrator": ""}
    )
    assert response.status_code == 302
    assert set(staff_user.groups.values_list("name", flat=True)) == {roles.MANAGER}
    event = AuditEvent.objects.get(action="roles")
    assert event.user == admin_user
    assert (event.detail["foer"], event.detail["roller"]) == ([roles.STAFF], [roles.MANAGER])
    # Saving the same roles again changes nothing and writes nothing.
    admin_client_.post(f"/accounts/users/{staff_user.pk}/", {"roles": [roles.MANAGER]})
    assert AuditEvent.objects.filter(action="roles").count() == 1


def test_an_administrator_keeps_their_own_rights_and_the_last_administrator_stays(admin_user):
    with pytest.raises(ValidationError):
        services.set_roles(admin_user, admin_user, roles=[], administrator=False)
    other = make_user(superuser=True, username="anden-admin")
    services.set_roles(admin_user, other, roles=[], administrator=False)
    other.refresh_from_db()
    assert not other.is_superuser
    with pytest.raises(ValidationError):
        services.deactivate_user(other, admin_user)  # the last active administrator
    with pytest.raises(ValidationError):
        services.deactivate_user(admin_user, admin_user)


def test_a_deactivated_user_cannot_sign_in_and_loses_the_session(
    admin_client_, staff_user, staff_client, client
):
    assert staff_client.get("/stories/").status_code == 200
    response = admin_client_.post(f"/accounts/users/{staff_user.pk}/deactivate/")
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert not staff_user.is_active
    assert staff_client.get("/stories/").status_code == 302  # signed out
    answer = client.post(
        "/accounts/login/", {"username": "medarbejder", "password": "correct-horse-9"}
    )
    assert answer.status_code in (200, 302) and "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="deactivate", object_label="medarbejder").exists()
    admin_client_.post(f"/accounts/users/{staff_user.pk}/reactivate/")
    staff_user.refresh_from_db()
    assert staff_user.is_active
    assert AuditEvent.objects.filter(action="reactivate").exists()


def test_user_detail_shows_the_users_recent_events(admin_client_, staff_user, admin_user):
    services.set_roles(admin_user, staff_user, roles=[roles.FACILITATOR], administrator=False)
    body = admin_client_.get(f"/accounts/users/{staff_user.pk}/").content.decode()
    assert "Roller ændret" in body and "Seneste hændelser" in body


def test_admin_start_page_and_header_link_the_user_administration(admin_client_):
    body = admin_client_.get("/").content.decode()
    assert body.count('href="/accounts/users/"') >= 2  # header and start page
    assert 'href="/accounts/users/invite/"' in body
