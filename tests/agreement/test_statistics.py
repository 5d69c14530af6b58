"""The agreement statistics against hand computations and textbook examples."""

import pytest

from agreement.statistics import agreement, cohen_kappa, krippendorff_alpha, pairable_units


def test_cohen_kappa_matches_the_textbook_two_by_two_table():
    # 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15 (the common textbook table).
    # p_o = 35/50 = 0.7; p_e = (25·30 + 25·20)/50² = 0.5; kappa = 0.2/0.5 = 0.4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_kappa_is_one_for_perfect_agreement_and_negative_below_chance():
    assert cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == pytest.approx(1.0)
    assert cohen_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == pytest.approx(-1.0)


def test_cohen_kappa_cannot_be_computed_without_variation():
    # Both coders say "no" everywhere: p_e = 1, the formula would divide by zero.
    assert cohen_kappa([0, 0, 0], [0, 0, 0]) is None
    assert cohen_kappa([], []) is None


def test_cohen_kappa_refuses_unequal_lengths():
    with pytest.raises(ValueError):
        cohen_kappa([1], [1, 0])


def test_krippendorff_alpha_matches_krippendorffs_binary_example():
    # Krippendorff (2011), two observers, ten units, binary data: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    # By hand: n = 20; o_01 = o_10 = 4; n_0 = 14, n_1 = 6;
    # alpha = 1 - (n-1)·8 / (2·14·6) = 1 - 152/168 = 0.0952.
    assert krippendorff_alpha(list(zip(a, b, strict=True))) == pytest.approx(1 - 152 / 168)
    assert round(krippendorff_alpha(list(zip(a, b, strict=True))), 3) == 0.095


def test_krippendorff_alpha_matches_krippendorffs_nominal_example_with_missing_values():
    # Krippendorff (2011), four observers, twelve units, nominal, with gaps: alpha = 0.743.
    n = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    units = [list(unit) for unit in zip(*coders, strict=True)]
    assert round(krippendorff_alpha(units), 3) == 0.743
    assert pairable_units(units) == 11  # the last unit has one value only


def test_krippendorff_alpha_cannot_be_computed_without_variation_or_pairs():
    assert krippendorff_alpha([[1, 1], [1, 1, 1]]) is None
    assert krippendorff_alpha([[1, None], [None, 2]]) is None
    assert krippendorff_alpha([]) is None


def test_agreement_per_domain_and_overall_for_two_coders():
    # The browser test's round: four stories, coder B differs on story 2 only.
    a = [{"glaede"}, {"glaede"}, {"laering"}, {"laering"}]
    b = [{"glaede"}, {"laering"}, {"laering"}, {"laering"}]
    result = agreement(
        [list(unit) for unit in zip(a, b, strict=True)], ["glaede", "laering", "mod"]
    )
    assert result["statistic"] == "kappa"
    # glaede: A 1100, B 1000: p_o = 3/4, p_e = (2·1 + 2·3)/16 = 1/2, kappa = 0.5.
    assert result["per_domain"]["glaede"] == {"value": pytest.approx(0.5), "n": 4}
    assert result["per_domain"]["laering"] == {"value": pytest.approx(0.5), "n": 4}
    assert result["per_domain"]["mod"] == {"value": None, "n": 4}  # nobody chose it
    # Pooled over 12 decisions: p_o = 10/12; both say yes 4 times:
    # p_e = (4·4 + 8·8)/144 = 80/144; kappa = (120 - 80)/(144 - 80) = 0.625.
    assert result["overall"]["value"] == pytest.approx(0.625)
    assert result["overall"]["n"] == 4


def test_agreement_leaves_out_stories_a_coder_has_not_coded():
    result = agreement([[{"glaede"}, {"glaede"}], [{"mod"}, None], [set(), set()]], ["glaede"])
    assert result["per_domain"]["glaede"]["n"] == 2
    assert result["per_domain"]["glaede"]["value"] == pytest.approx(1.0)


def test_agreement_uses_alpha_for_three_coders():
    units = [
        [{"glaede"}, {"glaede"}, {"glaede"}],
        [set(), set(), {"glaede"}],
        [set(), set(), set()],
    ]
    result = agreement(units, ["glaede"])
    assert result["statistic"] == "alpha"
    # Values per unit: (1,1,1), (0,0,1), (0,0,0): n = 9, o_01 = o_10 = 1 (unit 2: 2 pairs / 2).
    # n_1 = 4, n_0 = 5: alpha = 1 - 8·2 / (2·4·5) = 0.6.
    assert result["per_domain"]["glaede"]["value"] == pytest.approx(0.6)
