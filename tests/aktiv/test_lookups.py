"""aktiv.lookups.get_or_404: the object, or a 404; only for unique fields."""

import pytest
from django.http import Http404

from aktiv.lookups import get_or_404
from domains.models import Domain

pytestmark = pytest.mark.django_db


def test_finds_by_a_unique_field_and_by_primary_key():
    domain = Domain.objects.get(slug="glaede")
    assert get_or_404(Domain, slug="glaede") == domain
    assert get_or_404(Domain, pk=domain.pk).name == domain.name


def test_a_missing_row_is_a_404_and_odd_input_is_just_missing():
    with pytest.raises(Http404):
        get_or_404(Domain, slug="findes-ikke")
    with pytest.raises(Http404):
        get_or_404(Domain, slug="'; DROP TABLE domains_domain; --")
    assert Domain.objects.filter(slug="glaede").exists()


def test_refuses_a_field_that_is_not_unique():
    with pytest.raises(ValueError):
        get_or_404(Domain, name="Glæde")


def test_unknown_pages_still_answer_404(staff_client, facilitator_client):
    assert staff_client.get("/domains/findes-ikke/").status_code == 404
    assert facilitator_client.get("/workshops/999999/results/").status_code == 404


def test_a_primary_key_that_is_not_a_number_is_a_404():
    with pytest.raises(Http404):
        get_or_404(Domain, pk="abc")


def test_fetch_matches_the_orm_field_by_field_whatever_the_column_order():
    from django.forms.models import model_to_dict

    from aktiv.lookups import fetch
    from tests.workshops.factories import make_workshop
    from workshops.models import Workshop

    workshop = make_workshop(title="Kolonner", status=Workshop.Status.CLOSED, votes=2)
    (fetched,) = fetch(Workshop, "SELECT * FROM workshops_workshop WHERE id = %s", [workshop.pk])
    fields = [f.attname for f in Workshop._meta.concrete_fields]
    orm = Workshop.objects.get(pk=workshop.pk)
    assert {f: getattr(fetched, f) for f in fields} == {f: getattr(orm, f) for f in fields}
    assert model_to_dict(fetched, exclude=["domains"]) == model_to_dict(orm, exclude=["domains"])

    # A subset in reverse order, plus an extra column: the rest loads when asked for.
    (domain,) = fetch(
        Domain,
        "SELECT slug, id, 42 AS answer FROM domains_domain WHERE slug = %s",
        ["glaede"],
        extra=1,
    )
    assert (domain.slug, domain.answer) == ("glaede", 42)
    assert domain.name == Domain.objects.get(slug="glaede").name


@pytest.mark.postgres
def test_prepared_lookups_survive_a_column_added_while_running():
    from django.db import connection

    assert connection.settings_dict["OPTIONS"].get("prepare_threshold") == 5
    for _ in range(7):  # prepared from the fifth run on
        assert get_or_404(Domain, slug="glaede").slug == "glaede"
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE domains_domain ADD COLUMN added_by_a_migration integer")
    # A prepared SELECT * would now fail: "cached plan must not change result type".
    assert get_or_404(Domain, slug="glaede").slug == "glaede"


def test_fetch_refuses_fields_that_need_a_conversion():
    from aktiv.lookups import fetch
    from aktiv.models import AuditEvent

    with pytest.raises(ValueError):
        fetch(AuditEvent, "SELECT id, detail FROM aktiv_auditevent", [])


def test_fetch_off_postgresql_goes_through_the_orms_conversions(monkeypatch):
    from django.db import connection

    from aktiv.lookups import fetch

    monkeypatch.setattr(connection, "vendor", "sqlite")  # as under `make run`
    (domain,) = fetch(Domain, "SELECT id, slug FROM domains_domain WHERE slug = %s", ["glaede"])
    assert domain.slug == "glaede"
