"""Cache for story aggregates (domain summaries, report, manager overview), safe by design.

Counting 100,000 stories on every page view is work repeated per request. Each cached
value is keyed by the SQL of the (consent-filtered) queryset it was computed from and
by the *story data version*: a counter that PostgreSQL itself bumps, through
statement-level triggers (migration stories 0005), on every INSERT, UPDATE, DELETE or
TRUNCATE of stories, their domain tags and feedback — whichever code path writes (forms,
imports, bulk updates, erasure, consent withdrawal). A withdrawn consent therefore
changes the version before the next page is built, and no cached aggregate outlives the
data it came from. Entries also expire after AGGREGATE_CACHE_SECONDS (a restored backup
can bring back an old version number). On SQLite (`make run`) nothing is cached.

The cache backend is Django's default cache (per process unless CACHES says otherwise);
correctness never depends on it, only speed.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection

VERSION_SQL = "SELECT version FROM stories_dataversion WHERE id = 1"


def data_version():
    """The current story data version, or None where there is no trigger (SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


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
        if version is None:
            return function(stories, *args, **kwargs)
        key = _key(function.__name__, stories, args, kwargs, version)
        value = cache.get(key)
        if value is None:
            value = function(stories, *args, **kwargs)
            cache.set(key, value, getattr(settings, "AGGREGATE_CACHE_SECONDS", 300))
        return value

    return wrapped
