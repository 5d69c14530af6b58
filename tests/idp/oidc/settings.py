"""A real OpenID Connect provider for the test suite: a small Django project with
django-oidc-provider, run as its own process (tests/idp/servers.py starts it).

Its users, their groups and its behaviour are set through /control/ (a JSON endpoint
guarded by IDP_CONTROL_TOKEN). Data lives in an SQLite file in a temporary folder.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ["IDP_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SITE_URL = os.environ["IDP_SITE_URL"]  # the issuer is SITE_URL + "/openid"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.idp.oidc.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["IDP_DATABASE"]}
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
LOGIN_URL = "/login/"
SESSION_COOKIE_NAME = "idp_session"  # another port, but the same host as Aktiv
CSRF_COOKIE_NAME = "idp_csrf"
OIDC_IDTOKEN_INCLUDE_CLAIMS = True
OIDC_EXTRA_SCOPE_CLAIMS = "tests.idp.oidc.claims.GroupsClaims"
OIDC_IDTOKEN_PROCESSING_HOOK = "tests.idp.oidc.claims.id_token_hook"
OIDC_SKIP_CONSENT_EXPIRE = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # a test server
LOGGING = {"version": 1, "disable_existing_loggers": False}
