"""Coding inside the text: the codebook's sub-codes, excerpts of stories and memos.

An excerpt is a passage of a story's text, kept by character offsets (Python string
positions, as the REFI-QDA export writes them) and by the passage itself, so that it can
be found again when the text is edited (coding.anchoring). Only stories with analysis
consent are coded (Story.objects.for_analysis()).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from domains.models import Domain
from stories.models import Story

PASSAGE_MAX = 5_000
MEMO_MAX = 20_000


class Code(models.Model):
    """A sub-code under a change domain, with a description: the codebook's lower level."""

    domain = models.ForeignKey(
        Domain,
        verbose_name=_("forandringsområde"),
        on_delete=models.CASCADE,
        related_name="codes",
    )
    name = models.CharField(_("navn"), max_length=120)
    description = models.TextField(_("beskrivelse"), max_length=5_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("underkode")
        verbose_name_plural = _("underkoder")
        ordering = ["domain__order", "name", "id"]
        constraints = [
            models.UniqueConstraint("domain", Lower("name"), name="code_name_unique_in_domain"),
            models.CheckConstraint(condition=models.Q(name__regex=r"\S"), name="code_name_set"),
        ]

    def __str__(self):
        return f"{self.domain.name} › {self.name}"


class Excerpt(models.Model):
    """A passage of a story coded to one or more domains (and sub-codes under them)."""

    story = models.ForeignKey(
        Story, verbose_name=_("fortælling"), on_delete=models.CASCADE, related_name="excerpts"
    )
    start = models.PositiveIntegerField(_("første tegn"))
    end = models.PositiveIntegerField(_("efter sidste tegn"))
    passage = models.TextField(_("passagen"), max_length=PASSAGE_MAX)
    domains = models.ManyToManyField(
        Domain, verbose_name=_("forandringsområder"), related_name="excerpts"
    )
    codes = models.ManyToManyField(
        Code, verbose_name=_("underkoder"), related_name="excerpts", blank=True
    )
    quote_candidate = models.BooleanField(_("kandidat til citat"), default=False)
    # The passage was not found again after the text was edited: a person looks at it.
    needs_review = models.BooleanField(_("skal gennemses"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    class Meta:
        verbose_name = _("uddrag")
        verbose_name_plural = _("uddrag")
        ordering = ["story", "start", "end", "id"]
        indexes = [
            models.Index(fields=["story", "start"], name="excerpt_story_start"),
            models.Index(
                fields=["quote_candidate"],
                condition=models.Q(quote_candidate=True),
                name="excerpt_quote_candidates",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="excerpt_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(passage__regex=r"\S"), name="excerpt_passage_set"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} ({self.start}–{self.end})"


class Memo(models.Model):
    """An analyst's memo on a domain or on a story (one of the two), one per subject."""

    domain = models.OneToOneField(
        Domain,
        verbose_name=_("forandringsområde"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memo",
    )
    story = models.OneToOneField(
        Story,
        verbose_name=_("fortælling"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memo",
    )
    text = models.TextField(_("memo"), max_length=MEMO_MAX, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sidst ændret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memoer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(domain__isnull=True, story__isnull=False)
                | models.Q(domain__isnull=False, story__isnull=True),
                name="memo_one_subject",
            )
        ]

    def __str__(self):
        return f"Memo #{self.pk}"
