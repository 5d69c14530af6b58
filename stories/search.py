"""Full-text search over title, text and significance.

PostgreSQL: the `danish` text-search configuration (stemming: "arbejde" finds
"arbejdet" and "arbejder") against the stored, GIN-indexed column `search_document`
that migration 0004 adds (PostgreSQL keeps it up to date on every write). SQLite
(`make run`): a plain case-insensitive match.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

SEARCH_CONFIG = "danish"
SEARCH_FIELDS = ("title", "text", "significance")
INDEX_NAME = "story_fulltext_danish"


def search_vector():
    """The document as an expression (what the stored column holds), for ad-hoc use."""
    return SearchVector(*SEARCH_FIELDS, config=SEARCH_CONFIG)


def stored_document():
    """The stored tsvector column (PostgreSQL only; not a model field, see migration 0004)."""
    return RawSQL('"stories_story"."search_document"', [], output_field=SearchVectorField())


def search(queryset, terms):
    terms = (terms or "").strip()
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.alias(fulltext=stored_document()).filter(
            fulltext=SearchQuery(terms, config=SEARCH_CONFIG, search_type="websearch")
        )
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": terms})
    return queryset.filter(condition)
