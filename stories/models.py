from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aktiv.dates import short_date, short_datetime
from domains.models import Domain

STORYTELLER_CODE_VALIDATOR = RegexValidator(
    r"^[A-ZÆØÅ]{1,3}-\d{1,5}$",
    _("Brug en kode som B-017: 1-3 store bogstaver, bindestreg og et tal. Aldrig et navn."),
)


class CollectionRound(models.Model):
    """A named period of story collection, e.g. "2019–2021"."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    starts_on = models.DateField(_("startdato"), null=True, blank=True)
    ends_on = models.DateField(_("slutdato"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("indsamlingsrunde")
        verbose_name_plural = _("indsamlingsrunder")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="round_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name


def consent_condition(scope=None, prefix=""):
    """The consent rule as a condition: a ready story, not withdrawn, and with consent to
    `scope` ("analysis", "report", "publish") when one is named. `prefix` puts it on a
    related story ("story__"). StoryQuerySet below, and the counts PostgreSQL keeps
    (stories_audiences(), stories migration 0007), say the same."""
    condition = models.Q(**{f"{prefix}status": "ready", f"{prefix}withdrawn_at__isnull": True})
    if scope is not None:
        condition &= models.Q(**{f"{prefix}consent_{scope}_on__isnull": False})
    return condition


class StoryQuerySet(models.QuerySet):
    """Consent rules live here, so no page can forget them."""

    def not_withdrawn(self):
        return self.filter(withdrawn_at__isnull=True)

    def ready(self):
        return self.filter(status=Story.Status.READY)

    def for_analysis(self):
        """May be read in analysis workshops."""
        return self.filter(consent_condition("analysis"))

    def for_report(self):
        """May be quoted anonymously in the learning report and shown to managers."""
        return self.filter(consent_condition("report"))

    def for_public(self):
        """May be shown on the public stories page."""
        return self.filter(consent_condition("publish"))


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    READY = "ready", _("Klar")


class ToldBy(models.TextChoices):
    CITIZEN = "citizen", _("Borgeren selv")
    NETWORK = "network", _("En pårørende eller en fra netværket")
    STAFF = "staff", _("En medarbejders iagttagelse")
    WORKPLACE = "workplace", _("Arbejdspladsen")


class Employment(models.TextChoices):
    WAGE_SUBSIDY = "wage_subsidy", _("Job med løntilskud")
    VOLUNTARY = "voluntary", _("Frivilligt arbejde")
    UNREFERRED = "unreferred", _("Uvisiteret tilbud")
    SHELTERED_103 = "sheltered_103", _("Beskyttet beskæftigelse (§103)")
    ACTIVITY_104 = "activity_104", _("Aktivitets- og samværstilbud (§104)")
    ORDINARY = "ordinary", _("Ordinært job")
    EDUCATION = "education", _("Uddannelse")
    OTHER = "other", _("Andet")


class Method(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    WRITTEN = "written", _("Skrevet af borgeren")
    GROUP = "group", _("Gruppesamtale")


class ConsentGiver(models.TextChoices):
    """Who said yes: the storyteller, or a guardian on their behalf."""

    STORYTELLER = "storyteller", _("Fortælleren selv")
    GUARDIAN = "guardian", _("En værge")


class ConsentHow(models.TextChoices):
    """How the yes was given: in writing, or orally with a witness."""

    WRITTEN = "written", _("Skriftligt (underskrevet)")
    ORAL = "oral", _("Mundtligt, med et vidne")


class WitnessRole(models.TextChoices):
    """The witness of an oral consent when it is not a user of Aktiv: a role, never a name."""

    CONTACT = "contact", _("En kontaktperson eller bostøtte")
    RELATIVE = "relative", _("En pårørende")
    WORKPLACE = "workplace", _("En fra arbejdspladsen")
    PROFESSIONAL = "professional", _("En anden fagperson")


class Story(models.Model):
    """A change story (forandringsfortælling) as told by or about a citizen."""

    # The choices live beside the model (the constraints in Meta need them).
    Status = StoryStatus
    ToldBy = ToldBy
    Employment = Employment
    Method = Method
    ConsentGiver = ConsentGiver
    ConsentHow = ConsentHow
    WitnessRole = WitnessRole

    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(
        _("fortællingen"), validators=[MaxLengthValidator(50_000)], max_length=50_000
    )
    significance = models.TextField(
        _("hvorfor er forandringen vigtig for fortælleren?"),
        validators=[MaxLengthValidator(20_000)],
        max_length=20_000,
        blank=True,
    )
    told_by = models.CharField(
        _("fortalt af"), max_length=20, choices=ToldBy.choices, default=ToldBy.CITIZEN
    )
    storyteller_code = models.CharField(
        _("fortællerkode"),
        max_length=20,
        blank=True,
        validators=[STORYTELLER_CODE_VALIDATOR],
        help_text=_("Fx B-017. Skriv aldrig navn eller CPR-nummer."),
    )
    employment_type = models.CharField(
        _("beskæftigelse"), max_length=20, choices=Employment.choices
    )
    round = models.ForeignKey(
        CollectionRound,
        verbose_name=_("indsamlingsrunde"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stories",
    )
    collected_on = models.DateField(_("indsamlet den"))
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indsamlet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="collected_stories",
    )
    method = models.CharField(
        _("indsamlingsmetode"), max_length=20, choices=Method.choices, default=Method.INTERVIEW
    )
    read_back_on = models.DateField(
        _("læst op for og godkendt af fortælleren den"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    domains = models.ManyToManyField(
        Domain, verbose_name=_("forandringsområder"), related_name="stories", blank=True
    )

    # Consent, one scope at a time, each with date and who recorded it.
    consent_analysis_on = models.DateField(
        _("samtykke til analyse givet den"), null=True, blank=True
    )
    consent_analysis_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("samtykke til analyse registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_report_on = models.DateField(_("samtykke til rapport givet den"), null=True, blank=True)
    consent_report_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("samtykke til rapport registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_publish_on = models.DateField(
        _("samtykke til offentliggørelse givet den"), null=True, blank=True
    )
    consent_publish_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("samtykke til offentliggørelse registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A scope withdrawn on its own (the others stay): when and who recorded it. Giving
    # that consent again clears these.
    consent_analysis_withdrawn_at = models.DateTimeField(
        _("samtykke til analyse trukket tilbage"), null=True, blank=True
    )
    consent_analysis_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tilbagetrækning af samtykke til analyse registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_report_withdrawn_at = models.DateTimeField(
        _("samtykke til rapport trukket tilbage"), null=True, blank=True
    )
    consent_report_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tilbagetrækning af samtykke til rapport registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_publish_withdrawn_at = models.DateTimeField(
        _("samtykke til offentliggørelse trukket tilbage"), null=True, blank=True
    )
    consent_publish_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tilbagetrækning af samtykke til offentliggørelse registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who gave the consent and how (one conversation for the scopes): the storyteller or a
    # guardian; in writing, or orally with a witness. The witness is a user of Aktiv or a
    # role (WitnessRole), never a citizen's name.
    consent_giver = models.CharField(
        _("samtykke givet af"), max_length=20, choices=ConsentGiver.choices, blank=True
    )
    consent_how = models.CharField(
        _("samtykke givet"), max_length=20, choices=ConsentHow.choices, blank=True
    )
    consent_witness = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vidne (medarbejder)"),
        null=True,
        blank=True,
        # Part of the consent record: a witness is deactivated, not deleted.
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent_witness_role = models.CharField(
        _("vidne (rolle)"), max_length=20, choices=WitnessRole.choices, blank=True
    )
    withdrawn_at = models.DateTimeField(_("samtykke trukket tilbage"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tilbagetrækning registreret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    # Full-text search (stories.search): the parsed Danish document, kept by PostgreSQL
    # on every write and indexed, so a search never re-parses the stories.
    search_document = models.GeneratedField(
        expression=SearchVector("title", "text", "significance", config="danish"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # What a manager may read of a story is its title and text, never "why significant":
    # their search runs on this narrower document, so a word only in a field they may not
    # see finds nothing (stories.search).
    report_search_document = models.GeneratedField(
        expression=SearchVector("title", "text", config="danish"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("forandringsfortælling")
        verbose_name_plural = _("forandringsfortællinger")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="story_newest"),
            models.Index(fields=["status", "-created_at"], name="story_status"),
            models.Index(fields=["employment_type"], name="story_employment"),
            models.Index(fields=["collected_on"], name="story_collected_on"),
            models.Index(fields=["storyteller_code"], name="story_teller_code"),
            # Consent-scope filters ("has analysis consent", ...) and withdrawn stories.
            models.Index(fields=["consent_analysis_on"], name="story_consent_analysis"),
            models.Index(fields=["consent_report_on"], name="story_consent_report"),
            models.Index(fields=["consent_publish_on"], name="story_consent_publish"),
            models.Index(fields=["withdrawn_at"], name="story_withdrawn_at"),
            GinIndex(fields=["search_document"], name="story_fulltext_danish"),
            GinIndex(fields=["report_search_document"], name="story_fulltext_report"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(
                    consent_analysis_on__isnull=True,
                    consent_report_on__isnull=True,
                    consent_publish_on__isnull=True,
                ),
                name="story_withdrawal_clears_consent",
            ),
            # The rules of stories.rules that need no clock and no other rows.
            models.CheckConstraint(
                condition=models.Q(read_back_on__isnull=True)
                | models.Q(read_back_on__gte=models.F("collected_on")),
                name="story_read_back_after_collection",
            ),
            models.CheckConstraint(
                condition=models.Q(title__regex=r"\S"), name="story_title_not_blank"
            ),
            models.CheckConstraint(
                condition=models.Q(storyteller_code="")
                | models.Q(storyteller_code__regex=r"^[A-ZÆØÅ]{1,3}-[0-9]{1,5}$"),
                name="story_code_shape",
            ),
            models.CheckConstraint(
                condition=models.Q(employment_type__in=Employment.values)
                & models.Q(told_by__in=ToldBy.values)
                & models.Q(method__in=Method.values)
                & models.Q(status__in=StoryStatus.values),
                name="story_choices_known",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), 50_000)
                & LessThanOrEqual(Length("significance"), 20_000),
                name="story_text_lengths",
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"consent_{scope}_on__isnull": False})
                    | models.Q(**{f"consent_{scope}_by__isnull": True}),
                    name=f"story_consent_{scope}_recorded_with_date",
                )
                for scope in ("analysis", "report", "publish")
            ],
            # A scope withdrawn on its own has no consent date while it stays withdrawn.
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"consent_{scope}_withdrawn_at__isnull": True})
                    | models.Q(**{f"consent_{scope}_on__isnull": True}),
                    name=f"story_consent_{scope}_withdrawal_clears_date",
                )
                for scope in ("analysis", "report", "publish")
            ],
            models.CheckConstraint(
                condition=models.Q(consent_giver__in=["", *ConsentGiver.values])
                & models.Q(consent_how__in=["", *ConsentHow.values])
                & models.Q(consent_witness_role__in=["", *WitnessRole.values]),
                name="story_consent_details_known",
            ),
            # Oral consent needs a witness: a user of Aktiv or a role, one of the two.
            models.CheckConstraint(
                condition=~models.Q(consent_how=ConsentHow.ORAL)
                | models.Q(consent_witness__isnull=False)
                | ~models.Q(consent_witness_role=""),
                name="story_oral_consent_has_witness",
            ),
            models.CheckConstraint(
                condition=models.Q(consent_how=ConsentHow.ORAL)
                | models.Q(consent_witness__isnull=True, consent_witness_role=""),
                name="story_witness_only_for_oral_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(consent_witness__isnull=True)
                | models.Q(consent_witness_role=""),
                name="story_consent_one_witness",
            ),
        ]

    def __str__(self):
        return self.audit_label()

    def get_absolute_url(self):
        return reverse("stories:detail", kwargs={"pk": self.pk})

    def audit_label(self):
        """How the story is named in the audit log: never its title or text."""
        return f"Fortælling #{self.pk}"

    # Consent helpers -------------------------------------------------------------
    CONSENT_SCOPES = ("analysis", "report", "publish")

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def consent_state(self):
        """[(scope, given_on, given_by, withdrawn_at)] for the three scopes, in order
        (withdrawn_at: when that scope alone was withdrawn, else None)."""
        return [
            (
                scope,
                getattr(self, f"consent_{scope}_on"),
                getattr(self, f"consent_{scope}_by"),
                getattr(self, f"consent_{scope}_withdrawn_at"),
            )
            for scope in self.CONSENT_SCOPES
        ]

    def given_scopes(self):
        """The scopes with consent now, in order."""
        return [scope for scope in self.CONSENT_SCOPES if getattr(self, f"consent_{scope}_on")]

    def withdraw(self, user, when=None):
        """Withdraw every consent scope at once (caller saves and audits)."""
        from django.utils import timezone

        self.withdrawn_at = when or timezone.now()
        self.withdrawn_by = user
        for scope in self.CONSENT_SCOPES:
            setattr(self, f"consent_{scope}_on", None)
            setattr(self, f"consent_{scope}_by", None)

    def withdraw_scope(self, scope, user, when=None):
        """Withdraw one scope; the others stay (caller saves and audits)."""
        from django.utils import timezone

        setattr(self, f"consent_{scope}_on", None)
        setattr(self, f"consent_{scope}_by", None)
        setattr(self, f"consent_{scope}_withdrawn_at", when or timezone.now())
        setattr(self, f"consent_{scope}_withdrawn_by", user)

    def scope_withdrawn_at(self, scope):
        return getattr(self, f"consent_{scope}_withdrawn_at")

    def witness_label(self):
        """The witness of an oral consent as shown to staff: a username or a role."""
        if self.consent_witness_id:
            return self.consent_witness.get_username()
        return self.get_consent_witness_role_display()


class Feedback(models.Model):
    """Feedback given to the storyteller about what happened to the story (MSC step 6)."""

    class How(models.TextChoices):
        CONVERSATION = "conversation", _("Samtale")
        LETTER = "letter", _("Brev")
        PHONE = "phone", _("Telefon")

    story = models.ForeignKey(
        Story, verbose_name=_("fortælling"), on_delete=models.CASCADE, related_name="feedback"
    )
    given_on = models.DateField(_("givet den"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("givet af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    how = models.CharField(_("hvordan"), max_length=20, choices=How.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tilbagemelding")
        verbose_name_plural = _("tilbagemeldinger")
        ordering = ["-given_on", "-id"]

    def __str__(self):
        return f"{self.story.audit_label()}: {short_date(self.given_on)}"


class PendingImport(models.Model):
    """An uploaded import file, parsed, waiting between preview and confirmation.

    Kept in the database (not in process memory) so any app process can confirm it.
    Removed when saved or cancelled; entries older than a day are purged.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_format = models.CharField(max_length=10, blank=True)
    rows = models.JSONField(default=list)  # cleaned rows of a problem-free file, ready to save
    preview = models.JSONField(default=list)  # one entry per row, rows with problems first
    counts = models.JSONField(default=dict)  # total, ok, problems, duplicates
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("import, der venter")
        verbose_name_plural = _("importer, der venter")

    def __str__(self):
        return f"Import {self.pk}"

    @property
    def has_problems(self):
        return bool(self.counts.get("problems"))


class Erasure(models.Model):
    """The erasure ledger: which story ids were erased, when and by whom. No content at all.

    Written in the same transaction as the delete (stories.erasure.erase_story). After a
    backup is restored, `manage.py reapply_erasures --ledger ledger.json` deletes those
    stories again (see README, "Operations: backups and erasure").
    """

    story_id = models.PositiveBigIntegerField(_("fortælling nr."), unique=True)
    erased_at = models.DateTimeField(_("slettet"), db_index=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("slettet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept beside the foreign key: a restored backup may not hold the user any more.
    erased_by_username = models.CharField(_("slettet af (brugernavn)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("sletning")
        verbose_name_plural = _("sletninger")
        ordering = ["erased_at", "story_id"]

    def __str__(self):
        return f"Fortælling #{self.story_id} slettet {short_datetime(self.erased_at)}"


# Counts kept by PostgreSQL triggers (stories.tallies), registered with the app here.
from .tallies import (  # noqa: E402, F401
    CollectionCount,
    DomainPairCount,
    StoryCount,
    StorytellerCount,
    StorytellerTotal,
)
