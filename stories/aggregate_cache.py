"""Cache for story aggregates (domain summaries, report, manager overview), safe by design.

Counting 100,000 stories on every page view is work repeated per request. Each cached
value is keyed by the SQL of the (consent-filtered) queryset it was computed from and
by the *data versions* (aktiv.page_cache): counters that PostgreSQL itself bumps, through
statement-level triggers (aktiv migration 0003), on every INSERT, UPDATE, DELETE or
TRUNCATE of stories, their domain tags and feedback, workshops and reference data —
whichever code path writes (forms, imports, bulk updates, erasure, consent withdrawal).
A withdrawn consent therefore changes the version before the next page is built, and no
cached aggregate outlives the data it came from. Entries also expire after
AGGREGATE_CACHE_SECONDS (a restored backup can bring back an old version number).

The cache backend is Django's default cache (per-process memory, see CACHES);
correctness never depends on it, only speed.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache

from aktiv.page_cache import REFERENCE, STORIES, data_versions


def data_version():
    """The versions of the data the aggregates come from (stories and reference data;
    not workshops, whose ballots change every second during a vote)."""
    versions = data_versions()
    return f"{versions[STORIES]}.{versions[REFERENCE]}"


def _key(name, queryset, args, kwargs, version):
    sql, params = queryset.query.sql_with_params()
    arguments = (sql, params, args, sorted(kwargs.items()))
    digest = hashlib.sha256(repr(arguments).encode()).hexdigest()[:32]
    return f"aktiv:agg:{name}:{version}:{digest}"


def cached_aggregate(function):
    """Cache `function(stories_queryset, *args)` under the current story data version."""

    @wraps(function)
    def wrapped(stories, *args, **kwargs):
        version = data_version()
        key = _key(function.__name__, stories, args, kwargs, version)
        value = cache.get(key)
        if value is None:
            value = function(stories, *args, **kwargs)
            cache.set(key, value, getattr(settings, "AGGREGATE_CACHE_SECONDS", 300))
        return value

    return wrapped
