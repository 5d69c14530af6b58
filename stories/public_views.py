from django.shortcuts import render

from .models import Story


def public_stories(request):
    stories = Story.objects.for_public().prefetch_related("domains")[:50]
    return render(request, "stories/public_list.html", {"stories": stories})
