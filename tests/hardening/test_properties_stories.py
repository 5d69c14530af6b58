"""Property-based tests of every story form: any input, never a 500; either the data is
stored exactly as typed (after the documented strip) or a field error is shown and
nothing is saved."""

import datetime
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domains.models import Domain
from stories.models import CollectionRound, Erasure, Feedback, PendingImport, Story
from tests.factories import make_story
from tests.hardening.conftest import assert_no_server_error, rolled_back
from tests.hardening.strategies import (
    any_text,
    as_stored,
    date_text,
    drop_some,
    either,
    past_date,
)
from tests.invariants import assert_invariants

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ("title", "text", "significance")
CONSENT_VALUES = st.one_of(st.sampled_from(["", "on", "true", "false", "0"]), any_text)


@st.composite
def story_post(draw):
    domain_ids = [str(pk) for pk in Domain.objects.filter(is_active=True).values_list("pk")]
    round_ids = [str(pk) for pk in CollectionRound.objects.values_list("pk", flat=True)]
    data = {
        "title": draw(either(st.just("Jeg fik et job"))),
        "text": draw(either(st.just("Jeg arbejder nu i et køkken."))),
        "significance": draw(either(st.just(""))),
        "told_by": draw(either(st.sampled_from(Story.ToldBy.values))),
        "storyteller_code": draw(
            either(st.one_of(st.just(""), st.from_regex(r"\A[A-ZÆØÅa-z]{1,3}-\d{1,5}\Z")))
        ),
        "employment_type": draw(either(st.sampled_from(Story.Employment.values))),
        "round": draw(either(st.sampled_from(["", *round_ids]))),
        "collected_on": draw(st.one_of(past_date, date_text)),
        "collected_by": draw(either(st.just(""))),
        "method": draw(either(st.sampled_from(Story.Method.values))),
        "read_back_on": draw(date_text),
        "domains": draw(st.lists(either(st.sampled_from(domain_ids)), max_size=4)),
        "status": draw(either(st.sampled_from(Story.Status.values))),
    }
    for scope in Story.CONSENT_SCOPES:
        data[f"consent_{scope}"] = draw(CONSENT_VALUES)
        data[f"consent_{scope}_on"] = draw(date_text)
    return drop_some(draw, data)


def _checked(value):
    """How Django's CheckboxInput reads a posted value: anything but "" and "false" is on."""
    return bool(value) and value.lower() != "false"


def _assert_stored_as_typed(story, data):
    for name in TEXT_FIELDS:
        assert getattr(story, name) == as_stored(data.get(name, "")), name
    assert story.storyteller_code == (as_stored(data.get("storyteller_code", "")) or "").upper()
    for name in ("told_by", "employment_type", "method", "status"):
        assert getattr(story, name) == data[name], name
    assert story.collected_on.isoformat() == data["collected_on"].strip()
    assert {str(pk) for pk in story.domains.values_list("pk", flat=True)} == {
        d.strip() for d in data.get("domains", [])
    }
    for scope in Story.CONSENT_SCOPES:
        given_on = getattr(story, f"consent_{scope}_on")
        if _checked(data.get(f"consent_{scope}", "")):
            assert given_on.isoformat() == data[f"consent_{scope}_on"].strip(), scope
        else:
            assert given_on is None, scope


def _assert_rejected(response, data, what):
    assert response.status_code == 200, what
    form = response.context["form"]
    assert form.errors, what
    # The typed input comes back in the form.
    for name in TEXT_FIELDS:
        if name in data:
            assert form[name].value() == data[name], name
    for name in TEXT_FIELDS:
        if name in data and as_stored(data[name]) is None:
            assert name in form.errors, name
            assert "styretegn" in str(form.errors[name]) or "CPR" in str(form.errors[name])


def _snapshot(story):
    story.refresh_from_db()
    values = {f.attname: getattr(story, f.attname) for f in Story._meta.concrete_fields}
    values["domains"] = sorted(story.domains.values_list("pk", flat=True))
    return values


@given(data=story_post())
def test_story_create_form_with_any_input(staff_c, data):
    with rolled_back():
        before = Story.objects.count()
        response = staff_c.post("/stories/new/", data)
        assert_no_server_error(response, "create")
        if response.status_code == 302:
            story = Story.objects.latest("id")
            assert Story.objects.count() == before + 1
            _assert_stored_as_typed(story, data)
        else:
            _assert_rejected(response, data, "create")
            assert Story.objects.count() == before
        assert_invariants()


@given(data=story_post())
def test_story_edit_form_with_any_input(staff_c, staff_user, data):
    with rolled_back():
        story = make_story(consent=("analysis",), user=staff_user, storyteller_code="B-001")
        before = _snapshot(story)
        response = staff_c.post(f"/stories/{story.pk}/edit/", data)
        assert_no_server_error(response, "edit")
        if response.status_code == 302:
            story.refresh_from_db()
            _assert_stored_as_typed(story, data)
        else:
            _assert_rejected(response, data, "edit")
            assert _snapshot(story) == before
        assert_invariants()


@given(
    name=either(st.just("Runde 2022–2023")),
    starts_on=date_text,
    ends_on=date_text,
    drop=st.sets(st.sampled_from(["name", "starts_on", "ends_on"])),
)
def test_collection_round_form_with_any_input(staff_c, name, starts_on, ends_on, drop):
    data = {"name": name, "starts_on": starts_on, "ends_on": ends_on}
    data = {"save": "1", **{k: v for k, v in data.items() if k not in drop}}
    with rolled_back():
        before = CollectionRound.objects.count()
        response = staff_c.post("/stories/rounds/new/", data)
        assert_no_server_error(response, "round")
        if response.status_code == 302:
            round_ = CollectionRound.objects.latest("id")
            assert round_.name == as_stored(data["name"])
            for field in ("starts_on", "ends_on"):
                value = getattr(round_, field)
                typed = data.get(field, "").strip()
                assert (value.isoformat() if value else "") == typed
        else:
            assert response.context["form"].errors
            assert CollectionRound.objects.count() == before
            if "name" in data and as_stored(data["name"]) is None:
                assert "name" in response.context["form"].errors


@given(confirm=st.one_of(st.sampled_from(["on", "", "false", "0", "False"]), any_text))
def test_withdraw_confirmation_with_any_input(staff_c, staff_user, confirm):
    with rolled_back():
        story = make_story(consent=("analysis", "report"), user=staff_user)
        response = staff_c.post(
            f"/stories/{story.pk}/withdraw/", {"scope": "all", "confirm": confirm}
        )
        assert_no_server_error(response, "withdraw")
        story.refresh_from_db()
        if _checked(confirm):
            assert response.status_code == 302 and story.is_withdrawn
        else:
            assert response.status_code == 200 and response.context["form"].errors
            assert not story.is_withdrawn and story.consent_analysis_on is not None
        assert_invariants()


@given(confirm=st.one_of(st.sampled_from(["on", "", "false", "0"]), any_text))
def test_erase_confirmation_with_any_input(staff_c, confirm):
    with rolled_back():
        story = make_story()
        response = staff_c.post(f"/stories/{story.pk}/erase/", {"confirm": confirm})
        assert_no_server_error(response, "erase")
        erased = not Story.objects.filter(pk=story.pk).exists()
        assert erased == _checked(confirm)
        assert Erasure.objects.filter(story_id=story.pk).exists() == erased
        if not erased:
            assert response.context["form"].errors
        assert_invariants()


@given(
    given_on=st.one_of(past_date, date_text),
    how=either(st.sampled_from(Feedback.How.values)),
    drop=st.sets(st.sampled_from(["given_on", "how"])),
)
def test_feedback_form_with_any_input(staff_c, given_on, how, drop):
    data = {"given_on": given_on, "how": how}
    data = {"save": "1", **{k: v for k, v in data.items() if k not in drop}}
    with rolled_back():
        story = make_story()
        response = staff_c.post(f"/stories/{story.pk}/feedback/", data)
        assert_no_server_error(response, "feedback")
        if response.status_code == 302:
            feedback = Feedback.objects.get(story=story)
            assert feedback.how == data["how"]
            assert feedback.given_on.isoformat() == data["given_on"].strip()
        else:
            assert response.context["form"].errors
            assert not Feedback.objects.filter(story=story).exists()


FILTER_KEYS = [
    "q",
    "domain",
    "employment_type",
    "round",
    "status",
    "consent",
    "collector",
    "storyteller_code",
    "date_from",
    "date_to",
    "side",
]


@given(params=st.dictionaries(st.sampled_from(FILTER_KEYS), any_text, max_size=6))
def test_story_list_filters_and_exports_with_any_input(staff_c, manager_c, params):
    with rolled_back():
        for client in (staff_c, manager_c):
            for url in ("/stories/", "/stories/export.csv"):
                response = client.get(url, params)
                assert_no_server_error(response, url)
                assert response.status_code == 200
                if url == "/stories/":
                    form = response.context["form"]
                    if "q" in params and as_stored(params["q"]) is None:
                        assert "q" in form.errors
                else:
                    b"".join(response.streaming_content)


@given(
    params=st.dictionaries(st.sampled_from(["domain", "side"]), any_text, max_size=2),
)
def test_public_page_with_any_parameters(anon_c, params):
    response = anon_c.get("/public/stories/", params)
    assert_no_server_error(response, "public")
    assert response.status_code == 200


# Import -----------------------------------------------------------------------------------


@given(raw=st.one_of(st.binary(max_size=5000), st.text().map(lambda t: t.encode("utf-8"))))
def test_import_upload_with_random_bytes(staff_c, raw):
    with rolled_back():
        before = Story.objects.count()
        upload = io.BytesIO(raw)
        upload.name = "fortaellinger.csv"
        response = staff_c.post("/stories/import/", {"file": upload})
        assert_no_server_error(response, "import")
        if response.status_code == 302:
            preview = staff_c.get(response["Location"])
            assert_no_server_error(preview, "import preview")
        else:
            assert response.status_code == 200 and response.context["form"].errors
        assert Story.objects.count() == before  # nothing is saved before confirmation


def _csv_cell(value):
    return '"' + value.replace('"', '""') + '"'


@given(
    title=either(st.just("Jeg fik et job")),
    text=either(st.just("Min fortælling.")),
    significance=any_text,
    employment=either(st.just("Job med løntilskud")),
    code=either(st.just("B-017")),
    round_name=either(st.just("")),
    domains=either(st.just("GLÆDE")),
)
def test_import_of_a_csv_with_any_cell_text(
    staff_c, title, text, significance, employment, code, round_name, domains
):
    header = "titel;fortaelling;betydning;beskaeftigelse;fortaellerkode;runde;domaener;"
    header += "indsamlet_dato;status"
    cells = [title, text, significance, employment, code, round_name, domains]
    line = ";".join(_csv_cell(c) for c in cells) + ";2021-03-04;klar"
    raw = (header + "\r\n" + line + "\r\n").encode("utf-8")
    with rolled_back():
        before = Story.objects.count()
        upload = io.BytesIO(raw)
        upload.name = "fortaellinger.csv"
        response = staff_c.post("/stories/import/", {"file": upload})
        assert_no_server_error(response, "import")
        if response.status_code != 302:
            assert response.context["form"].errors
            assert Story.objects.count() == before
            return
        token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        assert_no_server_error(staff_c.get(response["Location"]), "preview")
        pending = PendingImport.objects.get(token=token)
        confirm = staff_c.post(response["Location"], {"action": "save"})
        assert_no_server_error(confirm, "confirm")
        if pending.has_problems:
            assert Story.objects.count() == before
            return
        assert Story.objects.count() == before + 1
        story = Story.objects.latest("id")
        # Every cell follows the text rule of the forms (NFC, \n, strip).
        for field, typed in (("title", title), ("text", text), ("significance", significance)):
            assert getattr(story, field) == as_stored(typed), field
        assert story.collected_on == datetime.date(2021, 3, 4)
        assert_invariants()
