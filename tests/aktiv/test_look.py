"""Issue 13 without a browser: page titles, language of parts, the session keep-alive,
expired forms (staff and participants), error summaries, the login error, the frame."""

import re

import pytest
from django.test import Client

from aktiv import roles
from tests.factories import make_user, open_workshop, story_form_data
from tests.workshops.helpers import csrf_of, submit_choices

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response):
    return TITLE.search(response.content.decode()).group(1).strip()


def english(client):
    client.cookies["django_language"] = "en"
    return client


# 1. Page titles -------------------------------------------------------------------------


def test_a_page_title_is_the_page_then_aktiv(staff_client):
    assert title_of(staff_client.get("/stories/new/")) == "Ny fortælling – Aktiv"
    assert title_of(Client().get("/w/")) == "Stem i en workshop – Aktiv"


# 6. Language of parts -------------------------------------------------------------------


def test_danish_content_on_an_english_ballot_carries_lang_da():
    workshop = open_workshop(code="DANSKE")
    participant = english(Client())
    participant.get("/w/DANSKE/")
    html = participant.get("/w/DANSKE/stem/?gruppe=1").content.decode()
    assert '<html lang="en">' in html
    assert '<span class="domain-text" lang="da">' in html
    assert f'<span lang="da">{workshop.title}</span>' in html


def test_danish_content_on_an_english_page_is_marked_and_a_danish_page_is_left_alone(
    staff_client,
):
    from tests.factories import make_story

    story = make_story("Jeg fik mod på arbejdet")
    danish = staff_client.get(f"/stories/{story.pk}/").content.decode()
    assert '<span lang="da">Jeg fik mod på arbejdet</span>' not in danish
    english_page = english(staff_client).get(f"/stories/{story.pk}/").content.decode()
    assert '<span lang="da">Jeg fik mod på arbejdet</span>' in english_page
    assert '<span lang="da">Jeg har fået et arbejde' in english_page  # the story's text


# 8. The session warning's keep-alive and the kept form ------------------------------------


def test_signed_in_pages_tell_the_script_when_the_session_ends(staff_client, settings):
    html = staff_client.get("/").content.decode()
    idle = settings.SESSION_COOKIE_AGE - settings.SESSION_RENEW_SECONDS
    assert f'data-session-idle="{idle}"' in html
    assert 'data-session-ping="/session/keep-alive/"' in html
    assert "data-session-idle" not in Client().get("/").content.decode()


def test_keep_alive_renews_a_signed_in_session_and_refuses_others(staff_client):
    response = staff_client.post("/session/keep-alive/")
    assert response.status_code == 200
    assert response.json()["signed_in"] is True
    assert "sessionid" in response.cookies  # saved again: the idle time starts over
    assert Client().post("/session/keep-alive/").status_code == 401
    assert staff_client.get("/session/keep-alive/").status_code == 405


def test_the_login_page_and_an_expired_form_tell_the_browser_to_keep_the_text(staff_user):
    assert "data-keeps-saved-form" in Client().get("/accounts/login/").content.decode()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff_user)
    response = browser.post("/stories/new/", story_form_data())
    assert response.status_code == 403
    html = response.content.decode()
    assert "Siden er udløbet" in html
    assert "data-keeps-saved-form" in html
    assert 'href="/stories/"' in html  # the site's frame, with the menu
    assert "data-keeps-saved-form" not in browser.get("/").content.decode()


# 9. Participants whose form expired stay on the ballot ----------------------------------


def test_an_expired_ballot_form_shows_the_ballot_again_with_the_choices():
    workshop = open_workshop(code="UDGAET")
    participant = Client(enforce_csrf_checks=True)
    participant.get("/w/UDGAET/")
    participant.get("/w/UDGAET/stem/?gruppe=1")
    participant.cookies.pop("csrftoken", None)  # e.g. a phone that cleared its cookies
    response = participant.post(
        "/w/UDGAET/stem/", {"csrfmiddlewaretoken": "x" * 64, "gruppe": 1, "d": ["glaede"]}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Siden var udløbet" in html
    assert 'value="glaede" id="d-glaede" checked' in html
    assert 'action="/w/UDGAET/stem/"' in html  # the ballot, not the staff page
    assert 'href="/"' not in html[html.index("<main") :]
    assert workshop.ballots.count() == 0


def test_an_expired_confirmation_leads_back_to_the_ballot_with_the_choices():
    workshop = open_workshop(code="BEKRFT")
    participant = Client(enforce_csrf_checks=True)
    confirm = submit_choices(participant, workshop, 2, ["glaede", "laering"])
    participant.cookies.pop("csrftoken", None)
    response = participant.post(
        "/w/BEKRFT/bekraeft/",
        {"csrfmiddlewaretoken": csrf_of(confirm), "gruppe": 2, "d": ["glaede", "laering"]},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert 'value="laering" id="d-laering" checked' in html
    assert 'name="gruppe" value="2"' in html


# 11. Errors: a summary first, the login error tied to the fields --------------------------


def test_a_form_with_errors_starts_with_a_summary_linking_to_the_fields(staff_client):
    response = staff_client.post("/stories/new/", story_form_data(title="", text=""))
    html = response.content.decode()
    summary = html[html.index("data-error-summary") :]
    assert summary.index("data-error-summary") < summary.index("<form")
    assert 'href="#id_title"' in summary
    assert 'href="#id_text"' in summary


def test_a_wrong_password_is_said_beside_both_fields(db):
    make_user(roles.STAFF, username="anna")
    response = Client().post("/accounts/login/", {"username": "anna", "password": "forkert"})
    html = response.content.decode()
    assert "versalfølsomme" not in html
    assert 'id="login-error"' in html
    for name in ("username", "password"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-describedby="login-error"' in field
        assert 'aria-invalid="true"' in field


# The frame -----------------------------------------------------------------------------


def test_the_header_names_the_organisation_and_marks_the_current_section(staff_client, settings):
    settings.AKTIV_ORGANISATION_NAME = "Aalborg Kommune"
    html = staff_client.get("/stories/").content.decode()
    assert "Aalborg Kommune" in html
    assert '<a href="/stories/" aria-current="page">' in html
    assert '<details class="mobile-menu' in html  # the phone menu needs no script
    assert 'rel="icon"' in html


def menu_of(response):
    html = response.content.decode()
    return html[html.index('<ul class="site-menu-list">') : html.index("</ul>")]


def test_the_kept_menu_follows_the_roles_the_section_and_the_language(
    staff_client, manager_client, admin_client_
):
    """The menu, footer and session words are kept in the "frame" cache: the kept copy
    must never carry one reader's links, current section or language to another."""
    staff = menu_of(staff_client.get("/stories/"))
    assert "Kodning" in staff and "Workshops" not in staff and "Revisionslog" not in staff
    assert '<a href="/stories/" aria-current="page">' in staff
    assert '<a href="/domains/" aria-current="page">' in menu_of(staff_client.get("/domains/"))
    manager = menu_of(manager_client.get("/stories/"))
    assert "Workshops" in manager and "Kodning" not in manager
    assert "Revisionslog" in menu_of(admin_client_.get("/audit/"))
    english_page = english(staff_client).get("/stories/")
    assert '<a href="/stories/" aria-current="page">Stories</a>' in menu_of(english_page)
    assert "Privacy notice" in english_page.content.decode()
    danish_again = Client()
    danish_again.force_login(make_user(roles.STAFF, username="anden"))
    assert ">Fortællinger</a>" in menu_of(danish_again.get("/stories/"))


def test_the_account_tools_are_in_the_header_band_and_the_phone_menu_alike(staff_client):
    """Rendered once ({% capture %}), shown twice: the reader's own name, a language switch
    back to this page and a sign-out, each with a working token."""
    response = staff_client.get("/stories/?side=1")
    html = response.content.decode()
    found = list(re.finditer(r'<div class="account-tools">.*?</form>\s*</div>', html, re.S))
    assert len(found) == 2 and found[0].group() == found[1].group()
    assert found[0].start() < html.index('<details class="mobile-menu') < found[1].start()
    tools = found[0].group()
    assert 'name="next" type="hidden" value="/stories/?side=1"' in tools
    assert f"</span>{response.wsgi_request.user.get_username()}</span>" in tools
    assert '<button class="btn btn-outline-primary" type="submit">Log ud</button>' in tools
    assert tools.count('name="csrfmiddlewaretoken"') == 2
