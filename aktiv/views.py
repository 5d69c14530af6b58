import sys

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST

from . import paging, security
from .forms import AuditFilterForm
from .middleware import (
    DATABASE_DOWN_ERRORS,
    close_broken_connections,
    forget_session,
    unavailable_response,
)
from .models import AuditEvent, SitePage
from .roles import admin_required


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_DOWN_ERRORS:
        close_broken_connections()
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_POST
@never_cache
def keep_alive(request):
    """The session warning's "Fortsæt" (static/js/session.js): the idle time starts again.

    Writes nothing but the session. A browser whose session already ended gets 401 and
    the script says so (the text of an open form is kept in the browser)."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    request.session.modified = True  # saved now: SESSION_COOKIE_AGE from this moment
    return JsonResponse({"signed_in": True, "idle_seconds": settings.SESSION_COOKIE_AGE})


@admin_required
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("user")
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    page = paging.page_of(events.order_by("-at", "-id"), request.GET.get("side"), 50)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "aktiv/audit_log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "failed_logins": security.failed_login_summary(),
        },
    )


def login_locked_out(request, credentials=None, *args, **kwargs):
    """django-axes lockout: a Danish page saying how long to wait (status 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def site_page(request, slug):
    page = get_object_or_404(SitePage, slug=slug)
    return render(request, "aktiv/site_page.html", {"page": page})


def _caused_by_lost_database(exc):
    """Whether a lost database connection is anywhere in the exception's chain."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_DOWN_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _database_unavailable(request):
    close_broken_connections()
    forget_session(request)
    return unavailable_response(request)


def csrf_failure(request, reason=""):
    """The "Siden er udløbet" page in the site's frame (Django's own view renders without the
    request). The page tells the browser to keep the text of the form it sent
    (static/js/session.js): after signing in again the user is offered it back.
    The participants' forms never get here (workshops.participant_views.participant_csrf)."""
    return render(request, "403_csrf.html", {"keeps_saved_form": True}, status=403)


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    """Danish 400 page; a lost database becomes a 503 instead.

    Django's database session backend turns a lost connection during the session save
    (after the view ran; the session is saved on every request) into UpdateError, and
    SessionMiddleware that into SessionInterrupted, a 400 "Bad Request". The cause is
    still in the exception's chain.
    """
    if _caused_by_lost_database(exception):
        return _database_unavailable(request)
    return defaults.bad_request(request, exception, template_name=template_name)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Danish 500 page without traceback; a lost database becomes a 503 instead."""
    if _caused_by_lost_database(sys.exc_info()[1]):
        return _database_unavailable(request)
    return HttpResponseServerError(render_to_string(template_name, {"request": request}))
