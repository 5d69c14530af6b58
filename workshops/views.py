from django.shortcuts import render

from aktiv.roles import FACILITATOR, role_required

from .models import Workshop


@role_required(FACILITATOR)
def workshop_list(request):
    workshops = Workshop.objects.all()[:50]
    return render(request, "workshops/workshop_list.html", {"workshops": workshops})


@role_required(FACILITATOR)
def workshop_create(request):
    return render(request, "workshops/workshop_list.html", {"workshops": []})


def enter_code(request):
    return render(request, "workshops/workshop_list.html", {"workshops": []})
