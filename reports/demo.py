"""Demo content for the report: feedback given to a few storytellers.

The report texts themselves come from a migration. Idempotent: running twice changes
nothing.
"""

import datetime

from stories.models import Feedback, Story

FEEDBACK = [
    # (story title, given on, how)
    ("Det rette match", datetime.date(2021, 5, 10), Feedback.How.CONVERSATION),
    ("Jeg har fået mere ansvar…", datetime.date(2021, 5, 12), Feedback.How.LETTER),
    ("Nu pakker jeg legetøj…", datetime.date(2021, 5, 20), Feedback.How.PHONE),
]


def load(users):
    staff = users.get("medarbejder")
    for title, given_on, how in FEEDBACK:
        story = Story.objects.filter(title=title).order_by("pk").first()
        if story is None:
            continue
        Feedback.objects.get_or_create(
            story=story, given_on=given_on, how=how, defaults={"given_by": staff}
        )
