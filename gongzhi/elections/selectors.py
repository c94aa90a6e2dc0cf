"""Reads of the elections: scoped to the viewer, and the election committee's current seats."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.core.errors import NotFound

from .models import CommitteeMember, Election, Round, Voter
from .roles import READERS, ROUND_KEEPERS


def committee_seat_of(user: User, election: Election, on: dt.date | None = None) -> CommitteeMember | None:
    """The user's current seat on the election's committee (through their register entry), or None."""
    if not user.is_authenticated:
        return None
    on = on or timezone.localdate()
    return (
        CommitteeMember.objects.filter(
            election=election, resident__user=user, joined_on__lte=on, left_on=None
        )
        .select_related("resident")
        .first()
    )


def rounds_for(user: User) -> QuerySet[Round]:
    paths = paths_for(user, READERS | ROUND_KEEPERS)
    return Round.objects.filter(scope_q(paths, "township__path")).select_related("township")


def elections_for(user: User) -> QuerySet[Election]:
    """The elections the user reads: those of the areas their roles cover, and those whose committee they sit on."""
    paths = paths_for(user, READERS)
    seated = CommitteeMember.objects.filter(resident__user=user, left_on=None).values("election_id")
    query = scope_q(paths, "community__path")
    if user.is_authenticated:
        query |= Q(pk__in=seated)
    return Election.objects.filter(query).select_related("round", "community")


def election_get_for(user: User, pk: int) -> Election:
    election = elections_for(user).filter(pk=pk).first()
    if election is None:
        raise NotFound()
    return election


def roll_of(election: Election) -> QuerySet[Voter]:
    """The election's current roll (removed lines are kept, and left out here)."""
    return Voter.objects.filter(election=election, removed_at=None).select_related("resident")
