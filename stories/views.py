from django.shortcuts import render

from aktiv.roles import STAFF, role_required

from .models import Story


@role_required(STAFF)
def story_list(request):
    stories = Story.objects.all()[:50]
    return render(request, "stories/story_list.html", {"stories": stories})


@role_required(STAFF)
def story_create(request):
    return render(request, "stories/story_list.html", {"stories": []})
