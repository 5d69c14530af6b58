"""Signals other apps listen to, so that stories never import the layers above them."""

from django.dispatch import Signal

# Sent inside the transaction that takes consent away, with `story`, `user` and `scopes`:
# the scopes the story lost ("analysis", "report", "publish"; all three when the whole
# consent is withdrawn), whether withdrawn or unticked on the form. A receiver removes
# what it built on those scopes and returns {"what_was_removed": count} for the audit
# event (see workshops.apps): a story that lost analysis consent leaves the workshops; one
# that lost only publish consent does not.
consent_withdrawn = Signal()

# Sent inside the transaction that changes a story's text (stories.services.update_story),
# with `story` (saved, with its new text), `user` and `old_text`. Coding re-anchors its
# excerpts on it (coding.apps).
text_changed = Signal()
