from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aktiv import organisation
from aktiv.dates import short_datetime
from domains.models import Domain
from stories.models import CollectionRound, Story

MAX_VOTES = 10
MAX_EXPECTED_PARTICIPANTS = 10_000


class Workshop(models.Model):
    """An analysis workshop where participants prioritise change domains."""

    class Kind(models.TextChoices):
        CITIZENS = "citizens", _("Borgere")
        STAFF = "staff", _("Medarbejdere")
        PARTNERS = "partners", _("Samarbejdspartnere")
        MIXED = "mixed", _("Blandet")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        OPEN = "open", _("Åben for afstemning")
        CLOSED = "closed", _("Lukket")

    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("deltagere"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("dato"))
    round = models.ForeignKey(
        CollectionRound,
        verbose_name=_("indsamlingsrunde"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workshops",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_workshops",
    )
    votes_per_participant = models.PositiveSmallIntegerField(
        _("stemmer pr. deltager"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VOTES)],
    )
    domains = models.ManyToManyField(
        Domain, verbose_name=_("forandringsområder på stemmesedlen"), related_name="workshops"
    )
    expected_participants = models.PositiveSmallIntegerField(
        _("antal deltagere"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_EXPECTED_PARTICIPANTS)],
        help_text=_(
            "Hvor mange der er i rummet. Konsollen og resultatet advarer, hvis der kommer "
            "flere stemmesedler end deltagere."
        ),
    )
    results_visible = models.BooleanField(
        _("deltagerne må se resultatet, før afstemningen lukker"), default=False
    )
    is_rehearsal = models.BooleanField(
        _("øvelse"),
        default=False,
        help_text=_(
            "En øvelse (fx en prøve af afstemningen) tæller aldrig med i en prioritering, "
            "en rapport, en sammenligning eller et overblik."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    join_code = models.CharField(_("deltagerkode"), max_length=8, blank=True)
    joining_locked = models.BooleanField(_("lukket for nye deltagere"), default=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # A closed workshop's result can be locked: no more paper ballots, deleted ballots
    # gone for good (until then they can be restored), no reopening.
    results_locked_at = models.DateTimeField(_("resultatet låst"), null=True, blank=True)
    results_locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("låst af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(votes_per_participant__gte=1)
                & models.Q(votes_per_participant__lte=MAX_VOTES),
                name="workshop_votes_range",
            ),
            models.UniqueConstraint(
                fields=["join_code"],
                condition=models.Q(status="open"),
                name="workshop_open_code_unique",
            ),
            # Only a closed vote's result is locked, and a locked one is never reopened.
            models.CheckConstraint(
                condition=models.Q(results_locked_at__isnull=True) | models.Q(status="closed"),
                name="workshop_locked_only_when_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["join_code", "status"], name="workshop_code_status"),
            models.Index(fields=["status", "kind", "-held_on"], name="workshop_status_kind"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:detail", kwargs={"pk": self.pk})

    @property
    def is_locked(self):
        return self.results_locked_at is not None

    def over_head_count(self, ballots):
        """More ballots than the head count the facilitator entered (None: not entered)."""
        return self.expected_participants is not None and ballots > self.expected_participants


class Group(models.Model):
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="groups"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("navn"), max_length=60)

    class Meta:
        verbose_name = _("gruppe")
        verbose_name_plural = _("grupper")
        ordering = ["workshop", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="group_number_unique"),
            # Target of the composite foreign key that keeps a ballot's group in the
            # ballot's own workshop (PostgreSQL migration 0003).
            models.UniqueConstraint(fields=["id", "workshop"], name="group_id_workshop_unique"),
        ]

    def __str__(self):
        return self.name


class Ballot(models.Model):
    """One anonymous participant's choices in one group of one workshop."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="ballots"
    )
    group = models.ForeignKey(
        Group, verbose_name=_("gruppe"), on_delete=models.CASCADE, related_name="ballots"
    )
    token = models.CharField(max_length=64, unique=True)
    is_paper = models.BooleanField(_("papirstemme"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indtastet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A deleted ballot counts nowhere (workshops.tallies) and can be restored until the
    # workshop's result is locked; locking deletes it for good.
    deleted_at = models.DateTimeField(_("slettet"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("slettet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("stemmeseddel")
        verbose_name_plural = _("stemmesedler")
        indexes = [models.Index(fields=["workshop", "group"], name="ballot_workshop_group")]

    def __str__(self):
        return f"Stemmeseddel #{self.pk}"

    def audit_label(self):
        return f"Stemmeseddel #{self.pk}"


class Vote(models.Model):
    """One chosen domain on a ballot. Slots 1..N make "at most N" a database rule."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("stemmeseddel"), on_delete=models.CASCADE, related_name="votes"
    )
    slot = models.PositiveSmallIntegerField(_("plads"))
    domain = models.ForeignKey(
        Domain, verbose_name=_("forandringsområde"), on_delete=models.PROTECT, related_name="votes"
    )

    class Meta:
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "slot"], name="vote_slot_unique"),
            models.UniqueConstraint(fields=["ballot", "domain"], name="vote_domain_unique"),
            models.CheckConstraint(
                condition=models.Q(slot__gte=1) & models.Q(slot__lte=MAX_VOTES),
                name="vote_slot_range",
            ),
        ]

    def __str__(self):
        return f"{self.ballot}: {self.domain}"


class Quote(models.Model):
    """Something said in a workshop group about a domain."""

    class Kind(models.TextChoices):
        WHY = "why", _("Hvad det er, og hvorfor det er vigtigt")
        ROLE = "role", _("Tilbuddets rolle")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="quotes"
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("gruppe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
    )
    domain = models.ForeignKey(
        Domain, verbose_name=_("forandringsområde"), on_delete=models.PROTECT, related_name="quotes"
    )
    kind = models.CharField(_("slags"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("citat"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("citat")
        verbose_name_plural = _("citater")
        ordering = ["domain__order", "kind", "id"]
        indexes = [models.Index(fields=["domain", "kind"], name="quote_domain_kind")]

    def __str__(self):
        return self.text[:60]


class Selection(models.Model):
    """A workshop's choice of the most significant story for a domain, with the reason."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="selections"
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("forandringsområde"),
        on_delete=models.PROTECT,
        related_name="selections",
    )
    story = models.ForeignKey(
        Story, verbose_name=_("fortælling"), on_delete=models.CASCADE, related_name="selections"
    )
    reason = models.TextField(_("hvorfor blev den valgt?"), max_length=5000)
    dissent = models.TextField(_("uenighed eller andre synspunkter"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("udvalgt fortælling")
        verbose_name_plural = _("udvalgte fortællinger")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "domain"], name="selection_one_per_domain"),
        ]

    def __str__(self):
        return f"{self.workshop}: {self.domain}"


class AnalysisNote(models.Model):
    """A group's answer, in an analysis workshop (staff, partners), to one of the seed
    report's two questions about a domain: drafts for the domain's texts."""

    class Question(models.TextChoices):
        CHANGES = "changes", _("Hvad er det, der forandrer sig i borgernes liv?")
        CREATES = (
            "creates",
            _("Hvad er det i organisationens arbejde, som bidrager til at skabe den forandring?"),
        )

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="analysis_notes")
    group = models.ForeignKey(
        Group,
        verbose_name=_("gruppe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="analysis_notes",
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("forandringsområde"),
        on_delete=models.PROTECT,
        related_name="analysis_notes",
    )
    question = models.CharField(_("spørgsmål"), max_length=10, choices=Question.choices)
    text = models.TextField(_("gruppens svar"), max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("analysesvar")
        verbose_name_plural = _("analysesvar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(question__in=["changes", "creates"]),
                name="analysisnote_question_known",
            ),
        ]
        indexes = [models.Index(fields=["domain", "question"], name="analysisnote_domain")]

    def __str__(self):
        return self.text[:60]

    def audit_label(self):
        return f"Analysesvar #{self.pk}"

    @staticmethod
    def question_text(question):
        """The question as the seed report asks it, with the organisation's name."""
        if question == AnalysisNote.Question.CHANGES:
            return str(AnalysisNote.Question.CHANGES.label)
        return _("Hvad er det i %(org)s arbejde, som bidrager til at skabe den forandring?") % {
            "org": organisation.possessive()
        }

    @property
    def question_label(self):
        return self.question_text(self.question)


class JoinAttempt(models.Model):
    """A failed attempt to join a workshop by code, per client address.

    Counted in the database so that the limit holds across several app processes;
    old rows are pruned opportunistically. Successful joins are never recorded.
    """

    address = models.CharField(max_length=45)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mislykket deltagerkode")
        verbose_name_plural = _("mislykkede deltagerkoder")
        indexes = [
            models.Index(fields=["address", "at"], name="joinattempt_address_at"),
            models.Index(fields=["at"], name="joinattempt_at"),
        ]

    def __str__(self):
        return f"{self.address} {short_datetime(self.at)}"


class NewBallotMark(models.Model):
    """A new participant ballot from one address, kept a few minutes to bound how many new
    ballots one address can cast per minute (workshops.services), across app processes.

    The address is kept only as a keyed hash, and no ballot is linked: the rows say how
    many, never which ballot came from where.
    """

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="+")
    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ny stemmeseddel pr. adresse")
        verbose_name_plural = _("nye stemmesedler pr. adresse")
        indexes = [
            models.Index(fields=["workshop", "address_hash", "at"], name="newballot_address_at"),
            models.Index(fields=["at"], name="newballot_at"),
        ]

    def __str__(self):
        return f"{self.workshop_id} {short_datetime(self.at)}"


# Counts kept by PostgreSQL triggers (workshops.tallies), registered with the app here.
from .tallies import GroupCount, VoteCount  # noqa: E402, F401
