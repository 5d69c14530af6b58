"""Blind double coding rounds: a sample of stories, two or more coders, their codings
and how each disagreement was resolved. Domain suggestions keep no table: their model
lives in memory, keyed by the data versions (agreement.suggestions)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from domains.models import Domain
from stories.models import Story


class CodingRound(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    coders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("kodere"), related_name="coding_rounds"
    )
    # The stories of the sample; erasing a story removes it from the round too.
    stories = models.ManyToManyField(Story, verbose_name=_("fortællinger"), related_name="+")
    domains = models.ManyToManyField(Domain, verbose_name=_("forandringsområder"), related_name="+")

    class Meta:
        verbose_name = _("kodningsrunde")
        verbose_name_plural = _("kodningsrunder")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def audit_label(self):
        return f"Kodningsrunde #{self.pk}"


class Coding(models.Model):
    """One coder's domains for one story in a round (an empty set is an answer too)."""

    round = models.ForeignKey(CodingRound, on_delete=models.CASCADE, related_name="codings")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    domains = models.ManyToManyField(Domain, related_name="+", blank=True)
    coded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "coder", "story"], name="one_coding_per_coder_and_story"
            )
        ]

    def __str__(self):
        return self.audit_label()

    def audit_label(self):
        return f"Kodning #{self.pk}"


class Resolution(models.Model):
    """How a story the coders disagreed on was settled, and whether the agreed domains
    were applied to the story."""

    round = models.ForeignKey(CodingRound, on_delete=models.CASCADE, related_name="resolutions")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    domains = models.ManyToManyField(Domain, related_name="+", blank=True)
    note = models.TextField(_("begrundelse"), max_length=2000, blank=True)
    applied = models.BooleanField(_("sat på fortællingen"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "story"], name="one_resolution_per_story")
        ]

    def __str__(self):
        return self.audit_label()

    def audit_label(self):
        return f"Afgørelse #{self.pk}"
