"""Creating and editing change domains. The overview and the domain summaries combine
stories and workshops and live in reports (reports.views)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aktiv.roles import FACILITATOR, STAFF, role_required

from . import services
from .forms import DomainForm, lix_sentence
from .models import Domain
from .readability import lix


def _lix_note(domain):
    """The saved easy-read statement's LIX, for the message after saving."""
    value = lix(domain.easy_statement)
    return "" if value is None else " " + lix_sentence(value)


@role_required(STAFF, FACILITATOR)
@permission_required("domains.add_domain", raise_exception=True)
def domain_create(request):
    form = DomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain = services.create_domain(user=request.user, **form.cleaned_data)
        messages.success(request, _("Forandringsområdet er oprettet.") + _lix_note(domain))
        return redirect(domain)
    return render(request, "domains/domain_form.html", {"form": form, "domain": None})


@role_required(STAFF, FACILITATOR)
@permission_required("domains.change_domain", raise_exception=True)
def domain_edit(request, slug):
    domain = get_object_or_404(Domain, slug=slug)
    form = DomainForm(request.POST or None, instance=domain)
    if request.method == "POST" and form.is_valid():
        domain = services.update_domain(domain.pk, user=request.user, **form.cleaned_data)
        messages.success(request, _("Ændringerne er gemt.") + _lix_note(domain))
        return redirect(domain)
    return render(request, "domains/domain_form.html", {"form": form, "domain": domain})
