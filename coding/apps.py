from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodingConfig(AppConfig):
    name = "coding"
    verbose_name = _("Kodning")

    def ready(self):
        from stories.signals import consent_withdrawn, text_changed

        from .services import forget_story_analysis, reanchor_story

        text_changed.connect(reanchor_story, dispatch_uid="coding.reanchor")
        consent_withdrawn.connect(forget_story_analysis, dispatch_uid="coding.withdrawn")
