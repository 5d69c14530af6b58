"""Danish number words and the preface's phrases."""

import pytest
from django.utils import translation

from reports.wording import (
    employment_phrase,
    groups_discussed_sentence,
    number_word,
    stories_collected_sentence,
)


@pytest.mark.parametrize(
    "n, word",
    [(0, "nul"), (1, "én"), (2, "to"), (7, "syv"), (11, "elleve"), (17, "sytten"), (20, "tyve")],
)
def test_number_words_0_to_20_in_danish(n, word):
    with translation.override("da"):
        assert number_word(n) == word


def test_numbers_above_twenty_and_below_zero_fall_back_to_digits():
    with translation.override("da"):
        assert number_word(21) == "21"
        assert number_word(1000) == "1000"
        assert number_word(-1) == "-1"


def test_capitalised_number_word_starts_a_sentence():
    with translation.override("da"):
        assert number_word(1, capitalize=True) == "Én"
        assert number_word(3, capitalize=True) == "Tre"


@pytest.mark.parametrize(
    "employment, n, sentence",
    [
        ("wage_subsidy", 7, "Syv er kommet i job med løntilskud"),
        ("voluntary", 4, "Fire er i frivilligt arbejde"),
        ("unreferred", 2, "To er i uvisiterede tilbud"),
        ("sheltered_103", 5, "Fem er i beskyttet beskæftigelse (§103)"),
        ("activity_104", 2, "To er i aktivitets- og samværstilbud (§104)"),
        ("unreferred", 1, "Én er i et uvisiteret tilbud"),
        ("voluntary", 25, "25 er i frivilligt arbejde"),
    ],
)
def test_employment_phrases_match_the_seed_reports_preface(employment, n, sentence):
    with translation.override("da"):
        assert employment_phrase(employment, n) == sentence


@pytest.mark.parametrize(
    "n, sentence",
    [
        (3, "Tre grupper drøftede dette"),
        (2, "To grupper drøftede dette"),
        (1, "Én gruppe drøftede dette"),
    ],
)
def test_groups_discussed_sentence(n, sentence):
    with translation.override("da"):
        assert groups_discussed_sentence(n) == sentence


def test_total_sentence_uses_digits_as_the_report_does():
    with translation.override("da"):
        twenty = "Vi har indsamlet i alt 20 forandringsfortællinger."
        assert stories_collected_sentence(20) == twenty
        assert stories_collected_sentence(1) == "Vi har indsamlet i alt 1 forandringsfortælling."


def test_english_number_words_when_the_page_is_in_english():
    with translation.override("en"):
        assert number_word(7) == "seven"
