"""Rendered page bodies cached under the data versions they were built from.

The overview pages (story list, domain pages, the report, workshop results) redo the
same work on every view: queries over 100,000 stories or 10,000 ballots and a large
template. Their *body* (the content under the page header) depends only on the data, on
the reader's roles, on the language and on the address, so it is rendered once and kept
until the data changes.

"Until the data changes" is exact, not a timeout: PostgreSQL keeps a version counter for
each kind of data (aktiv migration 0003), bumped by statement-level triggers on every
write, whatever code path makes it. Every key carries the versions of the data its page
depends on, so a withdrawn consent, an erased story, a new ballot or a renamed domain
changes the key before the next page is built. Entries also expire after
AGGREGATE_CACHE_SECONDS (a restored backup can bring back an old version number).

What is never cached: the page header (user name, CSRF tokens, messages) and anything
audited; a body that contains a CSRF token is refused by `cached_body`. The cache is
the per-process "pages" cache (memory only, bounded), so story text is never written to
disk or shared with another service. On SQLite (`make run`) nothing is cached.
"""

import hashlib
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .roles import role_names

STORIES = "stories"
WORKSHOPS = "workshops"
REFERENCE = "reference"
EVERYTHING = (STORIES, WORKSHOPS, REFERENCE)

VERSIONS_SQL = "SELECT name, version FROM aktiv_dataversion"
CSRF_FIELD = "csrfmiddlewaretoken"

# When a body is missing, one thread per process renders it while the others wait for
# it, instead of all of them running the same heavy queries at once. Locks are striped
# by key so that unrelated pages do not wait for each other.
_RENDER_LOCKS = [threading.Lock() for _ in range(32)]


def data_versions():
    """{name: version} for every kind of data, in one query; None where not kept (SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(VERSIONS_SQL)
        return dict(cursor.fetchall())


def reader_key(user):
    """What decides which version of a page a user may see: the roles, nothing personal."""
    if not user.is_authenticated:
        return "anonymous"
    roles = ",".join(sorted(role_names(user)))
    return f"{roles}|{'admin' if user.is_superuser else ''}|{'on' if user.is_active else ''}"


def _key(name, request, versions, depends, vary):
    parts = (
        name,
        tuple(versions.get(d) for d in depends),
        get_language(),
        reader_key(request.user),
        request.get_full_path(),
        tuple(vary),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"aktiv:page:{name}:{digest}"


def cached_body(request, name, template, build_context, *, depends=EVERYTHING, vary=()):
    """The HTML of `template` rendered with `build_context()`, from the cache when the
    data in `depends` is unchanged since it was rendered for the same kind of reader,
    language and address. `vary` adds anything else the body shows (e.g. a permission).
    """
    versions = data_versions()
    if versions is None:
        return render_to_string(template, build_context(), request)
    pages = caches["pages"]
    key = _key(name, request, versions, depends, vary)
    html = pages.get(key)
    if html is None:
        with _RENDER_LOCKS[hash(key) % len(_RENDER_LOCKS)]:
            html = pages.get(key)
            if html is None:
                html = render_to_string(template, build_context(), request)
                if CSRF_FIELD not in html:  # a token is per user: never shared
                    pages.set(key, str(html), settings.AGGREGATE_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our own templates, autoescaped)
