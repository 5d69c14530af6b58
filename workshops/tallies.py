"""Ballot and vote counts that PostgreSQL keeps up to date, so results never count votes.

Every write to ballots and votes adjusts these rows in the same transaction, through
triggers (workshops migration 0005, where the SQL is), whatever code path writes. The
results, the console and the report read them through workshops.selectors. Nothing here
is written by Python. Rows that fall to zero are kept; they go with their group.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Group, Workshop


class GroupCount(models.Model):
    """Ballots (and how many of them on paper) in one group."""

    group = models.OneToOneField(
        Group, on_delete=models.DO_NOTHING, db_constraint=False, related_name="count"
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    ballots = models.IntegerField(default=0)
    paper = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("optælling af stemmesedler")
        verbose_name_plural = _("optællinger af stemmesedler")
        indexes = [models.Index(fields=["workshop"], name="groupcount_workshop")]

    def __str__(self):
        return f"{self.group_id}: {self.ballots}"


class VoteCount(models.Model):
    """Votes for one domain in one group."""

    group = models.ForeignKey(
        Group, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    domain_id = models.BigIntegerField()
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("optælling af stemmer")
        verbose_name_plural = _("optællinger af stemmer")
        constraints = [models.UniqueConstraint(fields=["group", "domain_id"], name="votecount_key")]
        indexes = [models.Index(fields=["workshop"], name="votecount_workshop")]

    def __str__(self):
        return f"{self.group_id}/{self.domain_id}: {self.n}"
