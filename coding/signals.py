"""Signals the layers above coding answer, so that coding never imports them."""

from django.dispatch import Signal

# Sent while a REFI-QDA project is exported, with `story_ids` (the exported stories).
# A receiver returns notes to attach to those stories: [(story id, name, text)] (the
# workshops' selection reasons, workshops.apps).
project_notes = Signal()
