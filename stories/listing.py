"""The story lists as plain rows: what a row shows, read with `values()`, not models.

The list is the page staff open most. Building 50 model instances with their round,
collector and domains, then asking each for its display labels, cost more than
everything else on the page; these rows are dictionaries with the labels looked up once.
"""

from django.urls import reverse

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
    return rows
