"""The root URLconf. Apps are included by name (strings), never imported: the layers
run aktiv → domains → stories → workshops → reports and aktiv is the lowest."""

from allauth.account import views as allauth_views
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views
from .accounts import views as account_views

# The Django admin signs in through Aktiv's sign-in (and its two-factor step), never
# through a login form of its own.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # The participants' pages first: a whole room votes at once (URL matching is in order).
    path("w/", include("workshops.participant_urls")),
    # Sign-in (django-allauth; stable URLs /accounts/login/ and /accounts/logout/), then
    # Aktiv's account pages (user administration), then the rest of allauth: password
    # reset, two-factor sign-in (/accounts/2fa/), single sign-on (/accounts/oidc/,
    # /accounts/saml/).
    path("accounts/login/", allauth_views.login, name="login"),
    path("accounts/logout/", account_views.logout, name="logout"),
    path("accounts/", include("aktiv.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("audit/", views.audit_log, name="audit_log"),
    path("tilgaengelighed/", views.site_page, {"slug": "tilgaengelighed"}, name="accessibility"),
    path("privatliv/", views.site_page, {"slug": "privatliv"}, name="privacy"),
    # /domains/new/ and /domains/<slug>/edit/ before the summaries at /domains/<slug>/.
    path("domains/", include("domains.urls")),
    path("stories/", include("stories.urls")),
    path("coding/", include("coding.urls")),
    path("workshops/", include("workshops.urls")),
    path("public/", include("stories.public_urls")),
    # Blind double coding and domain suggestions (the top layer).
    path("agreement/", include("agreement.urls")),
    # The pages that combine apps: start page, domain summaries, report, feedback.
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "aktiv.views.bad_request"
handler500 = "aktiv.views.server_error"
