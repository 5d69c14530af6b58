import pytest
from django.urls import reverse

from aktiv.models import AuditEvent
from domains import seed
from domains.models import Domain
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SEED_NAMES = [
    "GLÆDE",
    "FÆLLESSKAB",
    "MULIGHEDER",
    "SELVTILLID OG SELVRESPEKT",
    "SELVSTÆNDIGHED",
    "LÆRING",
    "TRYGHED OG MOD",
    "INDFLYDELSE",
    "UUNDVÆRLIGHED",
    "VÆRDIGHED OG LIGEVÆRDIGHED",
]


def test_the_ten_seed_domains_exist_in_report_order():
    assert list(Domain.objects.values_list("name", flat=True)) == SEED_NAMES


def test_a_domains_address_is_its_summary_page(client):
    for domain in Domain.objects.all():
        assert domain.get_absolute_url() == reverse("reports:domain", kwargs={"slug": domain.slug})
        assert domain.get_absolute_url() == f"/domains/{domain.slug}/"


def test_seed_domains_carry_the_reports_statements_and_texts():
    statements = dict(Domain.objects.values_list("name", "statement"))
    assert statements["GLÆDE"] == "Jeg oplever mere glæde i hverdagen"
    assert statements["TRYGHED OG MOD"].startswith("Jeg oplever, at nogen har min ryg")
    for data in seed.domains():
        domain = Domain.objects.get(slug=data["slug"])
        assert domain.statement == data["statement"]
        assert domain.what_changes == data["what_changes"] and domain.what_changes
        assert domain.what_creates_change == data["what_creates_change"]
        assert domain.is_active


def test_domain_list_shows_all_ten_in_danish(staff_client):
    body = staff_client.get("/domains/").content.decode()
    for name in SEED_NAMES:
        assert name in body
    assert "Forandringsområder" in body


def test_domain_page_shows_statement_and_both_texts(manager_client):
    domain = Domain.objects.get(slug="glaede")
    body = manager_client.get("/domains/glaede/").content.decode()
    assert domain.statement in body
    assert "Hvad forandrer sig i borgernes liv?" in body
    assert "Mange af forandringsfortællingerne handler om at blive mere" in body


def test_unknown_domain_is_404(staff_client):
    assert staff_client.get("/domains/findes-ikke/").status_code == 404


def _form_data(domain, **changes):
    data = {
        "name": domain.name,
        "slug": domain.slug,
        "statement": domain.statement,
        "easy_statement": domain.easy_statement,
        "what_changes": domain.what_changes,
        "what_creates_change": domain.what_creates_change,
        "order": domain.order,
        "is_active": "on" if domain.is_active else "",
        "icon": domain.icon,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_edit_of_domain_text_is_saved_and_audited(staff_client):
    domain = Domain.objects.get(slug="laering")
    response = staff_client.post(
        "/domains/laering/edit/", _form_data(domain, what_creates_change="Ny læring.")
    )
    assert response.status_code == 302
    domain.refresh_from_db()
    assert domain.what_creates_change == "Ny læring."
    event = AuditEvent.objects.get(action="edit", object_type="domains.domain")
    assert event.username == "medarbejder"
    assert event.object_id == str(domain.pk)
    assert event.detail["felter"] == ["what_creates_change"]


def test_retiring_a_domain_is_audited(staff_client):
    domain = Domain.objects.get(slug="laering")
    staff_client.post("/domains/laering/edit/", _form_data(domain, is_active=None))
    domain.refresh_from_db()
    assert not domain.is_active
    event = AuditEvent.objects.get(action="edit")
    assert event.detail["udfaset"] is True


def test_adding_a_domain_is_audited(staff_client):
    response = staff_client.post(
        "/domains/new/",
        {
            "name": "HÅB",
            "slug": "haab",
            "statement": "Jeg har håb for fremtiden",
            "order": 11,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Domain.objects.filter(slug="haab").exists()
    assert AuditEvent.objects.filter(action="create", object_label="HÅB").exists()


def test_manager_cannot_edit_domains(manager_client):
    assert manager_client.get("/domains/glaede/edit/").status_code == 403
    assert manager_client.get("/domains/new/").status_code == 403


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": ""}, "name", "Skriv forandringsområdets navn."),
        ({"name": "   "}, "name", "Skriv forandringsområdets navn."),
        ({"name": "fællesskab"}, "name", "Der findes allerede et forandringsområde med det navn."),
        (
            {"slug": "faellesskab"},
            "slug",
            "Der findes allerede et forandringsområde med det korte navn.",
        ),
        ({"slug": "ikke et slug!"}, "slug", "gyldig"),
        ({"what_changes": "x" * 20_001}, "what_changes", "højst have 20000 tegn"),
        ({"name": "x" * 10_000}, "name", "højst have 80 tegn"),
        ({"statement": "ø" * 10_000}, "statement", "højst have 300 tegn"),
    ],
)
def test_bad_domain_input_shows_message_beside_field_keeps_text_saves_nothing(
    staff_client, changes, field, message
):
    domain = Domain.objects.get(slug="laering")
    before = Domain.objects.values().get(pk=domain.pk)
    response = staff_client.post("/domains/laering/edit/", _form_data(domain, **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert any(message in error for error in form.errors[field])
    body = response.content.decode()
    assert f'id="error_1_id_{field}"' in body  # crispy renders the error beside the field
    typed = changes[field]
    if typed.strip() and len(typed) < 100:
        assert typed in body
    assert Domain.objects.values().get(pk=domain.pk) == before
    assert not AuditEvent.objects.exists()


def test_domain_list_query_count_does_not_grow(staff_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as small:
        staff_client.get("/domains/")
    for i in range(50):
        Domain.objects.create(name=f"EKSTRA {i}", slug=f"ekstra-{i}", statement="Jeg …")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = staff_client.get("/domains/")
    assert "EKSTRA 49" in response.content.decode()


def test_user_without_role_gets_403_on_domains(client):
    user = make_user()
    client.force_login(user)
    assert client.get(reverse("reports:domains")).status_code == 403
