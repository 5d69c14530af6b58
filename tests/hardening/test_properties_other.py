"""Property-based tests of the remaining forms: domain, report text, login, audit filter,
access request, and the round/workshop choice on the domain pages and the report."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aktiv.models import AuditEvent
from domains.models import Domain
from reports.models import ReportText
from tests.hardening.conftest import assert_no_server_error, rolled_back
from tests.hardening.strategies import any_text, as_stored, date_text, drop_some, either
from tests.invariants import assert_invariants

pytestmark = pytest.mark.django_db


@st.composite
def domain_post(draw):
    data = {
        "name": draw(either(st.just("Tryghed"))),
        "slug": draw(either(st.from_regex(r"\A[a-z0-9-]{1,20}\Z"))),
        "statement": draw(either(st.just("Jeg føler mig tryg."))),
        "what_changes": draw(any_text),
        "what_creates_change": draw(any_text),
        "order": draw(either(st.integers(-10, 40_000).map(str))),
        "is_active": draw(st.sampled_from(["", "on"])),
        "icon": draw(either(st.sampled_from(["", "glaede", "tryghed-og-mod"]))),
    }
    return drop_some(draw, data)


@given(data=domain_post())
def test_domain_form_with_any_input(staff_c, data):
    with rolled_back():
        before = Domain.objects.count()
        response = staff_c.post("/domains/new/", data)
        assert_no_server_error(response, "domain")
        if response.status_code == 302:
            domain = Domain.objects.latest("id")
            assert domain.name == as_stored(data["name"])
            assert domain.slug == data["slug"].strip()
            assert domain.statement == as_stored(data["statement"])
            for field in ("what_changes", "what_creates_change"):
                assert getattr(domain, field) == as_stored(data.get(field, "")), field
            assert domain.icon == data.get("icon", "").strip()
            assert domain.order == int(data["order"])
        else:
            form = response.context["form"]
            assert form.errors
            assert Domain.objects.count() == before
            for name in ("name", "statement", "what_changes", "what_creates_change"):
                if name in data and as_stored(data[name]) is None:
                    assert name in form.errors, name


@given(
    title=either(st.just("Forord")),
    body=any_text,
    drop=st.sets(st.sampled_from(["title", "body"])),
)
def test_report_text_form_with_any_input(staff_c, title, body, drop):
    data = {"title": title, "body": body}
    data = {"save": "1", **{k: v for k, v in data.items() if k not in drop}}
    with rolled_back():
        before = ReportText.objects.get(key="preface")
        response = staff_c.post("/report/texts/preface/edit/", data)
        assert_no_server_error(response, "report text")
        after = ReportText.objects.get(key="preface")
        if response.status_code == 302:
            assert after.title == as_stored(data["title"])
            assert after.body == as_stored(data.get("body", ""))
        else:
            assert response.context["form"].errors
            assert (after.title, after.body) == (before.title, before.body)


@given(
    username=either(st.sampled_from(["medarbejder", "admin", ""])),
    password=either(st.sampled_from(["forkert", ""])),
)
def test_login_form_with_any_input(anon_c, staff_user, username, password):
    with rolled_back():
        response = anon_c.post("/accounts/login/", {"username": username, "password": password})
        assert_no_server_error(response, "login")
        assert response.status_code in (200, 429)  # a wrong password, or locked out
        assert "_auth_user_id" not in anon_c.session
        if response.status_code == 200:
            assert response.context["form"].errors


@given(
    params=st.dictionaries(
        st.sampled_from(["user", "action", "date_from", "date_to", "side"]),
        st.one_of(date_text, any_text, st.integers(-(2**70), 2**70).map(str)),
        max_size=5,
    )
)
def test_audit_filter_form_with_any_input(admin_c, params):
    response = admin_c.get("/audit/", params)
    assert_no_server_error(response, "audit")
    assert response.status_code == 200


@given(code=either(st.from_regex(r"\A[A-ZÆØÅa-zæøå]{1,3}-\d{1,6}\Z")), side=any_text)
def test_access_request_form_with_any_input(admin_c, code, side):
    with rolled_back():
        response = admin_c.get("/stories/access-request/", {"code": code, "side": side})
        assert_no_server_error(response, "access request")
        assert response.status_code == 200
        form = response.context["form"]
        logged = AuditEvent.objects.filter(object_type="aktiv.accessrequest").exists()
        if form.errors:
            assert not logged
        else:
            assert form.cleaned_data["code"] == (as_stored(code) or "").upper()


@given(
    params=st.dictionaries(
        st.sampled_from(["round", "workshop"]),
        st.one_of(any_text, st.integers(-(2**70), 2**70).map(str)),
        max_size=2,
    )
)
def test_round_and_workshop_choice_with_any_input(manager_c, params):
    for url in ("/domains/", "/domains/glaede/", "/report/"):
        response = manager_c.get(url, params)
        assert_no_server_error(response, url)
        assert response.status_code == 200


def test_hostile_text_round_trips_through_the_database_exactly(staff_user):
    """The strings the strategies use are stored and read back unchanged (no NUL)."""
    from tests.hardening.strategies import SPECIAL

    text = "".join(s for s in SPECIAL if s != "\x00") * 100
    ReportText.objects.filter(key="preface").update(body=text)
    assert ReportText.objects.get(key="preface").body == text
    assert_invariants()


def test_login_with_a_very_long_username_is_a_field_error_not_a_500(anon_c):
    """Found by the property test: AuthenticationForm never validated max_length, and
    django-axes' failure record (255 characters) crashed on a longer username."""
    response = anon_c.post("/accounts/login/", {"username": "x" * 300, "password": "forkert"})
    assert response.status_code == 200
    assert "Brugernavnet må højst være 254 tegn." in response.content.decode()
