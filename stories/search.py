"""Full-text search over title, text and significance.

PostgreSQL: the `danish` text-search configuration (stemming: "arbejde" finds
"arbejdet" and "arbejder") over exactly the expression that migration 0002 indexes
with GIN, so the planner can use the index. SQLite (`make run`): a plain
case-insensitive match.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q

SEARCH_CONFIG = "danish"
SEARCH_FIELDS = ("title", "text", "significance")
INDEX_NAME = "story_fulltext_danish"


def search_vector():
    """The indexed expression. Keep it identical to the index in migration 0002."""
    return SearchVector(*SEARCH_FIELDS, config=SEARCH_CONFIG)


def search(queryset, terms):
    terms = (terms or "").strip()
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.alias(fulltext=search_vector()).filter(
            fulltext=SearchQuery(terms, config=SEARCH_CONFIG, search_type="websearch")
        )
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": terms})
    return queryset.filter(condition)
