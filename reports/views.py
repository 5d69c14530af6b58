from django.shortcuts import render

from aktiv.roles import MANAGER, STAFF, role_required


@role_required(STAFF, MANAGER)
def report(request):
    return render(request, "reports/report.html")
