"""Finding 7: a hidden small group cannot be computed back, on the page, in the CSV and
XLSX exports and in the report. With groups of 3, 3 and 1, total minus the two shown
groups gave the lone participant's three choices, and "groups with votes" gave it away
on its own."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from aktiv.disclosure import hidden_keys
from domains.models import Domain
from tests.factories import cast, make_edition, make_round, make_workshop
from workshops.models import Workshop
from workshops.selectors import ranking

pytestmark = pytest.mark.django_db

LONE_CHOICES = ["vaerdighed-og-ligevaerdighed", "uundvaerlighed", "indflydelse"]


def three_three_one():
    """Groups of 3, 3 and 1 ballots; only the lone participant voted for LONE_CHOICES."""
    workshop = make_workshop(
        groups=3, status=Workshop.Status.CLOSED, domains=Domain.objects.filter(is_active=True)
    )
    g1, g2, g3 = workshop.groups.order_by("number")
    for group in (g1, g2):
        for _ in range(3):
            cast(workshop, group, ["glaede", "laering", "faellesskab"])
    cast(workshop, g3, LONE_CHOICES)
    return workshop


def test_the_lone_participant_s_choices_cannot_be_computed_from_the_ranking():
    result = ranking(three_three_one())
    hidden = result.hidden_groups
    assert len(hidden) >= 2  # the small group and one more
    ballots_hidden = sum(g.ballot_count for g in result.groups if g.pk in hidden)
    assert ballots_hidden >= 3
    for r in result.results:
        shown = sum(n for n in r.per_group.values() if n is not None)
        rest = r.votes - shown
        assert rest == 0 or ballots_hidden >= 3
        # "Groups with votes" counts the hidden groups as one: derivable from the shown
        # numbers, so it says nothing new.
        shown_with_votes = sum(1 for n in r.per_group.values() if n)
        assert r.groups_with_votes == shown_with_votes + (1 if rest else 0)


def test_groups_with_votes_does_not_point_at_the_small_group():
    result = ranking(three_three_one())
    for slug in LONE_CHOICES:
        r = result.rank_of(Domain.objects.get(slug=slug).pk)
        other = result.rank_of(Domain.objects.get(slug="glaede").pk)
        # The lone participant's domains and a domain of the big groups look alike.
        assert r.groups_with_votes == 1
        assert other.groups_with_votes == 2


def test_the_results_page_hides_at_least_two_groups(facilitator_client):
    workshop = three_three_one()
    html = facilitator_client.get(f"/workshops/{workshop.pk}/results/").content.decode()
    for slug in LONE_CHOICES:
        name = Domain.objects.get(slug=slug).name
        row = html.split(f'<th scope="row">{name}</th>')[1].split("</tr>")[0]
        assert row.count("skjult") == 2, row
    assert "Så skjules også en anden gruppe" in html


def test_csv_and_xlsx_exports_hide_the_same_cells(facilitator_client):
    workshop = three_three_one()
    raw = facilitator_client.get(f"/workshops/{workshop.pk}/export/resultat.csv").content
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    group_columns = [i for i, h in enumerate(header) if h.startswith("Gruppe")]
    for line in rows[1:11]:
        assert sum(1 for i in group_columns if line[i] == "skjult") == 2, line
    book = load_workbook(
        io.BytesIO(facilitator_client.get(f"/workshops/{workshop.pk}/export/resultat.xlsx").content)
    )
    values = [[c.value for c in r] for r in book.active.iter_rows()]
    for line in values[1:11]:
        assert sum(1 for i in group_columns if line[i] == "skjult") == 2, line


def test_the_report_shows_no_per_group_numbers_that_could_be_differenced(manager_client):
    workshop = three_three_one()
    round_ = make_round("Små grupper")
    Workshop.objects.filter(pk=workshop.pk).update(round=round_)
    workshop.refresh_from_db()
    edition = make_edition([round_], ranking=[workshop])
    report = manager_client.get("/report/", {"edition": edition.pk}).content.decode()
    word = manager_client.get("/report/word/", {"edition": edition.pk}).content
    document = zipfile.ZipFile(io.BytesIO(word)).read("word/document.xml").decode()
    # The report gives totals per domain only; the group sentence of a domain page uses
    # the safe count: the lone participant's domains got votes in "1" group, like others.
    for text in (report, document):
        assert "Gruppe 3" not in text
    page = manager_client.get("/domains/uundvaerlighed/", {"edition": edition.pk}).content.decode()
    assert "fra 1 grupper" in page


@pytest.mark.parametrize(
    "counts, hidden",
    [
        ({"a": 3, "b": 3, "c": 1}, {"a", "c"}),  # the finding: one more group goes
        ({"a": 5, "b": 4, "c": 2, "d": 1}, {"c", "d"}),  # two small ones cover each other
        ({"a": 5, "b": 4}, set()),
        ({"a": 1}, {"a"}),
        ({"a": 2, "b": 0, "c": 7}, {"a", "c"}),
        ({"a": 0, "b": 6}, set()),
    ],
)
def test_complementary_suppression(counts, hidden):
    assert hidden_keys(counts) == hidden
    shown = sum(n for k, n in counts.items() if k not in hidden)
    rest = sum(counts.values()) - shown
    everything_hidden = hidden == {k for k, n in counts.items() if n}
    assert rest == 0 or rest >= 3 or everything_hidden  # fewer than 3 in all: see README
