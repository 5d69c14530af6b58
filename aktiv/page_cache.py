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

The page around the body (navigation, language switch, footer) is cached too, with
stand-ins for the two things in it that belong to one user: the CSRF token and the user
name. They are put in on every request. A request with messages waiting is rendered in
full. Never cached: anything audited, and a body that contains a CSRF token. The cache
is the per-process "pages" cache (memory only, bounded), so story text is never written
to disk or shared with another service. On SQLite (`make run`) nothing is cached.
"""

import hashlib
import secrets
import threading

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
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

# Stand-ins in a cached page for the reader's CSRF token and user name. Random per
# process (the cache is per process too), so no story text can contain them.
_TOKEN_MARK = f"aktiv-token-{secrets.token_hex(16)}"
_USER_MARK = f"aktiv-user-{secrets.token_hex(16)}"


class _MarkedUser:
    """Stands in for the signed-in user while the page around a body is rendered."""

    is_authenticated = True

    def get_username(self):
        return _USER_MARK


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


def _body(request, key, template, build_context):
    """The body for `key`: from the cache, or rendered (by one thread per key) and kept
    unless it holds a CSRF token, which belongs to one user."""
    pages = caches["pages"]
    html = pages.get(key)
    if html is None:
        with _RENDER_LOCKS[hash(key) % len(_RENDER_LOCKS)]:
            html = pages.get(key)
            if html is None:
                html = render_to_string(template, build_context(), request)
                if CSRF_FIELD not in html:  # a token is per user: never shared
                    pages.set(key, str(html), settings.AGGREGATE_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our own templates, autoescaped)


def cached_page(
    request,
    name,
    page_template,
    body_template,
    build_context,
    *,
    page_context=None,
    depends=EVERYTHING,
    vary=(),
):
    """The whole page for a signed-in reader: `page_template` (which shows {{ body }})
    around the body rendered from `body_template` with `build_context()`. Both come
    from the cache while the data in `depends` is unchanged since they were rendered
    for the same kind of reader (roles), language and address; `vary` adds anything
    else the body shows (e.g. a permission).

    `page_context` (a dict, or a function returning one) is what the page template needs
    besides the body; a function is only called when the page is rendered, so a lookup
    in it (which may raise Http404) costs nothing while the page is cached. That is
    safe: deleting or changing the object moves a data version, hence the key.
    """

    def context_with(body):
        context = dict((page_context() if callable(page_context) else page_context) or {})
        context["body"] = body
        return context

    versions = data_versions()
    if versions is None:
        body = render_to_string(body_template, build_context(), request)
        return render(request, page_template, context_with(body))
    key = _key(name, request, versions, depends, vary)
    if len(get_messages(request)):  # shown once, to this user: render in full
        body = _body(request, key, body_template, build_context)
        return render(request, page_template, context_with(body))
    pages = caches["pages"]
    page = pages.get(f"{key}:page")
    if page is None:
        context = context_with(_body(request, key, body_template, build_context))
        context.update(csrf_token=_TOKEN_MARK, user=_MarkedUser())
        page = render_to_string(page_template, context, request)
        if pages.get(key) is not None:  # the body was shareable
            pages.set(f"{key}:page", page, settings.AGGREGATE_CACHE_SECONDS)
    page = page.replace(_TOKEN_MARK, get_token(request))
    return HttpResponse(page.replace(_USER_MARK, escape(request.user.get_username())))
