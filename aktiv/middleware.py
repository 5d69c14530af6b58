from importlib import import_module

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)


def unavailable_response(request):
    """The Danish 503 page, rendered without touching the database."""
    html = render_to_string("503.html", {"request": request})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "10"
    return response


def close_broken_connections():
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DATABASE_DOWN_ERRORS:
            pass


def forget_session(request):
    """Swap in a stand-in session so SessionMiddleware neither queries the lost database
    again nor logs the user out.

    The stand-in keeps the browser's session key with nothing loaded: it is not empty (an
    empty session makes SessionMiddleware delete the cookie, which would log every user
    out on a database blip) and, the response being a 5xx, it is not saved either.
    """
    if hasattr(request, "session"):
        store = import_module(settings.SESSION_ENGINE).SessionStore(request.session.session_key)
        store._session_cache = {}  # loaded as nothing: no query, no cookie change
        request.session = store


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into a 503 "prøv igen om lidt", never a 500.

    Errors raised by views arrive in process_exception; errors raised by other
    middleware (a session save, say) reach handler500, which does the same check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            close_broken_connections()
            forget_session(request)
            return unavailable_response(request)
        return None
