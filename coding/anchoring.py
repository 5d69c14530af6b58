"""Finding an excerpt's passage again after its story's text was edited.

Pure functions on strings, so the rule is tested without a database: an excerpt keeps
its offsets while the text there is still its passage; otherwise the passage is looked
for anew, exactly, and the occurrence nearest the old start wins; when it is gone, the
excerpt keeps its old offsets (clamped to the text) and is flagged for review.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    found: bool


def occurrences(text, passage):
    """Every start position of `passage` in `text` (overlapping ones too)."""
    found, position = [], text.find(passage)
    while position != -1:
        found.append(position)
        position = text.find(passage, position + 1)
    return found


def reanchor(text, passage, start):
    """Where `passage` (stored at `start`) is in `text` now: an Anchor."""
    if passage and text[start : start + len(passage)] == passage:
        return Anchor(start, start + len(passage), True)
    candidates = occurrences(text, passage) if passage else []
    if candidates:
        best = min(candidates, key=lambda position: (abs(position - start), position))
        return Anchor(best, best + len(passage), True)
    start = min(start, max(len(text) - 1, 0))
    end = min(start + max(len(passage), 1), len(text)) if text else 1
    return Anchor(start, max(end, start + 1), False)


def locate(text, *, passage="", start=None, end=None):
    """The selection a person gave: the passage typed or pasted (found in the text, the
    first occurrence at or after `start` if given), or start/end offsets. Returns
    (start, end) or None when it is not in the text."""
    if passage:
        if start is not None and text[start : start + len(passage)] == passage:
            return start, start + len(passage)
        candidates = occurrences(text, passage)
        if not candidates:
            return None
        if start is not None:
            later = [position for position in candidates if position >= start]
            candidates = later or candidates
        return candidates[0], candidates[0] + len(passage)
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return start, end
