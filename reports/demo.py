"""Demo content for the report: feedback given to a few storytellers, and the published
report edition of round "2019–2021" that reproduces the seed report.

The edition is ranked by the citizens' workshop, uses the staff and partners' workshops
for its selections, is dated 1 June 2021 and signed by the demo manager ("leder", Karin
Leth Kristensen, as in the seed). The report texts themselves come from migrations.
Idempotent: running twice changes nothing.
"""

import datetime

from stories.models import CollectionRound, Feedback, Story
from workshops.models import Workshop

from . import services
from .models import Edition

FEEDBACK = [
    # (story title, given on, how)
    ("Det rette match", datetime.date(2021, 5, 10), Feedback.How.CONVERSATION),
    ("Jeg har fået mere ansvar…", datetime.date(2021, 5, 12), Feedback.How.LETTER),
    ("Nu pakker jeg legetøj…", datetime.date(2021, 5, 20), Feedback.How.PHONE),
]
ROUND_NAME = "2019–2021"
EDITION_TITLE = "Læringsrapport 2019–2021"
EDITION_DATE = datetime.date(2021, 6, 1)
SIGNER_TITLE = "Leder Aalborg AKTIV og Aalborg FRI-TID"


def load(users):
    staff = users.get("medarbejder")
    for title, given_on, how in FEEDBACK:
        story = Story.objects.filter(title=title).order_by("pk").first()
        if story is None:
            continue
        Feedback.objects.get_or_create(
            story=story, given_on=given_on, how=how, defaults={"given_by": staff}
        )
    load_edition(users)


def load_edition(users):
    round_ = CollectionRound.objects.filter(name=ROUND_NAME).first()
    if round_ is None or Edition.objects.filter(title=EDITION_TITLE).exists():
        return
    closed = Workshop.objects.filter(
        round=round_, status=Workshop.Status.CLOSED, is_rehearsal=False
    )
    citizens = list(closed.filter(kind=Workshop.Kind.CITIZENS).order_by("-held_on")[:1])
    others = list(closed.exclude(kind=Workshop.Kind.CITIZENS).order_by("held_on"))
    edition = services.create_edition(
        user=users.get("facilitator"),
        title=EDITION_TITLE,
        dated=EDITION_DATE,
        rounds=[round_],
        workshops=others,
        ranking_workshops=citizens,
        signed_by=users.get("leder"),
        signer_title=SIGNER_TITLE,
    )
    services.publish_edition(edition.pk, user=users.get("leder"))
