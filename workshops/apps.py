from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from coding.signals import project_notes
        from stories.signals import consent_withdrawn

        from .selectors import selection_notes
        from .services import forget_withdrawn_story

        consent_withdrawn.connect(forget_withdrawn_story, dispatch_uid="workshops.withdrawn")
        project_notes.connect(selection_notes, dispatch_uid="workshops.project_notes")
