"""Finding 3: a CPR number is refused in every field a person types into, in every app
and in the admin, with the variants that used to pass (a "CPR-" prefix glued on, an en
dash); nothing is stored. And finding 1/9's characters: a control character is refused
beside the field, never dropped silently."""

import pytest
from django.test import Client

from aktiv import roles
from aktiv.text import find_cpr
from tests.factories import make_user
from tests.hardening.text_targets import TARGETS, build_world, fields_of, form_of, stored_texts

pytestmark = pytest.mark.django_db

VARIANTS = ["CPR-010190-1234", "010190–1234", "cpr nr. 0101901234"]


@pytest.fixture
def clients(db):
    users = {
        "staff": make_user(roles.STAFF),
        "facilitator": make_user(roles.FACILITATOR),
        "admin": make_user(superuser=True),
    }
    result = {}
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        result[role] = client
    return result


def _cases():
    return [pytest.param(target, id=target.name) for target in TARGETS]


@pytest.mark.parametrize("target", _cases())
def test_a_cpr_number_is_refused_in_every_free_text_field(clients, target):
    world = build_world()
    for name in fields_of(target, world):
        for variant in VARIANTS:
            data = target.valid(world)
            data[name] = f"Borgeren {variant} sagde det selv"
            response = clients[target.role].post(target.url(world), data)
            assert response.status_code == 200, (target.name, name, response.status_code)
            form = form_of(response)
            assert name.split("-")[-1] in {k.split("-")[-1] for k in form.errors}, (
                target.name,
                name,
                form.errors,
            )
            assert "CPR-nummer" in str(form.errors)
            # What was typed comes back in the field, nothing is stored.
            assert variant in response.content.decode()
            assert not [t for w, t in stored_texts() if find_cpr(t)], (target.name, name)


@pytest.mark.parametrize("target", _cases())
def test_a_control_character_is_refused_beside_the_field(clients, target):
    world = build_world()
    for name in fields_of(target, world):
        data = target.valid(world)
        data[name] = "\x1f=1+1 Titel"
        response = clients[target.role].post(target.url(world), data)
        assert response.status_code == 200, (target.name, name)
        assert "styretegn" in str(form_of(response).errors), (target.name, name)
        assert not [t for w, t in stored_texts() if "\x1f" in t]


@pytest.mark.parametrize("target", _cases())
def test_the_valid_post_of_each_target_is_stored(clients, target):
    """The table above is right: without the CPR number each form saves."""
    world = build_world()
    response = clients[target.role].post(target.url(world), target.valid(world))
    assert response.status_code == 302, (target.name, form_of(response).errors)
