"""Creating and editing change domains. The overview and the domain summaries combine
stories and workshops and live in reports (reports.views)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aktiv.roles import FACILITATOR, STAFF, role_required

from . import services
from .forms import DomainForm
from .models import Domain


@role_required(STAFF, FACILITATOR)
@permission_required("domains.add_domain", raise_exception=True)
def domain_create(request):
    form = DomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain = services.create_domain(user=request.user, **form.cleaned_data)
        messages.success(request, _("Domænet er oprettet."))
        return redirect(domain)
    return render(request, "domains/domain_form.html", {"form": form, "domain": None})


@role_required(STAFF, FACILITATOR)
@permission_required("domains.change_domain", raise_exception=True)
def domain_edit(request, slug):
    domain = get_object_or_404(Domain, slug=slug)
    form = DomainForm(request.POST or None, instance=domain)
    if request.method == "POST" and form.is_valid():
        domain = services.update_domain(domain.pk, user=request.user, **form.cleaned_data)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(domain)
    return render(request, "domains/domain_form.html", {"form": form, "domain": domain})
