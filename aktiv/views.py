import sys

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from .forms import AuditFilterForm
from .middleware import (
    DATABASE_DOWN_ERRORS,
    close_broken_connections,
    forget_session,
    unavailable_response,
)
from .models import AuditEvent, SitePage
from .roles import MANAGER, admin_required, has_role


def home(request):
    """Start page: what each role can do next; a welcome page for visitors."""
    context = {}
    if has_role(request.user, MANAGER):
        from reports.overview import manager_overview

        context["manager_overview"] = manager_overview(request.user)
    return render(request, "aktiv/home.html", context)


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


@admin_required
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("user")
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    page = Paginator(events, 50).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "aktiv/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def login_locked_out(request, credentials=None, *args, **kwargs):
    """django-axes lockout: a Danish page saying how long to wait (status 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def site_page(request, slug):
    page = get_object_or_404(SitePage, slug=slug)
    return render(request, "aktiv/site_page.html", {"page": page})


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Danish 500 page without traceback; a lost database becomes a 503 instead."""
    exc = sys.exc_info()[1]
    while exc is not None:
        if isinstance(exc, DATABASE_DOWN_ERRORS):
            close_broken_connections()
            forget_session(request)
            return unavailable_response(request)
        exc = exc.__cause__ or exc.__context__
    return HttpResponseServerError(render_to_string(template_name, {"request": request}))
