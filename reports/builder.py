"""The learning report as data: one structure rendered both as HTML and as Word.

`build_report(edition)` builds a report edition (reports.models.Edition) from what it
names: the stories of its rounds that have report consent (`Story.objects.for_report()`,
never storyteller codes or collectors), the ranking of its ranking workshops (their
votes added up), and quotes, "groups discussed" and selections of its own workshops
only. A rehearsal workshop, or one opened again, counts nowhere. The texts are the
edition's, with their placeholders filled in (reports.placeholders). A fixed number of
queries whatever the number of stories or ballots.

`build_report(edition, story_ids=...)` rebuilds a published edition from its manifest:
only those stories, and only while they still have consent; the domains' texts as they
were when it was published.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktiv import organisation
from aktiv.dates import short_date
from coding import selectors as coding_selectors
from domains.models import Domain
from domains.services import DOMAIN_FIELDS
from stories import selectors as story_selectors
from stories.models import Story
from stories.tallies import Audience
from workshops import report_selectors
from workshops.selectors import combined_ranking

from . import editions, placeholders, seed, wording
from .blocks import blocks

TEXT_KEYS = editions.TEXT_KEYS
AUDIENCE = Audience.REPORT
# A published edition keeps the domains as a person edited them (the form's fields).
DOMAIN_SNAPSHOT_FIELDS = DOMAIN_FIELDS


def organisation_name():
    return organisation.name()


def learn_heading():
    return _("Hvad kan vi lære af %(org)s om, hvad der skaber forandring?") % {
        "org": organisation_name()
    }


@dataclass
class DomainSection:
    domain: Domain
    result: object = None  # workshops.selectors.DomainResult or None
    examples: list = field(default_factory=list)  # [{"id", "title"}]
    selections: list = field(default_factory=list)  # [Selection], the story's text loaded
    quotes_why: list = field(default_factory=list)
    quotes_role: list = field(default_factory=list)
    groups: int = 0
    candidates: list = field(default_factory=list)  # passages marked as quote candidates
    not_prioritised: bool = False
    combined: bool = False

    @property
    def anchor(self):
        return f"domain-{self.domain.slug}"

    @property
    def examples_heading(self):
        return _("Eksempler på fortællinger om %(name)s") % {"name": self.domain.name}

    @property
    def citizens_heading(self):
        return _("Hvad siger borgerne om %(name)s?") % {"name": self.domain.name}

    @property
    def groups_sentence(self):
        if not self.groups:
            return _("Borgerne sagde blandt andet:")
        return _("%(sentence)s og sagde blandt andet:") % {
            "sentence": wording.groups_discussed_sentence(self.groups)
        }

    @property
    def candidates_heading(self):
        return _("Fra fortællingerne om %(name)s") % {"name": self.domain.name}

    @property
    def has_quotes(self):
        return bool(self.quotes_why or self.quotes_role)

    @property
    def not_prioritised_note(self):
        if self.combined:
            return _(
                "Dette domæne blev ikke særskilt prioriteret og drøftet på borgerworkshopperne."
            )
        return _("Dette domæne blev ikke særskilt prioriteret og drøftet på borgerworkshoppen.")

    @property
    def what_changes(self):
        return blocks(self.domain.what_changes)

    @property
    def what_creates_change(self):
        return blocks(self.domain.what_creates_change)


@dataclass
class Report:
    edition: object
    rounds: list
    ranking: object  # workshops.selectors.Ranking or None
    ranking_workshops: list
    texts: dict  # key -> EditionText (title, body with placeholders)
    values: dict  # placeholder values
    total: int
    employment_lines: list
    cycle_steps: list
    workshops: list
    sections: list
    organisation: str
    left_out: list = field(default_factory=list)

    @property
    def title(self):
        return self.edition.title

    @property
    def dated(self):
        return short_date(self.edition.dated)

    @property
    def subtitle(self):
        names = placeholders.and_list(r.name for r in self.rounds)
        if not names:
            return _("Forandringsfortællinger fra %(org)s") % {"org": self.organisation}
        return ngettext(
            "Forandringsfortællinger fra %(org)s, indsamlingsrunde %(rounds)s",
            "Forandringsfortællinger fra %(org)s, indsamlingsrunderne %(rounds)s",
            len(self.rounds),
        ) % {"org": self.organisation, "rounds": names}

    @property
    def basis_sentence(self):
        return basis_sentence(self.ranking_workshops)

    @property
    def ranking_caption(self):
        if self.ranking is None:
            return _("Forandringsdomænerne")
        return _(
            "Forandringsdomænerne i prioriteret rækkefølge (%(n)s deltagere, %(votes)s stemmer)"
        ) % {"n": self.ranking.participants, "votes": self.ranking.votes}

    @property
    def total_sentence(self):
        return wording.stories_collected_sentence(self.total)

    @property
    def over_head_count_note(self):
        """The mark when a ranking workshop had more ballots than participants."""
        if self.ranking is None or not self.ranking.over_head_count:
            return ""
        return " ".join(
            _(
                "Obs: »%(title)s« fik %(n)s stemmesedler, men havde kun %(expected)s "
                "deltagere. Nogen kan have stemt flere gange."
            )
            % {"title": w.title, "n": w.participants, "expected": w.expected_participants}
            for w in self.ranking_workshops
            if w.over_head_count(w.participants)
        )

    @property
    def learn_heading(self):
        return learn_heading()

    @property
    def selection_heading(self):
        return _("Udvalgt som den mest betydningsfulde fortælling")

    def text(self, key):
        return self.texts.get(key)

    def filled(self, key):
        """The text with its placeholders filled in, as blocks (reports.blocks)."""
        return blocks(placeholders.fill(self.texts[key].body, self.values))

    @property
    def preface(self):
        return self.filled("preface")

    @property
    def preface_closing(self):
        return self.filled("preface_closing")

    @property
    def introduction(self):
        return self.filled("introduction")

    @property
    def method(self):
        return self.filled("method")

    @property
    def closing(self):
        return self.filled("closing")

    def headings(self):
        """(level, text) of every heading, in order: the HTML and Word both follow it."""
        out = [(1, self.title), (2, _("Indhold"))]
        for key in ("preface", "introduction", "method"):
            out.append((2, self.texts[key].title))
        out.append((3, _("Evalueringsprocessen")))
        out.append((3, _("Workshops i rapporten")))
        out.append((2, _("Forandringsdomæner")))
        for section in self.sections:
            out.append((2, section.domain.name))
            out.append((3, section.examples_heading))
            out.append((3, _("Hvad forandrer sig i borgernes liv?")))
            out.append((3, self.learn_heading))
            if section.selections:
                out.append((3, self.selection_heading))
                out += [(4, selection.story.title) for selection in section.selections]
            if section.has_quotes:
                out.append((3, section.citizens_heading))
        out.append((2, self.texts["closing"].title))
        return out


def basis_sentence(ranking_workshops):
    """How the domains are ordered: which workshops, and how their votes are combined."""
    shown = [
        _("»%(title)s« den %(date)s (%(n)s deltagere)")
        % {"title": w.title, "date": short_date(w.held_on), "n": w.participants}
        for w in ranking_workshops
    ]
    if not shown:
        return _(
            "Domænerne står i deres faste rækkefølge: udgaven har ingen workshop, hvis "
            "stemmer ordner dem."
        )
    if len(shown) == 1:
        return _("Domænerne er ordnet efter prioriteringen på workshoppen %(workshop)s.") % {
            "workshop": shown[0]
        }
    return _(
        "Domænerne er ordnet efter stemmerne fra %(n)s workshops lagt sammen: "
        "%(workshops)s. Hvert domænes stemmer er summen af dets stemmer på "
        "workshopperne; ved lige mange stemmer går det domæne først, der fik stemmer i "
        "flest grupper."
    ) % {"n": len(shown), "workshops": placeholders.and_list(shown)}


def ordered_domains(ranking, domains):
    """Domains in ranking order; active domains not on the ballot follow in display order."""
    by_id = {d.pk: d for d in domains}
    ordered, results = [], {}
    if ranking is not None:
        for result in ranking.results:
            domain = by_id.get(result.domain.pk)
            if domain is not None:
                ordered.append(domain)
                results[domain.pk] = result
    seen = {d.pk for d in ordered}
    ordered += [d for d in domains if d.pk not in seen and d.is_active]
    return ordered, results


def domain_snapshot(domains=None):
    """The domains' names and texts as plain data, kept with a published edition."""
    domains = domains if domains is not None else Domain.objects.all()
    return {str(d.pk): {name: getattr(d, name) for name in DOMAIN_SNAPSHOT_FIELDS} for d in domains}


def _domains_from(snapshot):
    domains = [Domain(pk=int(pk), **values) for pk, values in snapshot.items()]
    return sorted(domains, key=lambda d: (d.order, d.name))


class _LiveStories:
    """The counts PostgreSQL keeps for the report's audience in the edition's rounds."""

    def __init__(self, rounds):
        self.rounds = rounds

    def employment(self):
        return story_selectors.counts_by_employment(AUDIENCE, self.rounds)

    def storytellers(self):
        return story_selectors.feedback_counts(AUDIENCE, self.rounds)["storytellers"]

    def collected(self):
        return story_selectors.story_total(Audience.STAFF, self.rounds)

    def by_domain(self):
        return story_selectors.counts_by_domain(AUDIENCE, self.rounds)

    only_ids = None


class _ManifestStories:
    """A published edition's stories that still have consent (a rebuild)."""

    def __init__(self, rounds, ids, collected):
        self.rounds = rounds
        self.only_ids = list(ids)
        self.counts = story_selectors.counts_of_ids(AUDIENCE, rounds, self.only_ids)
        self._collected = collected

    def employment(self):
        return self.counts["employment"]

    def storytellers(self):
        return self.counts["storytellers"]

    def collected(self):
        return self._collected

    def by_domain(self):
        return self.counts["domains"]


def build_report(edition, story_ids=None, basis=None):
    basis = basis or editions.basis(edition)
    rounds = basis.rounds
    if story_ids is None:
        source = _LiveStories(rounds)
        domains = list(Domain.objects.all())
    else:
        frozen = edition.frozen_basis or {}
        source = _ManifestStories(rounds, story_ids, frozen.get("collected", 0))
        domains = _domains_from(frozen.get("domains") or domain_snapshot())
    counts = source.employment()
    employment_lines = [
        wording.employment_phrase(value, counts[value])
        for value, _label in Story.Employment.choices
        if counts.get(value)
    ]
    ranking = combined_ranking(basis.ranking_workshops, basis.ranking_data)
    ordered, results = ordered_domains(ranking, domains)
    totals = source.by_domain()
    examples = story_selectors.titles_by_domain(
        AUDIENCE, rounds, [d.pk for d in ordered], totals, only_ids=source.only_ids
    )
    workshop_ids = [w.pk for w in basis.workshops]
    chosen = report_selectors.selections(workshop_ids, AUDIENCE, full_text=True)
    if source.only_ids is not None:
        allowed = set(source.only_ids)
        chosen = {
            domain_id: [s for s in rows if s.story_id in allowed]
            for domain_id, rows in chosen.items()
        }
    for rows in chosen.values():
        for selection in rows:
            selection.story_blocks = blocks(selection.story.text)
    quotes = report_selectors.citizen_quotes(workshop_ids)
    candidates = coding_selectors.quote_candidates(
        [d.pk for d in ordered], rounds, only_ids=source.only_ids
    )
    combined = ranking is not None and ranking.combined
    sections = []
    for domain in ordered:
        domain_result = results.get(domain.pk)
        domain_quotes = quotes.get(domain.pk, {})
        sections.append(
            DomainSection(
                domain=domain,
                result=domain_result,
                examples=examples.get(domain.pk, []),
                selections=chosen.get(domain.pk, []),
                quotes_why=domain_quotes.get("why", []),
                quotes_role=domain_quotes.get("role", []),
                groups=domain_quotes.get("groups", 0),
                candidates=candidates.get(domain.pk, []),
                not_prioritised=ranking is not None
                and (domain_result is None or not domain_result.prioritised),
                combined=combined,
            )
        )
    total = sum(counts.values())
    texts = dict(basis.texts)
    for key in TEXT_KEYS:
        texts.setdefault(key, _EmptyText(key))
    ranking_ids = {w.pk for w in basis.ranking_workshops}
    signer = edition.signed_by
    facts = placeholders.Facts(
        stories=total,
        collected=source.collected(),
        storytellers=source.storytellers(),
        employment=counts,
        rounds=[r.name for r in rounds],
        workshops=len(basis.workshops),
        ranking_dates=[w.held_on for w in basis.ranking_workshops],
        analysis_dates=[w.held_on for w in basis.workshops if w.pk not in ranking_ids],
        participants=ranking.participants if ranking else 0,
        groups=ranking.groups_with_ballots if ranking else 0,
        votes=ranking.votes if ranking else 0,
        votes_per_participant=max(
            (w.votes_per_participant for w in basis.ranking_workshops), default=0
        ),
        domains=len(ranking.results) if ranking else sum(1 for d in domains if d.is_active),
        not_prioritised=len(ranking.not_prioritised) if ranking else 0,
        ranked=ranking is not None,
        dated=edition.dated,
        signer=(signer.get_full_name() or signer.get_username()) if signer else "",
        signer_title=edition.signer_title,
        organisation=organisation_name(),
    )
    return Report(
        edition=edition,
        rounds=rounds,
        ranking=ranking,
        ranking_workshops=basis.ranking_workshops,
        texts=texts,
        values=placeholders.values(facts),
        total=total,
        employment_lines=employment_lines,
        cycle_steps=list(seed.cycle_steps()),
        workshops=basis.workshops,
        sections=sections,
        organisation=organisation_name(),
        left_out=basis.left_out,
    )


class _EmptyText:
    def __init__(self, key):
        self.key, self.title, self.body = key, "", ""
