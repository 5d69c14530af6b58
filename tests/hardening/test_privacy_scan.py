"""Privacy scan: the text of a story lacking the needed consent appears on no page.

Stories with every consent state are written with a unique marker in title, text and
significance. Every page a manager can reach (start page, domain overview and every
domain page, report, print layout, Word export, story list and its CSV/XLSX exports,
story pages) and the public page (anonymous) are fetched, and each marker is looked for
in the whole response (inside the zip files of the Office formats). Positive controls
show the scan would see a marker that is there.
"""

import datetime
import io
import zipfile

import pytest
from django.utils import timezone

from domains.models import Domain
from reports.models import Edition
from reports.services import publish_edition
from stories.models import CollectionRound, Story
from tests.factories import make_edition, make_story
from tests.invariants import assert_invariants
from workshops.models import Selection, Workshop

pytestmark = pytest.mark.django_db

ALL = ("analysis", "report", "publish")
# name -> (consent scopes, extra fields)
STORIES = {
    "FULDSAMTYKKE": (ALL, {}),
    "RAPPORTUDENOFFENTLIG": (("analysis", "report"), {}),
    "INTETSAMTYKKE": ((), {}),
    "KUNANALYSE": (("analysis",), {}),
    "KLADDEMEDSAMTYKKE": (ALL, {"status": Story.Status.DRAFT}),
    "TRUKKETTILBAGE": ((), {"withdrawn_at": timezone.now()}),
}
MANAGER_MAY_SEE = {"FULDSAMTYKKE", "RAPPORTUDENOFFENTLIG"}
PUBLIC_MAY_SEE = {"FULDSAMTYKKE"}


def marker(name):
    return f"MRK{name}Q"


@pytest.fixture
def marked(staff_user):
    round_ = CollectionRound.objects.create(
        name="Scanningsrunden", starts_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    slugs = list(Domain.objects.filter(is_active=True).values_list("slug", flat=True))
    stories = {}
    for name, (consent, extra) in STORIES.items():
        m = marker(name)
        stories[name] = make_story(
            title=f"Titel {m}",
            text=f"Fortællingen {m} fortsætter her.",
            significance=f"Betydningen {m}.",
            storyteller_code="S-001",
            round=round_,
            domains=slugs[:3],
            consent=consent,
            user=staff_user,
            **extra,
        )
    # A closed workshop of the round selected two stories without report consent.
    workshop = Workshop.objects.create(
        title="Analyseworkshop",
        kind=Workshop.Kind.STAFF,
        held_on=timezone.localdate(),
        round=round_,
        status=Workshop.Status.CLOSED,
    )
    domains = list(Domain.objects.filter(slug__in=slugs[:3]))
    for domain, name in zip(domains, ["KUNANALYSE", "FULDSAMTYKKE"], strict=False):
        Selection.objects.create(
            workshop=workshop, domain=domain, story=stories[name], reason="Den rørte os."
        )
    # The report shown is a published edition of the round (its frozen copy).
    edition = make_edition([round_], workshops=[workshop], signed_by=staff_user)
    publish_edition(edition.pk, user=staff_user)
    return stories


def _text(response):
    """Everything the response carries, as text: zipped Office files are unpacked."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if raw[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return raw.decode("utf-8", "replace")


def _manager_pages(stories):
    pages = ["/", "/domains/", "/report/", "/report/print/", "/report/word/"]
    pages += ["/report/editions/"]
    pages += [
        f"/report/editions/{pk}/manifest/" for pk in Edition.objects.values_list("pk", flat=True)
    ]
    pages += [f"/domains/{slug}/" for slug in Domain.objects.values_list("slug", flat=True)]
    pages += ["/stories/", "/stories/export.csv", "/stories/export.xlsx"]
    pages += ["/stories/?q=Fortællingen", "/stories/export.csv?q=Fortællingen"]
    pages += [f"/stories/{story.pk}/" for story in stories.values()]
    return pages


def test_manager_pages_and_exports_never_show_stories_without_report_consent(
    manager_client, marked
):
    seen = {}
    for url in _manager_pages(marked):
        response = manager_client.get(url)
        assert response.status_code in (200, 404), url
        body = _text(response)
        for name in STORIES:
            if marker(name) in body:
                seen.setdefault(name, []).append(url)

    leaked = {name: urls for name, urls in seen.items() if name not in MANAGER_MAY_SEE}
    assert leaked == {}
    # Positive controls: consented stories are found where a manager reads them.
    for name in MANAGER_MAY_SEE:
        for url in ("/stories/", "/stories/export.csv", "/stories/export.xlsx", "/report/"):
            assert url in seen[name], (name, url)
        assert "/report/word/" in seen[name]
        assert f"/stories/{marked[name].pk}/" in seen[name]
    assert_invariants()


def test_story_pages_of_unconsented_stories_are_404_for_managers(manager_client, marked):
    for name, story in marked.items():
        status = manager_client.get(f"/stories/{story.pk}/").status_code
        assert status == (200 if name in MANAGER_MAY_SEE else 404), name


def test_public_page_shows_only_stories_with_publish_consent(client, marked):
    seen = set()
    for url in [
        "/public/stories/",
        *[f"/public/stories/?domain={d.slug}" for d in Domain.objects.all()],
    ]:
        response = client.get(url)
        assert response.status_code == 200
        body = _text(response)
        seen |= {name for name in STORIES if marker(name) in body}
    assert seen == PUBLIC_MAY_SEE  # the positive control is in it
    assert_invariants()


def test_withdrawal_removes_a_story_from_every_manager_page_at_once(
    manager_client, staff_client, marked
):
    story = marked["FULDSAMTYKKE"]
    assert marker("FULDSAMTYKKE") in _text(manager_client.get("/report/word/"))
    staff_client.post(f"/stories/{story.pk}/withdraw/", {"scope": "all", "confirm": "on"})
    for url in _manager_pages(marked):
        assert marker("FULDSAMTYKKE") not in _text(manager_client.get(url)), url
    assert marker("FULDSAMTYKKE") not in _text(manager_client.get("/public/stories/"))
    assert_invariants()
