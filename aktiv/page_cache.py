"""Rendered page bodies cached under the data versions they were built from.

The overview pages (story list, domain pages, the report, workshop results) show the
same content to every reader with the same roles until the data changes. Their *body*
(the content under the page header) is rendered once and kept; the page around it
(the reader's name, the CSRF token, messages) is rendered on every request, its menu,
footer and script words taken from the "frame" cache (templates/base.html).

"Until the data changes" is exact, not a timeout: PostgreSQL keeps a version counter for
each kind of data, bumped by statement-level triggers on every write, whatever code
path makes it (the tables per kind are listed in aktiv migration 0004). Every key holds
the versions of the kinds its page depends on, so a withdrawn consent, an erased story,
a new ballot or a renamed domain changes the key before the next page is built. Entries
also expire after PAGE_CACHE_SECONDS (a restored backup can bring back an old
version number).

A body is never cached when it holds a CSRF token (that belongs to one user). The cache
is the per-process "pages" cache (memory only, bounded), so story text is never written
to disk or shared with another service. The pages must also be fast without it: it
saves rendering between writes, nothing more.
"""

import contextvars
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .roles import role_names

STORIES = "stories"
WORKSHOPS = "workshops"
REFERENCE = "reference"
EVERYTHING = (STORIES, WORKSHOPS, REFERENCE)

CSRF_FIELD = "csrfmiddlewaretoken"
FRAME_TEMPLATE = "base.html"

# Tables written only by triggers on other tables (the counts of stories.tallies and
# workshops.tallies), in the same statement: a write to the source moves its version,
# so these need no version trigger of their own (one more bump of the same counter per
# ballot would make every voter wait on it).
DERIVED_TABLES = {
    "stories_storycount": {"stories_story", "stories_story_domains"},
    "stories_domainpaircount": {"stories_story", "stories_story_domains"},
    "stories_storytellercount": {"stories_story", "stories_feedback"},
    "stories_storytellertotal": {"stories_story", "stories_feedback"},
    "stories_collectioncount": {"stories_story"},
    "workshops_groupcount": {"workshops_ballot"},
    "workshops_votecount": {"workshops_ballot", "workshops_vote"},
}


# Within a request, the versions are read once (RequestVersionsMiddleware sets a memo).
_request_memo = contextvars.ContextVar("aktiv_data_versions", default=None)


def data_versions():
    """{kind: version} for every kind of data (one query; once per request)."""
    memo = _request_memo.get()
    if memo is not None and "versions" in memo:
        return memo["versions"]
    # A single-table read of the counters the triggers keep (striped over a few rows per
    # kind, aktiv migration 0004); the table is not a model.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sum(version)::bigint FROM aktiv_dataversion GROUP BY name")
        versions = dict(cursor.fetchall())
    if memo is not None:
        memo["versions"] = versions
    return versions


class RequestVersionsMiddleware:
    """Each request reads the data versions afresh, once, when first needed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def reader_key(user):
    """What decides which version of a page a user may see: the roles, nothing personal."""
    if not user.is_authenticated:
        return "anonymous"
    roles = ",".join(sorted(role_names(user)))
    return f"{roles}|{'admin' if user.is_superuser else ''}|{'on' if user.is_active else ''}"


def page_key(name, request, depends, vary=()):
    versions = data_versions()
    parts = (
        name,
        tuple(versions.get(kind) for kind in depends),
        get_language(),
        reader_key(request.user),
        request.get_full_path(),
        tuple(vary),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"aktiv:page:{name}:{digest}"


def render_body(request, template, build_context):
    """The body, rendered (tests wrap this to see which tables a body reads)."""
    return render_to_string(template, build_context(), request)


def cached_page(
    request,
    name,
    body_template,
    build_context,
    *,
    title,
    stylesheet=None,
    page_class="",
    depends=EVERYTHING,
    vary=(),
):
    """templates/base.html around the body rendered from `body_template` with
    `build_context()`. The body comes from the cache while the data in `depends` is
    unchanged since it was rendered for the same kind of reader (roles), language and
    address; `vary` adds anything else the body shows (e.g. a permission).

    The frame is base.html itself, not a page template extending it (Django walks the
    parent template for its blocks on every render of one): `title` is the page's title,
    or a function giving it from the body's context (kept with the body, so a cached view
    reads nothing for it; a view whose object is gone raises Http404 in `build_context`,
    where a cached body cannot hide it: the versions change with it); `stylesheet` the
    app's static stylesheet; `page_class` the class of <body>.
    """
    pages = caches["pages"]
    # With the cache off (PAGE_CACHE_SECONDS=0) no key is made: reading the versions
    # for it would be a query for nothing.
    key = page_key(name, request, depends, vary) if enabled() else None
    entry = pages.get(key) if key else None
    if entry is None:
        kept = {"title": "" if callable(title) else str(title)}

        def build():
            context = build_context()
            if callable(title):
                kept["title"] = str(title(context))
            return context

        body = str(render_body(request, body_template, build))
        entry = (body, kept["title"])
        if key and CSRF_FIELD not in body:  # a token is per user: never shared
            pages.set(key, entry, settings.PAGE_CACHE_SECONDS)
    body, page_title = entry
    frame = {
        "page_title": page_title,
        "page_stylesheet": static(stylesheet) if stylesheet else "",
        "page_class": page_class,
        "body": mark_safe(body),  # noqa: S308 - rendered by our own templates, autoescaped
    }
    return render(request, FRAME_TEMPLATE, frame)
