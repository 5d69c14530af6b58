"""Pages of aktiv.accounts: user administration (administrators), the page for a user with
no role, the page that sends an administrator to set up two-factor sign-in, and logout
(which also ends the identity provider's session where it supports that)."""

from urllib.parse import urlencode

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aktiv import audit, paging
from aktiv.roles import ROLES, admin_required, role_names

from . import services, sso
from .forms import InviteForm, RolesForm, UserFilterForm
from .middleware import mfa_required, mfa_satisfied
from .providers import SESSION_OIDC_LOGOUT

TWO_FACTOR_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def _users():
    return (
        get_user_model()
        .objects.prefetch_related("groups", "socialaccount_set")
        .annotate(
            has_mfa=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type__in=TWO_FACTOR_TYPES)
            )
        )
    )


@admin_required
def user_list(request):
    form = UserFilterForm(request.GET or None)
    users = _users().order_by("-is_active", "username")
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"]
        users = users.filter(
            Q(username__icontains=q)
            | Q(email__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
        )
    page = paging.page_of(users, request.GET.get("side"), 50)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@admin_required
def invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invite_user(
                request.user,
                email=data["email"],
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                roles=data["roles"],
                administrator=data["administrator"],
                site_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(user)s er inviteret. Invitationen er sendt til %(email)s.")
                % {"user": user.username, "email": user.email},
            )
            return redirect("accounts:user", pk=user.pk)
    return render(request, "accounts/invite.html", {"form": form})


@admin_required
def user_detail(request, pk):
    user = get_object_or_404(_users(), pk=pk)
    current = {
        "roles": sorted(g.name for g in user.groups.all()),
        "administrator": user.is_superuser,
    }
    form = RolesForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_roles(
                request.user,
                user,
                roles=form.cleaned_data["roles"],
                administrator=form.cleaned_data["administrator"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Rollerne er gemt."))
            return redirect("accounts:user", pk=user.pk)
    events = (
        audit.AuditEvent.objects.filter(object_type="auth.user", object_id=str(user.pk))
        .select_related("user")
        .order_by("-at", "-id")[:20]
    )
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": user,
            "form": form,
            "events": events,
            "sso_accounts": list(user.socialaccount_set.all()),
            "roles_from_provider": sso.roles_managed_by_provider(),
        },
    )


def _change_active(request, pk, service, done):
    user = get_object_or_404(get_user_model(), pk=pk)
    try:
        service(request.user, user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done % {"user": user.username})
    return redirect("accounts:user", pk=user.pk)


@require_POST
@admin_required
def deactivate(request, pk):
    return _change_active(
        request, pk, services.deactivate_user, _("%(user)s er deaktiveret og kan ikke logge ind.")
    )


@require_POST
@admin_required
def reactivate(request, pk):
    return _change_active(request, pk, services.reactivate_user, _("%(user)s er aktiv igen."))


def no_role(request):
    """A signed-in user without any role: whom to ask, instead of an empty site."""
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.is_superuser or role_names(request.user):
        return redirect("reports:home")
    administrators = (
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .order_by("first_name", "username")[:5]
    )
    return render(
        request,
        "accounts/no_role.html",
        {
            "contact": sso.rules()["role_contact"],
            "administrators": administrators,
            "roles": ROLES,
        },
    )


def mfa_setup_required(request):
    """Where an administrator without two-factor sign-in is sent before anything else."""
    if not request.user.is_authenticated:
        return redirect("login")
    if not mfa_required(request.user) or mfa_satisfied(request):
        return redirect("reports:home")
    return render(request, "accounts/mfa_required.html", {})


@require_POST
def logout(request):
    """Sign out of Aktiv; after a single sign-on through OpenID Connect also of the
    provider (RP-initiated logout), when it publishes an end-session endpoint."""
    oidc = request.session.get(SESSION_OIDC_LOGOUT)
    if request.user.is_authenticated:
        services.record_sign_out(request.user)
        get_account_adapter(request).logout(request)
    if oidc and sso.rules()["oidc_logout"]:
        query = urlencode(
            {
                "id_token_hint": oidc["id_token_hint"],
                "client_id": oidc["client_id"],
                "post_logout_redirect_uri": request.build_absolute_uri(reverse("reports:home")),
            }
        )
        separator = "&" if "?" in oidc["endpoint"] else "?"
        return HttpResponseRedirect(oidc["endpoint"] + separator + query)
    return redirect("reports:home")
