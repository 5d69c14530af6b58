"""Export of stories as CSV (UTF-8 with BOM, ";") or XLSX, and the import template.

Only what the exporting role may see: staff get every story that is not withdrawn,
with the import columns (an export can be imported again); managers get stories with
report consent and only title, domains, employment type and text. Values are Danish
(the labels people read, which the importer also reads back), dates are dates (the
Danish short style in CSV, date cells in XLSX). Every cell that a spreadsheet could run
as a formula is neutralised (aktiv.spreadsheets, on the final text of every cell).
"""

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from aktiv import spreadsheets

from .importer import COLUMN_TITLES
from .models import Story

# The importer's columns, in its order and spelling (an export can be imported again).
IMPORT_COLUMNS = list(COLUMN_TITLES.values())
STAFF_COLUMNS = [
    "id",
    *IMPORT_COLUMNS[:8],
    "indsamlet_af",
    *IMPORT_COLUMNS[8:],
]
MANAGER_COLUMNS = ["titel", "domæner", "beskæftigelse", "fortælling"]

CHOICES = {
    "told_by": Story.ToldBy,
    "employment_type": Story.Employment,
    "method": Story.Method,
    "status": Story.Status,
    "consent_giver": Story.ConsentGiver,
    "consent_how": Story.ConsentHow,
    "consent_witness_role": Story.WitnessRole,
}


def danish_labels():
    """{field: {key: Danish label}} for the choice fields an export writes."""
    with translation.override("da"):
        return {
            name: {key: str(label) for key, label in choices.choices}
            for name, choices in CHOICES.items()
        }


def _witness(story, labels):
    if story.consent_witness_id:
        return story.consent_witness.get_username()
    return labels["consent_witness_role"].get(story.consent_witness_role, "")


def staff_rows(queryset):
    labels = danish_labels()

    def label(story, name):
        return labels[name].get(getattr(story, name), "")

    for story in queryset.iterator(chunk_size=2000):
        yield [
            story.pk,
            story.title,
            story.text,
            story.significance,
            label(story, "told_by"),
            story.storyteller_code,
            label(story, "employment_type"),
            story.round.name if story.round_id else "",
            story.collected_on,
            story.collected_by.get_username() if story.collected_by_id else "",
            label(story, "method"),
            story.read_back_on,
            label(story, "status"),
            ", ".join(d.name for d in story.domains.all()),
            story.consent_analysis_on,
            story.consent_report_on,
            story.consent_publish_on,
            label(story, "consent_giver"),
            label(story, "consent_how"),
            _witness(story, labels),
        ]


def manager_rows(queryset):
    employment = danish_labels()["employment_type"]
    for story in queryset.iterator(chunk_size=2000):
        yield [
            story.title,
            ", ".join(d.name for d in story.domains.all()),
            employment.get(story.employment_type, ""),
            story.text,
        ]


def staff_queryset(queryset):
    return (
        queryset.not_withdrawn()
        .select_related("round", "collected_by", "consent_witness")
        .prefetch_related("domains")
        .order_by("-created_at", "-id")
    )


def manager_queryset(queryset):
    return (
        queryset.for_report()
        .only("id", "title", "text", "employment_type", "created_at")
        .prefetch_related("domains")
        .order_by("-created_at", "-id")
    )


def template_rows(domain_names, today):
    """Two example rows for the import template: valid as they stand (no round, dates in
    the past, the first domains of this installation), in the export's Danish values."""
    labels = danish_labels()
    first = ", ".join(domain_names[:2])
    second = domain_names[0] if domain_names else ""
    day = datetime.timedelta(days=1)
    return [
        [
            _("Nu laver jeg sandwich, og det er mit ansvar"),
            _("Jeg arbejder i kantinen tre dage om ugen. Jeg laver sandwich til frokost."),
            _("Jeg er god til noget, og de andre regner med mig."),
            labels["told_by"]["citizen"],
            "B-017",
            labels["employment_type"]["wage_subsidy"],
            "",
            today - 30 * day,
            labels["method"]["interview"],
            today - 20 * day,
            labels["status"]["ready"],
            first,
            today - 30 * day,
            today - 30 * day,
            None,
            labels["consent_giver"]["storyteller"],
            labels["consent_how"]["written"],
            "",
        ],
        [
            _("Jeg har fået mod på nye ting"),
            _("Før turde jeg ikke tage bussen alene. Nu tager jeg den hver dag til arbejde."),
            "",
            labels["told_by"]["network"],
            "B-018",
            labels["employment_type"]["voluntary"],
            "",
            today - 10 * day,
            labels["method"]["interview"],
            None,
            labels["status"]["draft"],
            second,
            today - 10 * day,
            None,
            None,
            labels["consent_giver"]["guardian"],
            labels["consent_how"]["oral"],
            labels["consent_witness_role"]["contact"],
        ],
    ]


def csv_chunks(columns, rows):
    return spreadsheets.csv_chunks(columns, rows)


def csv_text(columns, rows):
    return spreadsheets.csv_text(columns, rows)


def xlsx_bytes(columns, rows):
    return spreadsheets.xlsx_bytes(columns, rows, _("Fortællinger"))
