from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stories.models import CollectionRound
from workshops.models import Workshop


class ReportText(models.Model):
    """An editable section of the learning report (preface, introduction, method, closing)."""

    key = models.SlugField(_("nøgle"), max_length=40, unique=True)
    title = models.CharField(_("overskrift"), max_length=200)
    body = models.TextField(_("tekst"), max_length=50_000, blank=True)
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    class Meta:
        verbose_name = _("rapporttekst")
        verbose_name_plural = _("rapporttekster")
        ordering = ["id"]

    def __str__(self):
        return self.title


class Edition(models.Model):
    """A learning report edition: what it is built from, named and kept.

    The rounds whose stories it counts and lists, the workshops it uses (quotes, groups
    discussed and selections come from these only), the workshops whose votes rank the
    domains (several: their votes are added up, workshops.selectors.combined_ranking),
    its title, date and who signs the preface. Its texts are its own (EditionText,
    copied from the report's standard texts when it is made). Nothing but an explicit
    change of the edition changes its ranking.

    Published, it is frozen: the HTML body and the Word file are stored as they were,
    with a manifest of the stories and consents it was built from (EditionStory), and
    its basis (`frozen_basis["basis"]`: rounds, workshops with their counts and ballots,
    editions.frozen_basis), from which its domain pages rank the domains. A
    database trigger (reports migration 0003) marks it when one of those stories later
    loses its report consent or is erased (`consent_lost`); from then on it is only
    served rebuilt without them (`rebuilt_without` covers how many).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Under udarbejdelse")
        PUBLISHED = "published", _("Udgivet")

    title = models.CharField(_("titel"), max_length=200)
    dated = models.DateField(_("dato"))
    rounds = models.ManyToManyField(
        CollectionRound, verbose_name=_("indsamlingsrunder"), related_name="+"
    )
    workshops = models.ManyToManyField(
        Workshop, verbose_name=_("workshops i rapporten"), related_name="+", blank=True
    )
    ranking_workshops = models.ManyToManyField(
        Workshop,
        verbose_name=_("workshops, hvis stemmer ordner forandringsområderne"),
        related_name="+",
        blank=True,
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("forordet underskrives af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signed_editions",
    )
    signer_title = models.CharField(_("underskriverens titel"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    published_at = models.DateTimeField(_("udgivet"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The frozen copy (Danish), and what a rebuild needs that may change later.
    frozen_html = models.TextField(blank=True)
    frozen_docx = models.BinaryField(null=True, blank=True)
    frozen_basis = models.JSONField(default=dict, blank=True)
    # Kept by the trigger of reports migration 0003 (stories that lost report consent).
    consent_lost = models.IntegerField(default=0)
    consent_lost_at = models.DateTimeField(null=True, blank=True)
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    rebuilt_without = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("rapportudgave")
        verbose_name_plural = _("rapportudgaver")
        ordering = ["-dated", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(published_at__isnull=False, frozen_docx__isnull=False),
                name="edition_published_is_frozen",
            ),
            models.CheckConstraint(
                condition=models.Q(title__regex=r"\S"), name="edition_title_not_blank"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report") + f"?edition={self.pk}"

    def audit_label(self):
        return f"Rapportudgave #{self.pk}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_stale(self):
        """Published, and a story it used lost its consent after the copy was made."""
        return self.is_published and self.consent_lost > self.rebuilt_without


class EditionText(models.Model):
    """One of an edition's texts (preface, introduction, method, closing), with
    placeholders for what Aktiv knows (reports.placeholders)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="texts")
    key = models.SlugField(_("nøgle"), max_length=40)
    title = models.CharField(_("overskrift"), max_length=200)
    body = models.TextField(_("tekst"), max_length=50_000, blank=True)
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    class Meta:
        verbose_name = _("udgavens tekst")
        verbose_name_plural = _("udgavens tekster")
        ordering = ["edition", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="editiontext_one_per_key")
        ]

    def __str__(self):
        return self.title


class EditionStory(models.Model):
    """The manifest of a published edition: a story it was built from (counted, and
    perhaps listed by title or printed in full) and the consent it had then.

    Only the story's id, never a link (an erased story's line stays, without content).
    `lost_at` is set by the trigger of reports migration 0003 when the story later loses
    its report consent or is erased.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="manifest")
    story_id = models.BigIntegerField(_("fortælling nr."))
    consent_report_on = models.DateField(_("samtykke til rapporten givet den"))
    listed = models.BooleanField(_("titlen står i rapporten"), default=False)
    in_full = models.BooleanField(_("hele fortællingen står i rapporten"), default=False)
    lost_at = models.DateTimeField(_("samtykket mistet"), null=True, blank=True)

    class Meta:
        verbose_name = _("fortælling i udgaven")
        verbose_name_plural = _("fortællinger i udgaven")
        constraints = [
            models.UniqueConstraint(fields=["edition", "story_id"], name="editionstory_once")
        ]
        indexes = [models.Index(fields=["story_id"], name="editionstory_story")]

    def __str__(self):
        return f"{self.edition_id}: #{self.story_id}"


class WordTemplate(models.Model):
    """The organisation's own Word template (.dotx or .docx): the report's Word file
    uses its styles, header, footer and logo. At most one is in use (the newest)."""

    name = models.CharField(_("filnavn"), max_length=200)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Word-skabelon")
        verbose_name_plural = _("Word-skabeloner")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.name

    def audit_label(self):
        return f"Word-skabelon #{self.pk}"
