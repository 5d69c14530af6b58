"""What a coding round page shows, read in a fixed number of queries."""

from collections import defaultdict

from django.contrib.auth import get_user_model

from domains.models import Domain
from stories.models import Story

from . import statistics
from .models import Coding, Resolution


def round_state(round_, user):
    """Stories (with analysis consent still), coders, domains, who coded what, and, once
    every coder is done or the round is closed, the agreement and the disagreements."""
    stories = list(
        Story.objects.for_analysis()
        .filter(pk__in=round_.stories.values("pk"))
        .order_by("pk")
        .only("pk", "title")
    )
    coders = list(get_user_model().objects.filter(coding_rounds=round_).order_by("username"))
    domains = list(
        Domain.objects.filter(pk__in=round_.domains.values("pk")).order_by("order", "name")
    )
    chosen = defaultdict(dict)  # story id -> coder id -> set of domain ids
    for story_id, coder_id, domain_id in Coding.objects.filter(round=round_).values_list(
        "story_id", "coder_id", "domains__id"
    ):
        answer = chosen[story_id].setdefault(coder_id, set())
        if domain_id is not None:
            answer.add(domain_id)
    resolutions = {}
    for story_id, domain_id, note, applied in Resolution.objects.filter(round=round_).values_list(
        "story_id", "domains__id", "note", "applied"
    ):
        entry = resolutions.setdefault(
            story_id, {"domains": set(), "note": note, "applied": applied}
        )
        if domain_id is not None:
            entry["domains"].add(domain_id)
    done = {coder.pk: sum(1 for s in stories if coder.pk in chosen[s.pk]) for coder in coders}
    complete = bool(stories) and all(count == len(stories) for count in done.values())
    state = {
        "stories": stories,
        "coders": [{"user": c, "done": done[c.pk]} for c in coders],
        "domains": domains,
        "is_coder": any(c.pk == user.pk for c in coders),
        "mine": [{"story": s, "coded": user.pk in chosen.get(s.pk, {})} for s in stories],
        "complete": complete,
        "show_results": complete or round_.closed_at is not None,
    }
    if state["show_results"]:
        state.update(_results(stories, coders, domains, chosen, resolutions))
    return state


def _results(stories, coders, domains, chosen, resolutions):
    codings = [[chosen[s.pk].get(c.pk) for c in coders] for s in stories]
    result = statistics.agreement(codings, [d.pk for d in domains])
    names = {d.pk: d.name for d in domains}
    per_domain = [{"domain": d, **result["per_domain"][d.pk]} for d in domains]
    disagreements = []
    for story, unit in zip(stories, codings, strict=True):
        answers = [a for a in unit if a is not None]
        if len(answers) >= 2 and any(a != answers[0] for a in answers):
            resolution = resolutions.get(story.pk)
            disagreements.append(
                {
                    "story": story,
                    "answers": [
                        {"coder": c, "names": _names(a, names, domains)}
                        for c, a in zip(coders, unit, strict=True)
                    ],
                    "resolution": resolution
                    and {**resolution, "names": _names(resolution["domains"], names, domains)},
                }
            )
    return {
        "statistic": result["statistic"],
        "overall": result["overall"],
        "per_domain": per_domain,
        "disagreements": disagreements,
        "codings": {s.pk: unit for s, unit in zip(stories, codings, strict=True)},
    }


def _names(chosen, names, domains):
    if chosen is None:
        return None
    return [names[d.pk] for d in domains if d.pk in chosen]
