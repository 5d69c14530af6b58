"""Small counts that could point at one person, hidden so that differencing cannot undo
it: one rule for every page, export and report that shows counts beside their total
(workshop results per group, the manager's start page per month and collector).

A count below MIN_COUNT is hidden; then, while the hidden counts together are above
zero but below MIN_COUNT, the smallest shown count is hidden too (complementary
suppression). Total minus the shown counts is then either zero or at least MIN_COUNT,
so it never gives away a count of one or two.
"""

MIN_COUNT = 3


def hidden_keys(counts, minimum=MIN_COUNT, *, hide_zero=False):
    """The keys of `counts` ({key: n}) whose numbers must not be shown.

    Zero counts are shown unless `hide_zero` (a zero says nothing about anyone, but a
    page may prefer to treat an empty group like a small one). Ties among the counts to
    hide next are broken by key order, so the same data always hides the same cells.
    """
    hidden = {key for key, n in counts.items() if n < minimum and (n > 0 or hide_zero)}
    # Only a count above zero can cover a hidden one (hiding a zero hides nothing).
    shown = sorted((n, key) for key, n in counts.items() if key not in hidden and n > 0)
    hidden_total = sum(counts[key] for key in hidden)
    while 0 < hidden_total < minimum and shown:
        n, key = shown.pop(0)
        hidden.add(key)
        hidden_total += n
    return hidden
