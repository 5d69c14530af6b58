"""Re-anchoring an excerpt's passage after the text changed (pure functions)."""

from hypothesis import given
from hypothesis import strategies as st

from coding.anchoring import locate, reanchor


def test_an_unchanged_passage_keeps_its_place():
    text = "Jeg fik et job. Jeg fik et job igen."
    anchor = reanchor(text, "Jeg fik et job", 16)
    assert (anchor.start, anchor.end, anchor.found) == (16, 30, True)


def test_text_added_before_the_passage_moves_it():
    text = "Først dette. Jeg blev glad."
    anchor = reanchor(text, "Jeg blev glad", 0)
    assert (anchor.start, anchor.end, anchor.found) == (13, 26, True)
    assert text[anchor.start : anchor.end] == "Jeg blev glad"


def test_the_occurrence_nearest_the_old_offset_wins():
    text = "glad ... glad ... glad"
    assert reanchor(text, "glad", 10).start == 9
    assert reanchor(text, "glad", 1).start == 0


def test_a_passage_that_is_gone_is_flagged_and_kept_inside_the_text():
    anchor = reanchor("Kort tekst.", "en passage der ikke findes mere", 40)
    assert not anchor.found
    assert 0 <= anchor.start < anchor.end <= len("Kort tekst.")


def test_a_typed_passage_is_found_after_the_given_start():
    text = "mod og mod"
    assert locate(text, passage="mod") == (0, 3)
    assert locate(text, passage="mod", start=2) == (7, 10)
    assert locate(text, passage="ikke her") is None


def test_offsets_alone_must_lie_inside_the_text():
    assert locate("abcdef", start=1, end=4) == (1, 4)
    assert locate("abcdef", start=4, end=9) is None
    assert locate("abcdef", start=4, end=4) is None


@given(
    before=st.text(max_size=40),
    passage=st.text(min_size=1, max_size=20),
    after=st.text(max_size=40),
    inserted=st.text(max_size=40),
)
def test_text_inserted_before_a_passage_never_loses_it(before, passage, after, inserted):
    old = before + passage + after
    new = inserted + old
    anchor = reanchor(new, passage, len(before))
    assert anchor.found
    assert new[anchor.start : anchor.end] == passage
