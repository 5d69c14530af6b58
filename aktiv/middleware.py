import time
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


class SessionIdleMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    A session ends SESSION_COOKIE_AGE after it was last saved. Saving it on every request
    (SESSION_SAVE_EVERY_REQUEST) costs a database write per page; instead the session is
    marked for saving only when SESSION_RENEW_SECONDS have passed since it was last
    renewed. Place it after SessionMiddleware, so its response step runs first.
    """

    KEY = "_aktiv_renewed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.session_key  # a browser session exists (no query for this)
            and not session.modified
            and response.status_code < 500
            and getattr(session, "_session_cache", None)  # loaded and not empty
        ):
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[self.KEY] = now
        return response
