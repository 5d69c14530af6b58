from django.db import models
from django.utils.translation import gettext_lazy as _


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
