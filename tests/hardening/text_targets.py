"""Every form a person types free text into, as data: where to post, as whom, a valid
post, and which fields are free text. Used by the CPR test and the property test of the
text rule (tests/hardening/test_text_rule_everywhere.py), so a form added here is
checked by both.

Also: every stored free text of the database (`stored_texts`), and every export and
report a reader can download (`downloads`).
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from domains.models import Domain
from reports.models import Edition, EditionText, ReportText
from stories.models import CollectionRound, Story
from tests.factories import make_edition, make_story, make_workshop, story_form_data
from workshops.models import AnalysisNote, Group, Quote, Selection, Workshop


@dataclass
class World:
    workshop: Workshop
    selecting: Workshop
    story: Story
    domain: Domain
    groups: list = field(default_factory=list)
    edition: object = None
    round: object = None


def build_world():
    domain = Domain.objects.get(slug="glaede")
    round_ = CollectionRound.objects.create(name="Verdensrunden")
    workshop = make_workshop(title="Borgerworkshop", status=Workshop.Status.CLOSED, round=round_)
    selecting = make_workshop(
        title="Medarbejderworkshop", kind=Workshop.Kind.STAFF, domains=[domain], round=round_
    )
    story = make_story(domains=["glaede"], round=round_, consent=("analysis", "report"))
    edition = make_edition([round_], ranking=[workshop], title="Verdens udgave")
    return World(
        workshop=workshop,
        selecting=selecting,
        story=story,
        domain=domain,
        groups=list(workshop.groups.order_by("number")),
        edition=edition,
        round=round_,
    )


@dataclass
class Target:
    name: str
    role: str  # staff, facilitator, admin
    url: object  # world -> url
    valid: object  # world -> a valid post (dict)
    fields: tuple  # names of the free-text fields in the post
    fields_of: object = None  # world -> fields, when they depend on the data


def _story_post(world):
    return story_form_data()


def _admin_story_post(world):
    data = story_form_data(collected_by="", domains=[str(world.domain.pk)])
    data.pop("consent_analysis", None)
    return data


def _domain_post(world):
    return {
        "name": "Nyt domæne",
        "slug": "nyt-domaene",
        "statement": "Jeg oplever noget nyt.",
        "easy_statement": "Jeg får noget nyt.",
        "what_changes": "",
        "what_creates_change": "",
        "order": "50",
        "is_active": "on",
        "icon": "",
    }


def _workshop_post(world):
    return {
        "title": "Ny workshop",
        "kind": "staff",
        "held_on": "2021-04-20",
        "votes_per_participant": "3",
        "domains": [str(world.domain.pk)],
        "group_count": "3",
    }


def _selection_fields(world):
    prefix = f"d{world.domain.pk}"
    return (f"{prefix}-reason", f"{prefix}-dissent")


TARGETS = [
    Target(
        "story", "staff", lambda w: "/stories/new/", _story_post, ("title", "text", "significance")
    ),
    Target(
        "story edit",
        "staff",
        lambda w: f"/stories/{w.story.pk}/edit/",
        _story_post,
        ("title", "text", "significance"),
    ),
    Target(
        "round",
        "staff",
        lambda w: "/stories/rounds/new/",
        lambda w: {"name": "Runde 2030"},
        ("name",),
    ),
    Target(
        "domain",
        "staff",
        lambda w: "/domains/new/",
        _domain_post,
        ("name", "statement", "easy_statement", "what_changes", "what_creates_change"),
    ),
    Target(
        "report text",
        "staff",
        lambda w: "/report/texts/preface/edit/",
        lambda w: {"title": "Forord", "body": "Tekst."},
        ("title", "body"),
    ),
    Target("workshop", "facilitator", lambda w: "/workshops/new/", _workshop_post, ("title",)),
    Target(
        "group names",
        "facilitator",
        lambda w: f"/workshops/{w.workshop.pk}/groups/",
        lambda w: {f"group_{g.pk}": g.name for g in w.groups},
        (),
        fields_of=lambda w: tuple(f"group_{g.pk}" for g in w.groups),
    ),
    Target(
        "quote",
        "facilitator",
        lambda w: f"/workshops/{w.workshop.pk}/quotes/",
        lambda w: {"domain": str(w.domain.pk), "kind": "why", "text": "Vi blev hørt."},
        ("text",),
    ),
    Target(
        "selection",
        "facilitator",
        lambda w: f"/workshops/{w.selecting.pk}/selection/{w.domain.pk}/",
        lambda w: {
            f"d{w.domain.pk}-story": str(w.story.pk),
            f"d{w.domain.pk}-reason": "Den viser forandringen.",
            f"d{w.domain.pk}-dissent": "",
        },
        (),
        fields_of=_selection_fields,
    ),
    Target(
        "edition",
        "facilitator",
        lambda w: "/report/editions/new/",
        lambda w: {
            "title": "Ny udgave",
            "dated": "2021-06-01",
            "rounds": [str(w.round.pk)],
            "ranking_workshops": [str(w.workshop.pk)],
            "signer_title": "Leder",
        },
        ("title", "signer_title"),
    ),
    Target(
        "edition text",
        "facilitator",
        lambda w: f"/report/editions/{w.edition.pk}/texts/preface/",
        lambda w: {"title": "Forord", "body": "Vi har {fortællinger} fortællinger."},
        ("title", "body"),
    ),
    Target(
        "analysis answer",
        "facilitator",
        lambda w: f"/workshops/{w.selecting.pk}/analysis/",
        lambda w: {"domain": str(w.domain.pk), "question": "changes", "text": "De blev glade."},
        ("text",),
    ),
    Target(
        "domain texts",
        "staff",
        lambda w: f"/domains/{w.domain.slug}/texts/",
        lambda w: {"what_changes": "Mere glæde.", "what_creates_change": "Drømmen."},
        ("what_changes", "what_creates_change"),
    ),
    Target(
        "admin story",
        "admin",
        lambda w: "/admin/stories/story/add/",
        _admin_story_post,
        ("title", "text", "significance"),
    ),
]


def fields_of(target, world):
    return target.fields_of(world) if target.fields_of else target.fields


def form_of(response):
    """The bound form of a page shown again (the app's, or the admin's)."""
    context = response.context
    if context is None:
        return None
    if "adminform" in context:
        return context["adminform"].form
    return context.get("form")


def stored_texts():
    """Every free text the database holds that a person typed, as (where, text)."""
    texts = []
    for story in Story.objects.only("title", "text", "significance"):
        texts += [("story", story.title), ("story", story.text), ("story", story.significance)]
    texts += [("round", n) for n in CollectionRound.objects.values_list("name", flat=True)]
    for domain in Domain.objects.all():
        texts += [
            ("domain", v)
            for v in (
                domain.name,
                domain.statement,
                domain.what_changes,
                domain.what_creates_change,
            )
        ]
    for title, body in ReportText.objects.values_list("title", "body"):
        texts += [("report text", title), ("report text", body)]
    for title, body in EditionText.objects.values_list("title", "body"):
        texts += [("edition text", title), ("edition text", body)]
    for title, signer in Edition.objects.values_list("title", "signer_title"):
        texts += [("edition", title), ("edition", signer)]
    texts += [("analysis", t) for t in AnalysisNote.objects.values_list("text", flat=True)]
    texts += [("workshop", t) for t in Workshop.objects.values_list("title", flat=True)]
    texts += [("group", n) for n in Group.objects.values_list("name", flat=True)]
    texts += [("quote", t) for t in Quote.objects.values_list("text", flat=True)]
    for reason, dissent in Selection.objects.values_list("reason", "dissent"):
        texts += [("selection", reason), ("selection", dissent)]
    return texts


def downloads(world):
    """(role, url) of every export and report file a reader can download."""
    pk = world.workshop.pk
    return [
        ("staff", "/stories/export.csv"),
        ("staff", "/stories/export.xlsx"),
        ("manager", "/stories/export.csv"),
        ("manager", "/stories/export.xlsx"),
        ("facilitator", f"/workshops/{pk}/export/resultat.csv"),
        ("facilitator", f"/workshops/{pk}/export/resultat.xlsx"),
        ("facilitator", f"/workshops/{pk}/export/stemmesedler.csv"),
        ("facilitator", f"/workshops/{pk}/export/stemmesedler.xlsx"),
        ("manager", "/report/word/"),
        ("manager", "/report/print/"),
        ("manager", "/report/"),
    ]


def body_of(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def cells_of(url, raw):
    """Every cell of a CSV or XLSX download as text, and for XLSX whether any cell is a
    formula. Word and HTML: the whole text as one cell."""
    if url.endswith(".csv"):
        text = raw.decode("utf-8-sig")
        return [c for r in csv.reader(io.StringIO(text), delimiter=";") for c in r], False
    if url.endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw))
        cells, formula = [], False
        for sheet in book.worksheets:
            for line in sheet.iter_rows():
                for cell in line:
                    if cell.data_type == "f":
                        formula = True
                    cells.append("" if cell.value is None else str(cell.value))
        return cells, formula
    if url.endswith("/word/"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return [archive.read("word/document.xml").decode()], False
    return [raw.decode()], False


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def live_formula(url, cells, formula):
    """A cell a spreadsheet would run: an XLSX formula cell, or a CSV cell that starts
    (after spaces) with a formula character."""
    if formula:
        return True
    if not url.endswith((".csv", ".xlsx")):
        return False
    return any(c.lstrip(" \u00a0").startswith(FORMULA_STARTS) for c in cells)


TODAY = datetime.date(2021, 4, 20)
