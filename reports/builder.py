"""The learning report as data: one structure rendered both as HTML and as Word.

`build_report(round, workshop)` reads only report-consented stories
(`Story.objects.for_report()`), never storyteller codes or collectors, in a fixed number
of queries whatever the number of stories.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from domains.models import Domain
from stories import selectors as story_selectors
from stories.models import Story
from stories.tallies import Audience
from workshops import report_selectors
from workshops.selectors import ranking as workshop_ranking

from . import seed, wording
from .models import ReportText

TEXT_KEYS = ("preface", "preface_closing", "introduction", "method", "closing")


def organisation_name():
    return getattr(settings, "AKTIV_ORGANISATION_NAME", "Aalborg AKTIV")


def learn_heading():
    return _("Hvad kan vi lære af %(org)s om, hvad der skaber forandring?") % {
        "org": organisation_name()
    }


@dataclass
class DomainSection:
    domain: Domain
    result: object = None  # workshops.selectors.DomainResult or None
    examples: list = field(default_factory=list)  # [{"id", "title"}]
    selections: list = field(default_factory=list)  # [Selection]
    quotes_why: list = field(default_factory=list)
    quotes_role: list = field(default_factory=list)
    groups: int = 0
    not_prioritised: bool = False

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
    def has_quotes(self):
        return bool(self.quotes_why or self.quotes_role)

    @property
    def not_prioritised_note(self):
        return _("Dette domæne blev ikke særskilt prioriteret og drøftet på borgerworkshoppen.")


@dataclass
class Report:
    round: object
    workshop: object
    ranking: object
    texts: dict
    total: int
    employment_lines: list
    cycle_steps: list
    workshops: list
    sections: list
    organisation: str

    @property
    def title(self):
        return _("Læringsrapport")

    @property
    def subtitle(self):
        if self.round is not None:
            return _("Forandringsfortællinger fra %(org)s, indsamlingsrunde %(round)s") % {
                "org": self.organisation,
                "round": self.round.name,
            }
        return _("Forandringsfortællinger fra %(org)s") % {"org": self.organisation}

    @property
    def total_sentence(self):
        return wording.stories_collected_sentence(self.total)

    @property
    def over_head_count_note(self):
        """The mark when the ranking workshop had more ballots than participants."""
        if self.ranking is None or not self.ranking.over_head_count:
            return ""
        return _(
            "Obs: workshoppen fik %(n)s stemmesedler, men havde kun %(expected)s deltagere. "
            "Nogen kan have stemt flere gange."
        ) % {"n": self.ranking.participants, "expected": self.workshop.expected_participants}

    @property
    def learn_heading(self):
        return learn_heading()

    def text(self, key):
        return self.texts.get(key)

    def headings(self):
        """(level, text) of every heading, in order: the HTML and Word both follow it."""
        out = [(1, self.title), (2, _("Indhold"))]
        for key in ("preface", "introduction", "method"):
            out.append((2, self.texts[key].title))
        out.append((3, _("Evalueringsprocessen")))
        out.append((3, _("Workshops i runden")))
        out.append((2, _("Forandringsdomæner")))
        for section in self.sections:
            out.append((2, section.domain.name))
            out.append((3, section.examples_heading))
            out.append((3, _("Hvad forandrer sig i borgernes liv?")))
            out.append((3, self.learn_heading))
            if section.selections:
                out.append((3, _("Udvalgt som den mest betydningsfulde fortælling")))
            if section.has_quotes:
                out.append((3, section.citizens_heading))
        out.append((2, self.texts["closing"].title))
        return out


def ordered_domains(ranking):
    """Domains in ranking order; active domains not on the ballot follow in display order."""
    domains = list(Domain.objects.all())
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


def build_report(round, workshop):
    audience = Audience.REPORT
    texts = {t.key: t for t in ReportText.objects.filter(key__in=TEXT_KEYS)}
    for key in TEXT_KEYS:
        texts.setdefault(key, ReportText(key=key, title="", body=""))
    counts = story_selectors.counts_by_employment(audience, round)
    employment_lines = [
        wording.employment_phrase(value, counts[value])
        for value, _label in Story.Employment.choices
        if counts.get(value)
    ]
    result = workshop_ranking(workshop) if workshop is not None else None
    domains, results = ordered_domains(result)
    totals = story_selectors.counts_by_domain(audience, round)
    examples = story_selectors.titles_by_domain(audience, round, [d.pk for d in domains], totals)
    chosen = report_selectors.selections(round, audience) if round is not None else {}
    quotes = report_selectors.citizen_quotes(round) if round is not None else {}
    sections = []
    for domain in domains:
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
                not_prioritised=result is not None
                and (domain_result is None or not domain_result.prioritised),
            )
        )
    return Report(
        round=round,
        workshop=workshop,
        ranking=result,
        texts=texts,
        total=sum(counts.values()),
        employment_lines=employment_lines,
        cycle_steps=list(seed.cycle_steps()),
        workshops=report_selectors.round_workshops(round),
        sections=sections,
        organisation=organisation_name(),
    )
