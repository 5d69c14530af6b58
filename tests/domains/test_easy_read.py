"""Easy-read statements: LIX counted as by hand, the seed's ten at 25 or lower, used on the
ballot and cards, never in the report; the editor shows the LIX."""

import pytest

from domains import seed
from domains.models import Domain
from domains.readability import EASY_READ_LIMIT, lix
from tests.factories import make_edition, make_round, open_workshop

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, expected",
    [
        # 7 words, 1 sentence, 1 long word (hverdag): 7 + 100 * 1/7 = 21.3
        ("Jeg er mere glad i min hverdag.", 21),
        # 6 words, 1 sentence (no full stop), 2 long (oplever, hverdagen): 6 + 33.3 = 39.3
        ("Jeg oplever mere glæde i hverdagen", 39),
        # 16 words, 3 sentences, 1 long (hjælper): 5.33 + 6.25 = 11.6
        ("Der er nogen, der hjælper mig. Jeg er ikke alene. Det gør mig stærk og modig.", 12),
        # a colon ends a sentence too; numbers are not words: 4 / 2 + 0 = 2
        ("Se her: 104 virker.", 2),
        # "samværstilbud" (13 letters) is long, "arbejds-liv" one word of 10: 3/1 + 66.7 = 69.7
        ("Samværstilbud og arbejds-liv", 70),
        ("", None),
        ("123 !", None),
    ],
)
def test_lix_is_counted_as_by_hand(text, expected):
    assert lix(text) == expected


def test_the_seed_domains_have_easy_read_statements_of_lix_25_or_lower():
    for data in seed.domains():
        assert lix(data["easy_statement"]) <= EASY_READ_LIMIT, data["slug"]
        assert lix(data["easy_statement"]) < lix(data["statement"]), data["slug"]
    stored = dict(Domain.objects.values_list("slug", "easy_statement"))
    assert stored == {d["slug"]: d["easy_statement"] for d in seed.domains()}


def test_ballot_cards_and_paper_ballot_read_the_easy_statement_the_report_the_original(
    client, facilitator_client, staff_client
):
    glaede = Domain.objects.get(slug="glaede")
    workshop = open_workshop(code="ABCDEF")
    group = workshop.groups.first()
    client.get(f"/w/{workshop.join_code}/")
    ballot = client.get(f"/w/{workshop.join_code}/stem/?gruppe={group.number}").content.decode()
    assert glaede.easy_statement in ballot and glaede.statement not in ballot
    assert "Et område er en del af livet" in ballot
    for page in ("cards", "paper-ballots"):
        body = facilitator_client.get(f"/workshops/{workshop.pk}/{page}/").content.decode()
        assert glaede.easy_statement in body and glaede.statement not in body
    make_edition([make_round()])  # the report shows an edition
    report = staff_client.get("/report/").content.decode()
    assert glaede.statement in report and glaede.easy_statement not in report


def test_without_an_easy_statement_the_ballot_shows_the_statement(client):
    Domain.objects.filter(slug="glaede").update(easy_statement="")
    workshop = open_workshop(code="ABCDEF")
    client.get(f"/w/{workshop.join_code}/")
    ballot = client.get(f"/w/{workshop.join_code}/stem/?gruppe=1").content.decode()
    assert "Jeg oplever mere glæde i hverdagen" in ballot


def test_the_editor_shows_the_lix_and_says_it_again_on_save(staff_client, staff_user):
    staff_user.user_permissions.add(*_domain_permissions())
    glaede = Domain.objects.get(slug="glaede")
    page = staff_client.get(f"/domains/{glaede.slug}/edit/").content.decode()
    assert "LIX for udsagnet i let dansk: 21" in page and 'data-lix-for="id_easy_statement"' in page
    data = {
        "name": glaede.name,
        "slug": glaede.slug,
        "statement": glaede.statement,
        "easy_statement": "Jeg oplever uforbeholden arbejdsglæde i hverdagen",
        "what_changes": "",
        "what_creates_change": "",
        "order": "1",
        "is_active": "on",
        "icon": "glaede",
    }
    response = staff_client.post(f"/domains/{glaede.slug}/edit/", data, follow=True)
    body = response.content.decode()
    assert "LIX for udsagnet i let dansk: 73" in body
    assert "Brug kortere ord og kortere sætninger." in body
    assert Domain.objects.get(pk=glaede.pk).statement == "Jeg oplever mere glæde i hverdagen"


def _domain_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename__in=["add_domain", "change_domain"])
