"""Story counts that PostgreSQL keeps up to date, so no page counts 100,000 stories.

Every write to stories, their domain tags and their feedback adjusts these rows in the
same transaction, through triggers (stories migration 0007, where the SQL is), whatever
code path writes: forms, imports, the admin, a bulk UPDATE, psql. The pages read them
through stories.selectors. Nothing here is written by Python.

Who may see what is the *audience*, the same rule as StoryQuerySet, kept by the
database as `stories_audiences()`:

    all       every story, drafts and withdrawn ones too (staff's story list)
    staff     ready and not withdrawn (staff's summaries: StoryQuerySet.ready().not_withdrawn())
    analysis  ... with consent to analysis (for_analysis(): facilitators)
    report    ... with consent to the report (for_report(): the report, managers)
    publish   ... with consent to publication (for_public(): the public page)

A story counts once under its own row (domain 0) and once under each of its domains.
Round 0 is "no round". Rows that fall to zero are kept.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aktiv.dates import short_month


class Audience(models.TextChoices):
    ALL = "all", _("alle fortællinger")
    STAFF = "staff", _("klare fortællinger")
    ANALYSIS = "analysis", _("med samtykke til analyse")
    REPORT = "report", _("med samtykke til rapporten")
    PUBLISH = "publish", _("med samtykke til offentliggørelse")


NO_ROUND = 0
WHOLE_STORY = 0


class StoryCount(models.Model):
    """Stories per audience, round, domain (0: the story itself) and employment type."""

    round_id = models.BigIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    domain_id = models.BigIntegerField()
    employment_type = models.CharField(max_length=20)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("optælling af fortællinger")
        verbose_name_plural = _("optællinger af fortællinger")
        constraints = [
            models.UniqueConstraint(
                fields=["round_id", "audience", "domain_id", "employment_type"],
                name="storycount_key",
            )
        ]

    def __str__(self):
        return f"{self.audience} {self.round_id}/{self.domain_id}/{self.employment_type}: {self.n}"


class DomainPairCount(models.Model):
    """Stories tagged with both domains (domain_a < domain_b), per audience and round."""

    round_id = models.BigIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    domain_a = models.BigIntegerField()
    domain_b = models.BigIntegerField()
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("optælling af domænepar")
        verbose_name_plural = _("optællinger af domænepar")
        constraints = [
            models.UniqueConstraint(
                fields=["round_id", "audience", "domain_a", "domain_b"], name="domainpaircount_key"
            )
        ]

    def __str__(self):
        return f"{self.audience} {self.round_id}/{self.domain_a}+{self.domain_b}: {self.n}"


class StorytellerCount(models.Model):
    """Per storyteller (the pseudonymous code, or "#<story id>" without one): how many of
    their stories an audience sees, and how many of those have had feedback."""

    round_id = models.BigIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    teller = models.CharField(max_length=30)
    stories = models.IntegerField(default=0)
    with_feedback = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("optælling pr. fortæller")
        verbose_name_plural = _("optællinger pr. fortæller")
        constraints = [
            models.UniqueConstraint(
                fields=["round_id", "audience", "teller"], name="storytellercount_key"
            )
        ]

    def __str__(self):
        return f"{self.audience} {self.round_id}/{self.teller}: {self.stories}"


class StorytellerTotal(models.Model):
    """Per audience and round: how many storytellers it sees, how many of them have had
    feedback on a story, and how many stories have had feedback (kept with
    StorytellerCount: a storyteller counts when their row goes above zero)."""

    round_id = models.BigIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    tellers = models.IntegerField(default=0)
    tellers_heard = models.IntegerField(default=0)
    stories_heard = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("optælling af fortællere")
        verbose_name_plural = _("optællinger af fortællere")
        constraints = [
            models.UniqueConstraint(fields=["round_id", "audience"], name="storytellertotal_key")
        ]

    def __str__(self):
        return f"{self.audience} {self.round_id}: {self.tellers}"


class CollectionCount(models.Model):
    """Meta-monitoring of the collection (every story): per round, collector (0: none)
    and month collected, how many stories and how many are ready, have each consent,
    are withdrawn or were read back to the storyteller."""

    round_id = models.BigIntegerField()
    collector_id = models.BigIntegerField()
    month = models.DateField()
    total = models.IntegerField(default=0)
    ready = models.IntegerField(default=0)
    analysis = models.IntegerField(default=0)
    report = models.IntegerField(default=0)
    publish = models.IntegerField(default=0)
    withdrawn = models.IntegerField(default=0)
    read_back = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("optælling af indsamlingen")
        verbose_name_plural = _("optællinger af indsamlingen")
        constraints = [
            models.UniqueConstraint(
                fields=["round_id", "collector_id", "month"], name="collectioncount_key"
            )
        ]

    def __str__(self):
        return f"{self.round_id}/{self.collector_id}/{short_month(self.month)}: {self.total}"
