import time
from importlib import import_module

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

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


# What the site never uses: a page (or an injected script) may not ask for it. Security
# keys and passkeys (two-factor sign-in, WebAuthn) are used by the site itself only.
PERMISSIONS_POLICY = ", ".join(
    [
        f"{feature}=(self)"
        for feature in ("publickey-credentials-create", "publickey-credentials-get")
    ]
    + [
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    ]
)


class SecurityHeadersMiddleware:
    """Headers every response gets, in one place.

    - Permissions-Policy: no camera, microphone, location, payment and the like.
    - Cache-Control: no-store for every response to a signed-in user and every page of
      the public stories: a page with story text must not stay in a browser's or a
      proxy's cache (a shared municipal PC, say).
    """

    NO_STORE_PREFIXES = ("/public/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith(self.NO_STORE_PREFIXES):
            add_never_cache_headers(response)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than REQUEST_MAX_BYTES before anything reads it.

    Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams a file upload of
    any size to disk. The import takes files under 20 MB, so the bound is a little more;
    the proxy in front should refuse the same (README, client_max_body_size).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            return HttpResponse(
                _("Forespørgslen er for stor."), status=413, content_type="text/plain"
            )
        return self.get_response(request)
