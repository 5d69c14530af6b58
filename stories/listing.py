"""The story lists as plain rows: what a row shows, read with `values()`, not models.

The list is the page staff open most. Building 50 model instances with their round,
collector and domains, then asking each for its display labels, cost more than
everything else on the page; these rows are dictionaries with the labels looked up once.
"""

import functools

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aktiv.dates import short_date
from domains.models import Domain

from .models import Story

StoryDomain = Story.domains.through

STAFF_FIELDS = (
    "id",
    "title",
    "employment_type",
    "collected_on",
    "storyteller_code",
    "status",
    "withdrawn_at",
    "consent_analysis_on",
    "consent_report_on",
    "consent_publish_on",
    "round__name",
    "collected_by__username",
)
MANAGER_FIELDS = ("id", "title", "employment_type")


def domain_choices():
    """[(id, name)] of every domain in display order (one query)."""
    return list(Domain.objects.order_by("order", "name").values_list("pk", "name"))


def with_domains(rows, domains):
    """Add "domains" (names, in display order) and "url" to each row (one query)."""
    order = {pk: index for index, (pk, _name) in enumerate(domains)}
    names = dict(domains)
    tags = {}
    for story_id, domain_id in StoryDomain.objects.filter(
        story_id__in=[row["id"] for row in rows]
    ).values_list("story_id", "domain_id"):
        tags.setdefault(story_id, []).append(domain_id)
    base = reverse("stories:list")  # a story's page is /stories/<id>/ (stable URLs)
    employment = {value: str(label) for value, label in Story.Employment.choices}
    status = {value: str(label) for value, label in Story.Status.choices}
    for row in rows:
        ids = sorted(tags.get(row["id"], []), key=lambda pk: order.get(pk, 0))
        row["domains"] = [names[pk] for pk in ids if pk in names]
        row["url"] = f"{base}{row['id']}/"
        row["employment"] = employment.get(row["employment_type"], "")
        if "collected_on" in row:
            row["collected"] = short_date(row["collected_on"])
        if "status" in row:
            row["status_label"] = status.get(row["status"], "")
        if "withdrawn_at" in row:  # the staff list: its cells come rendered (below)
            row["domain_cell"] = _domain_cell(tuple(row["domains"]), get_language())
            row["status_cell"] = _status_cell(row["status"], row["status_label"])
            row["consent_cell"] = consent_cell(row)
    return rows


# The staff list's cells that repeat from row to row (a few domain combinations, two
# states, nine consent combinations) are rendered once per combination and language
# here, not by fifty rows of template loops and conditions: together those were a third
# of the uncached list's rendering. Their keys hold everything they show (a renamed
# domain is a new key), so a memo is never stale.


@functools.lru_cache(maxsize=256)
def _domain_cell(names, language):
    """The domains column: a badge per domain, or "Ingen" (the language keys the memo)."""
    if not names:
        return format_html('<span class="text-body-secondary">{}</span>', _("Ingen"))
    return format_html_join(
        " ",
        '<span class="badge text-bg-light border domain-badge">{}</span>',
        ((n,) for n in names),
    )


@functools.lru_cache(maxsize=16)
def _status_cell(status, label):
    css = "text-bg-success" if status == Story.Status.READY else "text-bg-secondary"
    return format_html('<span class="badge {}">{}</span>', css, label)


CONSENT_FIELDS = ("consent_analysis_on", "consent_report_on", "consent_publish_on")


def consent_cell(row):
    """The list's consent column for a row: withdrawn, or yes/no per scope."""
    key = (bool(row["withdrawn_at"]), *(bool(row[field]) for field in CONSENT_FIELDS))
    return _consent_cell(key, get_language())


@functools.lru_cache(maxsize=64)
def _consent_cell(key, language):
    """One cell per combination and language (the language keys the memo)."""
    withdrawn, *scopes = key
    if withdrawn:
        return format_html('<span class="badge consent-withdrawn">{}</span>', _("Trukket tilbage"))
    scope_words = (_("analyse"), _("rapport"), _("offentlig"))
    items = format_html_join(
        "\n",
        '<li><span class="{}">{}</span> {}</li>',
        (
            ("consent-yes", _("Ja"), word) if on else ("consent-no", _("Nej"), word)
            for on, word in zip(scopes, scope_words, strict=True)
        ),
    )
    return format_html('<ul class="list-unstyled mb-0 consent-summary">\n{}\n</ul>', items)
