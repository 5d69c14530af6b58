"""Meta-monitoring on the manager's start page: who collects how many stories, when,
with which consent; workshops held; domains with few stories. Aggregates only (no
titles, codes or collector names), from the tallies PostgreSQL keeps: a fixed number of
small queries whatever the data size."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from aktiv.disclosure import hidden_keys
from aktiv.roles import STAFF, has_role
from stories import selectors as story_selectors
from stories.tallies import NO_ROUND, Audience
from workshops import report_selectors
from workshops import selectors as workshop_selectors

from .summaries import few_stories


def _share(n, total):
    return round(100 * n / total) if total else 0


def _month_end(month):
    import calendar

    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _without_small_counts(rows):
    """Rows of one breakdown with the counts that could point at one person hidden (n and
    link None), complementary ones too (aktiv.disclosure): a bucket of one story by one
    collector in one month says who told what, and total minus the others would too."""
    hidden = hidden_keys({index: row["n"] for index, row in enumerate(rows)})
    for index in hidden:
        rows[index]["n"] = None
        rows[index]["url"] = None
    return rows


def _waiting_for_feedback(can_list):
    """The storytellers still waiting for feedback (one query, from the tallies). Their
    codes and links only for a reader who may open the stories (staff): a code links to
    the storyteller's stories, a story without a code to its feedback page; a manager
    sees them numbered, with how many stories and since when."""
    rows, total = workshop_selectors.storytellers_waiting_for_feedback()

    def shown(index, teller):
        if not can_list:
            return _("Fortæller %(n)s") % {"n": index}, None
        if teller.startswith("#"):
            number = teller[1:]
            return _("Fortælling #%(n)s") % {"n": number}, reverse(
                "reports:feedback", args=[int(number)]
            )
        return teller, "/stories/?" + urlencode({"storyteller_code": teller})

    waiting = []
    for index, row in enumerate(rows, start=1):
        label, url = shown(index, row["teller"])
        waiting.append(
            {"label": label, "url": url, "stories": row["stories"], "since": row["since"]}
        )
    return {"rows": waiting, "total": total, "more": total - len(rows)}


def manager_overview(user):
    can_list = has_role(user, STAFF)  # the story list is staff's; managers see the numbers

    def link(**params):
        return "/stories/?" + urlencode(params) if can_list else None

    counts = story_selectors.collection_counts()
    shares = counts["shares"]
    total = shares["total"]
    per_round = {row["round_id"]: row["n"] for row in counts["per_round"]}
    rounds = [
        {"label": round_.name, "n": per_round[round_.pk], "url": link(round=round_.pk)}
        for round_ in report_selectors.rounds()
        if per_round.get(round_.pk)
    ]
    if per_round.get(NO_ROUND):
        rounds.append({"label": _("Uden runde"), "n": per_round[NO_ROUND], "url": None})
    collectors = [
        {
            "label": _("Indsamler %(n)s") % {"n": index},
            "n": row["n"],
            "url": link(collector=row["collector_id"]) if row["collector_id"] else None,
        }
        for index, row in enumerate(counts["per_collector"], start=1)
    ]
    months = [
        {
            "month": row["month"],
            "n": row["n"],
            "url": link(
                date_from=row["month"].isoformat(), date_to=_month_end(row["month"]).isoformat()
            )
            if row["month"]
            else None,
        }
        for row in counts["per_month"]
    ]
    rounds, collectors, months = (
        _without_small_counts(rows) for rows in (rounds, collectors, months)
    )
    consent = [
        {
            "label": label,
            "n": shares[key],
            "share": _share(shares[key], total),
            "url": link(consent=key),
        }
        for key, label in (
            ("analysis", _("Samtykke til analyse")),
            ("report", _("Samtykke til rapporten")),
            ("publish", _("Samtykke til offentliggørelse")),
            ("withdrawn", _("Samtykke trukket tilbage")),
        )
    ]
    workshops = report_selectors.workshops_per_round()
    few = [
        {"domain": domain, "n": n, "url": domain.get_absolute_url()}
        for domain, n in few_stories(Audience.REPORT)
    ]
    return {
        "waiting": _waiting_for_feedback(can_list),
        "total": total,
        "ready": shares["ready"],
        "rounds": rounds,
        "collectors": collectors,
        "months": months,
        "consent": consent,
        "read_back": {"n": shares["read_back"], "share": _share(shares["read_back"], total)},
        "workshops": workshops,
        "workshops_held": sum(w["held"] for w in workshops),
        "participants": sum(w["participants"] for w in workshops),
        "few": few,
        "any_hidden": any(row["n"] is None for row in (*rounds, *collectors, *months)),
        "all_url": link(),
    }
