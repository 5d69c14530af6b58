"""Signals other apps listen to, so that stories never import the layers above them."""

from django.dispatch import Signal

# Sent inside the withdrawal's transaction with `story` and `user`. A receiver removes
# what it built on the story's consent and returns {"what_was_removed": count} for the
# audit event (see workshops.apps).
consent_withdrawn = Signal()
