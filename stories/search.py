"""Full-text search over title, text and significance.

The `danish` text-search configuration (stemming: "arbejde" finds "arbejdet" and
"arbejder") against Story.search_document, a stored generated column with a GIN index.
"""

from django.contrib.postgres.search import SearchQuery

SEARCH_CONFIG = "danish"


def search(queryset, terms):
    terms = (terms or "").strip()
    if not terms:
        return queryset
    return queryset.filter(
        search_document=SearchQuery(terms, config=SEARCH_CONFIG, search_type="websearch")
    )
