"""The seed report's citizens' workshop as data: 14 citizens in three groups, 3 votes each.

The report orders its domain sections by the citizens' priorities and names how many
groups discussed each domain (3, 3, 2, 2, 2, 2, 1, 1, 1, 0). These votes reproduce
that order; SELVSTÆNDIGHED and LÆRING tie on 4 votes in 2 groups (shared 5th place,
shown in display order), and VÆRDIGHED OG LIGEVÆRDIGHED gets no votes at all.
"""

VOTES_PER_PARTICIPANT = 3

# group number -> (ballots in the group, {domain slug: votes})
CITIZEN_GROUPS = {
    1: (
        5,
        {
            "glaede": 3,
            "faellesskab": 3,
            "muligheder": 3,
            "selvtillid-og-selvrespekt": 2,
            "laering": 2,
            "indflydelse": 2,
        },
    ),
    2: (
        5,
        {
            "glaede": 3,
            "faellesskab": 3,
            "muligheder": 3,
            "selvstaendighed": 2,
            "tryghed-og-mod": 3,
            "uundvaerlighed": 1,
        },
    ),
    3: (
        4,
        {
            "glaede": 3,
            "faellesskab": 2,
            "selvtillid-og-selvrespekt": 3,
            "selvstaendighed": 2,
            "laering": 2,
        },
    ),
}


def ballots_for(ballot_count, votes):
    """Split a group's votes into ballots of distinct domains (round-robin).

    Works whenever no domain has more votes than there are ballots.
    """
    ballots = [[] for _ in range(ballot_count)]
    flat = [slug for slug, n in votes.items() for _ in range(n)]
    for index, slug in enumerate(flat):
        ballots[index % ballot_count].append(slug)
    for ballot in ballots:
        if len(set(ballot)) != len(ballot):
            raise ValueError("a domain has more votes than the group has ballots")
    return ballots
