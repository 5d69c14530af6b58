"""The root URLconf. Apps are included by name (strings), never imported: the layers
run aktiv → domains → stories → workshops → reports and aktiv is the lowest."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import LoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # The participants' pages first: a whole room votes at once (URL matching is in order).
    path("w/", include("workshops.participant_urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("audit/", views.audit_log, name="audit_log"),
    path("tilgaengelighed/", views.site_page, {"slug": "tilgaengelighed"}, name="accessibility"),
    path("privatliv/", views.site_page, {"slug": "privatliv"}, name="privacy"),
    # /domains/new/ and /domains/<slug>/edit/ before the summaries at /domains/<slug>/.
    path("domains/", include("domains.urls")),
    path("stories/", include("stories.urls")),
    path("workshops/", include("workshops.urls")),
    path("public/", include("stories.public_urls")),
    # The pages that combine apps: start page, domain summaries, report, feedback.
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "aktiv.views.bad_request"
handler500 = "aktiv.views.server_error"
