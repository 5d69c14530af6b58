"""Settings for Aktiv, read from the environment (see .env.example)."""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from aktiv.accounts import config as sso_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# Build-time commands that never sign anything may run without the secret (a CI image
# or a build step has none); everything that serves or touches data refuses.
BUILD_COMMANDS = {"makemigrations", "collectstatic", "compilemessages", "makemessages"}
_build_step = (
    len(sys.argv) > 1 and Path(sys.argv[0]).name == "manage.py" and (sys.argv[1] in BUILD_COMMANDS)
)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and not DEBUG and _build_step:
    SECRET_KEY = secrets.token_urlsafe(50)  # thrown away when the command ends
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Aktiv refuses to start in production without it "
            "(set DJANGO_DEBUG=true for local development)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "aktiv",
    "domains",
    "stories",
    "coding",
    "workshops",
    "reports",
    "agreement",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    # Sign-in: local accounts, single sign-on (OpenID Connect, SAML 2.0) and two-factor
    # sign-in (TOTP, recovery codes, WebAuthn) from django-allauth; Aktiv's part (role
    # mapping, user administration, the two-factor rules) is aktiv.accounts.
    "aktiv.accounts",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.mfa",
]

MIDDLEWARE = [
    "aktiv.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "aktiv.page_cache.RequestVersionsMiddleware",
    "aktiv.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "aktiv.middleware.SessionIdleMiddleware",
    "aktiv.locale_middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Administrators (or everyone, by setting) set up two-factor sign-in before anything
    # else; a user whose sign-in gave no role sees whom to ask.
    "aktiv.accounts.middleware.SignInRulesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "aktiv.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the Danish lockout page.
    "axes.middleware.AxesMiddleware",
]

# Request bodies are bounded: a whole request (the import takes files under 20 MB), the
# form fields held in memory, the number of fields and of files. The proxy in front
# refuses larger bodies too (README, "Deploying").
REQUEST_MAX_BYTES = env_int("AKTIV_REQUEST_MAX_BYTES", 24 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 1
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "aktiv.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aktiv.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "aktiv.wsgi.application"

# PostgreSQL from DATABASE_URL; `make run` and `make test` start an embedded one and set
# it. Never a silent fallback: only the build commands run without a database.
_database_url = os.environ.get("DATABASE_URL", "")
if not _database_url and not _build_step:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Aktiv runs on PostgreSQL: use `make run` or `make test` "
        "(they start an embedded PostgreSQL), or set "
        "DATABASE_URL=postgres://user:password@host:5432/aktiv."
    )
DATABASES = {
    "default": dj_database_url.parse(
        _database_url,
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if _database_url
    else {"ENGINE": "django.db.backends.dummy"}  # a build command: no data touched
}
if _database_url and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    # The counts, consent rules, audit log and search live in PostgreSQL (triggers,
    # constraints, a stored search vector): there is no other engine to fall back on.
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL (postgres://user:password@host:5432/aktiv); "
        "Aktiv runs on PostgreSQL only."
    )
if _database_url:
    # Fail fast (instead of hanging) when PostgreSQL is down; the middleware
    # answers 503 with a Danish "prøv igen om lidt" page.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DJANGO_DB_CONNECT_TIMEOUT", 5
    )
    # Server-side prepared statements: PostgreSQL then skips parsing and planning of a
    # statement a connection has run five times. Off by default: they break behind a
    # transaction-pooling PgBouncer (statements prepared on another server connection).
    if env_bool("DJANGO_DB_PREPARED_STATEMENTS", False):
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # allauth's backend (username or e-mail), loading the roles in the same query.
    "aktiv.backends.RoleModelBackend",
]

# Login throttling (django-axes): lock a username *from one address* after repeated
# failures, for 15 minutes counted from the last counted failure. Attempts made while
# locked are not counted, so they never extend the lock; a lock is never permanent.
AXES_FAILURE_LIMIT = env_int("AKTIV_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AKTIV_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "aktiv.views.login_locked_out"
# Every failure is logged (username, address, time), so a slow attack across many
# usernames or addresses is noticed: aktiv.security warns at this many in 15 minutes.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AKTIV_FAILED_LOGIN_ALERT = env_int("AKTIV_FAILED_LOGIN_ALERT", 50)
AXES_VERBOSE = False
# The sign-in form sends `username` (a user name or an e-mail address); allauth hands
# django-axes either `username` or `email`.
AXES_USERNAME_CALLABLE = "aktiv.accounts.sso.axes_username"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:home"
LOGOUT_REDIRECT_URL = "reports:home"

# --- Sign-in (django-allauth; Aktiv's rules in aktiv.accounts) ------------------------------
# Local accounts: sign in with user name or e-mail; nobody signs up by themselves (an
# administrator invites), a forgotten password is reset by e-mail.
ACCOUNT_ADAPTER = "aktiv.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "aktiv.accounts.adapter.SocialAccountAdapter"
ACCOUNT_FORMS = {"login": "aktiv.accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False  # sessions end with the browser and after idle time
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Aktiv] "
# django-axes throttles failed local sign-ins (above); allauth's own counter is off so
# the two never disagree. Its other limits (password reset requests etc.) stay.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# Single sign-on: users are created at their first sign-in; their roles follow the
# provider's group or role claims (AKTIV_SSO_ROLE_MAP) at every sign-in.
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False  # a sign-in starts with a POST (no login CSRF)
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True  # an invited user is found by verified e-mail
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS = sso_config.providers(os.environ)
AKTIV_SSO = sso_config.rules(os.environ)

# Two-factor sign-in: TOTP with recovery codes, and WebAuthn (security keys, passkeys).
# Required for administrators; AKTIV_MFA_REQUIRED_FOR_ALL=true requires it for everyone.
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = os.environ.get("AKTIV_MFA_ISSUER", "Aktiv")
MFA_RECOVERY_CODE_COUNT = 10
MFA_TRUST_ENABLED = False
# WebAuthn over plain http is only for development and the test suite (localhost).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("AKTIV_WEBAUTHN_ALLOW_HTTP", DEBUG)
AKTIV_MFA_REQUIRED_FOR_ALL = env_bool("AKTIV_MFA_REQUIRED_FOR_ALL", False)

# E-mail (invitations, password reset): SMTP from the environment; without EMAIL_HOST
# the console (DEBUG, `make run`) or nothing is sent (a warning in the log).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "aktiv@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)

# Internationalisation: Danish first, English available.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "da")
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / os.environ.get("DJANGO_STATIC_ROOT", "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "aktiv.static_storage.StaticFilesStorage"
        )
    },
}

# The organisation shown in the header band and the footer (Det Fælles Designsystem's
# header): its name, and optionally a logo: a path under static/ (vendored, never a URL).
AKTIV_ORGANISATION_NAME = os.environ.get("AKTIV_ORGANISATION_NAME", "Aalborg AKTIV")
AKTIV_ORGANISATION_LOGO = os.environ.get("AKTIV_ORGANISATION_LOGO", "")
# Signed-in pages warn this many seconds before the idle session ends (static/js/session.js).
AKTIV_SESSION_WARNING_SECONDS = env_int("AKTIV_SESSION_WARNING_SECONDS", 300)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions end after a configurable idle time (sliding expiry).
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_MINUTES", 60) * 60
# Sessions end after SESSION_COOKIE_AGE without a request. Rather than write the session
# on every request, aktiv.middleware.SessionIdleMiddleware renews it at most once a
# minute (so "idle" means 59-60 minutes at the default of 60).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "aktiv.views.csrf_failure"
CSRF_COOKIE_SAMESITE = "Lax"

# Transport security (production). Behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER through DJANGO_BEHIND_PROXY=true.
SECURE_COOKIES = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append the address they saw to X-Forwarded-For; the client's address
# is that many entries from the right (aktiv.clients). 0: REMOTE_ADDR is the client.
AKTIV_TRUSTED_PROXIES = env_int("AKTIV_TRUSTED_PROXIES", 1 if BEHIND_PROXY else 0)
# Every lock and count per address uses that one rule, django-axes' lockout too.
AXES_CLIENT_IP_CALLABLE = "aktiv.clients.client_address"

# Content Security Policy (django-csp 4): nothing inline, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The identity providers' origins: a sign-in form posts here, then redirects there.
        "form-action": ["'self'", *sso_config.form_action_origins(os.environ)],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Rendered page bodies are cached under data versions that PostgreSQL bumps on every
# write (aktiv.page_cache); this bounds their age, and 0 turns the cache off.
PAGE_CACHE_SECONDS = env_int("AKTIV_PAGE_CACHE_SECONDS", 300)

# The caches live in each process's memory: story text is never written to disk or sent
# to another service. "pages" holds rendered page bodies (20-100 kB each), so it is
# bounded to keep a worker well under 150 MB.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "aktiv"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "aktiv-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("AKTIV_PAGE_CACHE_ENTRIES", 300)},
    },
    # Pieces of the page frame ({% cache %} in templates/base.html and its includes: the
    # assets' links, the menu, the footer, the scripts with their words; and a workshop's
    # page links, templates/workshops/_nav.html). They hold no data, only the templates'
    # output per language and roles (and a workshop's id and kind), so they stay on with
    # the page cache off. One entry per workshop and page viewed: room for some hundreds.
    "frame": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "aktiv-frame",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# Domain suggestions (agreement.suggestions): computed on the server from the
# installation's own tagged stories; off with AKTIV_DOMAIN_SUGGESTIONS=false. With fewer
# tagged stories (with analysis consent) than the minimum, nothing is suggested.
AKTIV_DOMAIN_SUGGESTIONS = env_bool("AKTIV_DOMAIN_SUGGESTIONS", True)
AKTIV_SUGGESTION_MIN_STORIES = env_int("AKTIV_SUGGESTION_MIN_STORIES", 20)

# Audit-log entries older than this are removed by `manage.py prune_audit`.
AUDIT_RETENTION_DAYS = env_int("AKTIV_AUDIT_RETENTION_DAYS", 180)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# The organisation, as the learning report names it ("Hvad kan vi lære af Aalborg AKTIV
# …") and as the Word report's author (aktiv.organisation).
AKTIV_ORGANISATION_NAME = os.environ.get("AKTIV_ORGANISATION_NAME", "Aalborg AKTIV")
