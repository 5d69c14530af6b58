from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import short_datetime


class AuditEvent(models.Model):
    """Who did what to which object, and when. Never the content of a story."""

    class Action(models.TextChoices):
        CREATE = "create", _("Oprettet")
        EDIT = "edit", _("Ændret")
        VIEW = "view", _("Læst")
        EXPORT = "export", _("Eksporteret")
        IMPORT = "import", _("Importeret")
        CONSENT = "consent", _("Samtykke ændret")
        WITHDRAW = "withdraw", _("Samtykke trukket tilbage")
        DELETE = "delete", _("Slettet")
        OPEN = "open", _("Afstemning åbnet")
        CLOSE = "close", _("Afstemning lukket")
        REOPEN = "reopen", _("Afstemning genåbnet")
        VOTE = "vote", _("Stemmeseddel afgivet")
        PAPER_BALLOT = "paper_ballot", _("Papirstemme indtastet")
        PRINT = "print", _("Udskrevet")
        LOGIN = "login", _("Logget ind")
        LOGOUT = "logout", _("Logget ud")
        INVITE = "invite", _("Bruger inviteret")
        ROLES = "roles", _("Roller ændret")
        DEACTIVATE = "deactivate", _("Bruger deaktiveret")
        REACTIVATE = "reactivate", _("Bruger genaktiveret")
        MFA = "mfa", _("Totrinslogin ændret")
        RESTORE = "restore", _("Gendannet")
        LOCK = "lock", _("Resultat låst")
        PUBLISH = "publish", _("Udgivet")
        REBUILD = "rebuild", _("Genopbygget")

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("brugernavn"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("objekttype"), max_length=50, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=40, blank=True)
    object_label = models.CharField(_("objekt"), max_length=200, blank=True)
    detail = models.JSONField(_("detaljer"), default=dict, blank=True)

    class Meta:
        verbose_name = _("hændelse i revisionsloggen")
        verbose_name_plural = _("revisionslog")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["action", "-at"], name="audit_action_at"),
            models.Index(fields=["user", "-at"], name="audit_user_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self):
        return f"{short_datetime(self.at)} {self.username} {self.action} {self.object_label}"


class SitePage(models.Model):
    """Editable information pages: accessibility statement and privacy notice."""

    slug = models.SlugField(_("adresse"), max_length=50, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(
        _("tekst"),
        max_length=50_000,
        help_text=_("Almindelig tekst. En tom linje starter et nyt afsnit."),
    )
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    class Meta:
        verbose_name = _("informationsside")
        verbose_name_plural = _("informationssider")
        ordering = ["title"]

    def __str__(self):
        return self.title
