"""Agreement statistics as small pure functions (no Django, no database).

Every function returns None when the statistic cannot be computed (no variation: the
expected disagreement is zero, so the formula would divide by zero); the pages then say
"kan ikke beregnes" rather than show a number.

- cohen_kappa(a, b): two coders, one label each per unit (Cohen 1960).
- krippendorff_alpha(units): any number of coders, nominal labels, missing values
  allowed (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
- binary_decisions(...): turns "which domains did each coder choose for each story" into
  present/absent decisions per domain, the form both statistics take here.
"""

from collections import Counter
from itertools import permutations


def cohen_kappa(a, b):
    """Cohen's kappa for two equal-length sequences of labels; None if not computable."""
    if len(a) != len(b):
        raise ValueError("both coders must label the same units")
    n = len(a)
    if n == 0:
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units):
    """Krippendorff's alpha for nominal data.

    `units` is a list of units, each a list of the values the coders gave it (None for a
    coder who gave none). Units with fewer than two values are not pairable and are left
    out. Returns None when nothing is pairable or every value is the same.
    """
    coincidences = Counter()
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for x, y in permutations(values, 2):
            coincidences[(x, y)] += 1 / (m - 1)
    totals = Counter()
    for (x, _y), weight in coincidences.items():
        totals[x] += weight
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(w for (x, y), w in coincidences.items() if x != y)
    expected = sum(totals[x] * totals[y] for x in totals for y in totals if x != y)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def pairable_units(units):
    """How many units at least two coders coded (what alpha rests on)."""
    return sum(1 for unit in units if sum(v is not None for v in unit) >= 2)


def binary_decisions(codings, domain):
    """[[present?, ...] per unit]: whether each coder chose `domain` for each unit.

    `codings` is a list of units, each a list (one item per coder) of the set of domains
    the coder chose, or None when the coder has not coded the unit.
    """
    return [[None if chosen is None else domain in chosen for chosen in unit] for unit in codings]


def agreement(codings, domains):
    """Agreement per domain and overall for `codings` (see binary_decisions).

    Returns {"per_domain": {domain: {"value", "n"}}, "overall": {"value", "n"},
    "statistic": "kappa" | "alpha"}. With exactly two coders it is Cohen's kappa over the
    units both coded; with more, Krippendorff's alpha. "Overall" pools every (unit, domain)
    decision; its n counts the units (stories) it rests on.
    """
    coders = max((len(unit) for unit in codings), default=0)
    statistic = "kappa" if coders == 2 else "alpha"
    per_domain = {}
    pooled = []
    for domain in domains:
        decisions = binary_decisions(codings, domain)
        pooled.extend(decisions)
        per_domain[domain] = {"value": _statistic(statistic, decisions), "n": _rests_on(decisions)}
    overall = {
        "value": _statistic(statistic, pooled),
        "n": _rests_on(binary_decisions(codings, None)),
    }
    return {"statistic": statistic, "per_domain": per_domain, "overall": overall}


def _rests_on(decisions):
    return pairable_units(decisions)


def _statistic(statistic, decisions):
    if statistic == "alpha":
        return krippendorff_alpha(decisions)
    both = [unit for unit in decisions if unit[0] is not None and unit[1] is not None]
    return cohen_kappa([u[0] for u in both], [u[1] for u in both])
