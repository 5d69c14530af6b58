import functools

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from aktiv import audit, lookups, page_cache
from aktiv.roles import FACILITATOR, MANAGER, STAFF, role_required
from reports import wording
from reports.builder import learn_heading, organisation_name
from reports.forms import Choice

from . import selectors
from .forms import DomainForm
from .models import Domain

READERS = (STAFF, FACILITATOR, MANAGER)


@role_required(*READERS)
def domain_list(request):
    """The ten domains ranked by a chosen workshop, with story counts and cross tables."""

    def build():
        choice = Choice(request.GET)
        context = selectors.overview(request.user, choice.round, choice.workshop)
        context.update(choice=choice, query=urlencode(choice.query()))
        return context

    return page_cache.cached_page(
        request, "domains:list", "domains/domain_list.html", "domains/_domain_list_body.html", build
    )


@role_required(*READERS)
def domain_detail(request, slug):
    """A domain's summary in the report's order of sections."""
    find = functools.cache(lambda: lookups.get_or_404(Domain, slug=slug))

    def build():
        domain = find()
        choice = Choice(request.GET)
        context = selectors.summary(request.user, domain, choice.round, choice.workshop)
        context.update(
            domain=domain,
            choice=choice,
            query=urlencode(choice.query()),
            learn_heading=learn_heading(),
            organisation=organisation_name(),
            groups_sentence=wording.groups_discussed_sentence(context["groups"])
            if context["groups"]
            else "",
        )
        return context

    return page_cache.cached_page(
        request,
        "domains:detail",
        "domains/domain_detail.html",
        "domains/_domain_detail_body.html",
        build,
        page_context=lambda: {"domain": find()},  # only looked up when rendered
    )


def _changed_fields(form):
    return sorted(form.changed_data)


@role_required(STAFF, FACILITATOR)
@permission_required("domains.add_domain", raise_exception=True)
def domain_create(request):
    form = DomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain = form.save()
        audit.record(request, audit.Action.CREATE, domain)
        messages.success(request, _("Domænet er oprettet."))
        return redirect(domain)
    return render(request, "domains/domain_form.html", {"form": form, "domain": None})


@role_required(STAFF, FACILITATOR)
@permission_required("domains.change_domain", raise_exception=True)
def domain_edit(request, slug):
    domain = get_object_or_404(Domain, slug=slug)
    was_active = domain.is_active
    form = DomainForm(request.POST or None, instance=domain)
    if request.method == "POST" and form.is_valid():
        domain = form.save()
        detail = {"felter": _changed_fields(form)}
        if was_active and not domain.is_active:
            detail["udfaset"] = True
        audit.record(request, audit.Action.EDIT, domain, **detail)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(domain)
    return render(request, "domains/domain_form.html", {"form": form, "domain": domain})
