"""Finding 8: a typo in a domain's icon field broke voting (a 500 on the ballot, cards,
paper ballots and selection with DEBUG off). The icon is a choice of the icons that
exist, and a stored name that is not one is drawn as the default icon."""

import pytest
from django.test import Client

from domains import icons
from domains.models import Domain
from tests.factories import make_story, make_workshop, open_workshop
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def test_the_icon_choices_are_the_files_that_exist():
    names = icons.available()
    assert "glaede" in names and "default" in names
    assert [value for value, _label in icons.choices()][0] == ""
    assert icons.path_of("glaede") == "domains/icons/glaede.svg"
    assert icons.path_of("glaed") == "domains/icons/default.svg"
    assert icons.path_of("../../settings") == "domains/icons/default.svg"


def test_the_domain_form_refuses_an_icon_that_does_not_exist(staff_client):
    domain = Domain.objects.get(slug="glaede")
    response = staff_client.post(
        "/domains/glaede/edit/",
        {
            "name": domain.name,
            "slug": domain.slug,
            "statement": domain.statement,
            "order": str(domain.order),
            "is_active": "on",
            "icon": "glaed",
        },
    )
    assert response.status_code == 200
    assert "icon" in response.context["form"].errors
    assert Domain.objects.get(slug="glaede").icon == "glaede"


def test_a_stored_icon_that_does_not_exist_never_breaks_a_page(facilitator_client):
    """The old data: a typo saved before the rule (or a file removed since)."""
    Domain.objects.filter(slug="glaede").update(icon="glaed")
    workshop = open_workshop(code="ECKNAB")
    staff_ws = make_workshop(kind=Workshop.Kind.STAFF)
    make_story(domains=["glaede"], consent=("analysis",))
    participant = Client(raise_request_exception=False)
    participant.get("/w/ECKNAB/")
    pages = [
        (participant, "/w/ECKNAB/stem/?gruppe=1"),
        (facilitator_client, f"/workshops/{workshop.pk}/cards/"),
        (facilitator_client, f"/workshops/{workshop.pk}/paper-ballots/"),
        (facilitator_client, f"/workshops/{staff_ws.pk}/selection/"),
    ]
    facilitator_client.raise_request_exception = False
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        if "paper-ballots" not in url:  # the paper ballot has no icons (two fit an A4 page)
            assert "domains/icons/default" in response.content.decode(), url
