import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import icons


class DomainQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Domain(models.Model):
    """A change domain (forandringsdomæne), e.g. GLÆDE: "Jeg oplever mere glæde i hverdagen"."""

    name = models.CharField(_("navn"), max_length=80)
    slug = models.SlugField(
        _("kort navn i adressen"),
        max_length=80,
        unique=True,
        help_text=_("Små bogstaver, tal og bindestreger, fx glaede."),
    )
    statement = models.CharField(
        _("udsagn i første person"),
        max_length=300,
        help_text=_("Fx: Jeg oplever mere glæde i hverdagen."),
    )
    easy_statement = models.CharField(
        _("udsagnet i let dansk"),
        max_length=300,
        blank=True,
        help_text=_(
            "Til stemmesedlen og kortene. Korte ord og korte sætninger: sigt efter LIX 25 "
            "eller lavere. Tom: udsagnet ovenfor bruges. Rapporten bruger altid udsagnet "
            "ovenfor."
        ),
    )
    what_changes = models.TextField(
        _("Hvad forandrer sig i borgernes liv?"), max_length=20_000, blank=True
    )
    what_creates_change = models.TextField(
        _("Hvad skaber forandringen?"), max_length=20_000, blank=True
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)
    is_active = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_("Et forandringsområde, der ikke er aktivt, vises ikke på nye stemmesedler."),
    )
    icon = models.CharField(
        _("ikon"),
        max_length=40,
        blank=True,
        choices=icons.choices,
        help_text=_("Vælg et af ikonerne. Uden valg vises standardikonet."),
    )
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    objects = DomainQuerySet.as_manager()

    class Meta:
        verbose_name = _("forandringsområde")
        verbose_name_plural = _("forandringsområder")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="domain_name_unique_ci"),
        ]
        indexes = [models.Index(fields=["is_active", "order"], name="domain_active_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """/domains/<slug>/ (a stable URL): the overview's address is reversed once, not
        for each of the overview's rows."""
        return f"{_overview_url()}{self.slug}/"

    def clean(self):
        super().clean()
        if self.name:
            self.name = self.name.strip()
            clash = Domain.objects.filter(name__iexact=self.name).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"name": _("Der findes allerede et forandringsområde med det navn.")}
                )

    @property
    def ballot_statement(self):
        """What participants read (ballot, cards, paper ballot): the easy-read version when
        there is one. The report keeps the original statement."""
        return self.easy_statement or self.statement

    @property
    def icon_path(self):
        """Always an icon that exists (domains.icons)."""
        return icons.path_of(self.icon)


@functools.cache
def _overview_url():
    return reverse("reports:domains")
