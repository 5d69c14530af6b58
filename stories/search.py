"""Full-text search over title, text and significance (managers: title and text).

The `danish` text-search configuration (stemming: "arbejde" finds "arbejdet" and
"arbejder") against Story.search_document, a stored generated column with a GIN index.
A search ranks a bounded set: the newest CANDIDATES matches, best match first, so a
common word costs the same as a rare one at 100,000 stories.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

SEARCH_CONFIG = "danish"
CANDIDATES = 500

# Which stored document a reader searches: staff every text field; a restricted reader
# (a manager) only the fields they may read, title and text.
FULL = "search_document"
RESTRICTED = "report_search_document"


def query(terms):
    return SearchQuery(terms, config=SEARCH_CONFIG, search_type="websearch")


def search(queryset, terms, document=FULL):
    """The stories matching `terms` in `document` (all of them when there are none)."""
    terms = (terms or "").strip()
    if not terms:
        return queryset
    return queryset.filter(**{document: query(terms)})


def ordered(matches, terms, document=FULL):
    """The order of a list: newest first; when `matches` is a search for `terms`
    (search() applied), the best of the newest CANDIDATES matches first."""
    terms = (terms or "").strip()
    if not terms:
        return matches.order_by("-created_at", "-id")
    candidates = matches.prefetch_related(None).order_by("-created_at", "-id").values("pk")
    return (
        matches.filter(pk__in=candidates[:CANDIDATES])
        .annotate(rank=SearchRank(F(document), query(terms)))
        .order_by("-rank", "-created_at", "-id")
    )
