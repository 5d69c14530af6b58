"""The public stories page: stories with publish consent only, nothing that identifies."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from aktiv import paging
from domains.models import Domain

from . import selectors
from .models import Story
from .tallies import Audience

PER_PAGE = 20


@never_cache  # withdrawing consent must remove a story at once
def public_stories(request):
    domains = list(Domain.objects.all())
    by_slug = {d.slug: d for d in domains}
    chosen = by_slug.get(request.GET.get("domain", ""))
    stories = (
        Story.objects.for_public()
        .only("pk", "title", "text")
        .prefetch_related(Prefetch("domains", queryset=Domain.objects.only("pk", "name", "slug")))
        .order_by("-consent_publish_on", "-pk")
    )
    if chosen is not None:
        stories = stories.filter(domains=chosen)
        total = selectors.counts_by_domain(Audience.PUBLISH).get(chosen.pk, 0)
    else:
        total = selectors.story_total(Audience.PUBLISH)
    page = paging.page_of(stories, request.GET.get("side"), PER_PAGE, total=total)
    used = [d for d in domains if d.is_active or d == chosen]
    return render(
        request,
        "stories/public_list.html",
        {
            "page": page,
            "stories": page.object_list,
            "domains": used,
            "chosen": chosen,
            "unknown_domain": bool(request.GET.get("domain")) and chosen is None,
        },
    )
