"""Reads of the elections: scoped to the viewer, and the election committee's current seats."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.core.errors import NotFound

from .models import (
    BallotBox,
    CommitteeMember,
    CountSheet,
    Election,
    Nomination,
    NominationStatus,
    Poll,
    PollKind,
    Round,
    Voter,
)
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


# --- Candidates, the count and the result ------------------------------------------------------------------


def nominations_of(election: Election) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(election=election)
        .select_related("candidate__resident")
        .prefetch_related("nominators__voter__resident")
    )


def candidates_of(election: Election) -> QuerySet[Nomination]:
    """The confirmed candidates (published once `candidates_published_at` is set)."""
    return (
        nominations_of(election)
        .filter(status=NominationStatus.ACCEPTED)
        .order_by("candidate__resident__name_sort")
    )


def poll_choices(poll: Poll) -> list[Nomination | None]:
    """What a poll's sheets count: the candidates (a second round: those not elected in the first); a recall: None."""
    if poll.kind == PollKind.RECALL:
        return [None]
    choices: list[Nomination | None] = list(candidates_of(poll.election))
    if poll.kind == PollKind.SECOND:
        first = Poll.objects.filter(election=poll.election, kind=PollKind.FIRST, recall=None).first()
        elected = set((first.result or {}).get("elected", [])) if first else set()
        choices = [choice for choice in choices if choice is not None and choice.pk not in elected]
    return choices


def box_disagreements(box: BallotBox) -> list[tuple[int | None, int, int]]:
    """(choice, first clerk's figure, second clerk's figure) wherever the two sheets of a box differ."""
    sheets = list(box.sheets.order_by("id").prefetch_related("lines"))
    if len(sheets) < 2:
        return []
    first = {line.nomination_id: line.votes for line in sheets[0].lines.all()}
    second = {line.nomination_id: line.votes for line in sheets[1].lines.all()}
    return [
        (key, first.get(key, 0), second.get(key, 0))
        for key in sorted(set(first) | set(second), key=lambda k: -1 if k is None else k)
        if first.get(key) != second.get(key)
    ]


def sheet_visible(user: User, sheet: CountSheet) -> bool:
    """A clerk's figures are seen by nobody else until the box's second sheet is in (double entry, blind)."""
    if sheet.clerk_id == user.pk:
        return True
    return CountSheet.objects.filter(box_id=sheet.box_id).count() >= 2


def poll_announced(election: Election, kind: str = PollKind.FIRST) -> Poll | None:
    """The announced poll of a round, for the public notice (names of the elected, votes per candidate)."""
    return Poll.objects.filter(election=election, kind=kind, recall=None).exclude(announced_at=None).first()


def poll_get_for(user: User, pk: int) -> Poll:
    """A poll of an election the user reads (404 for missing and not yours alike)."""
    poll = (
        Poll.objects.filter(pk=pk, election__in=elections_for(user))
        .select_related("election__community")
        .first()
    )
    if poll is None:
        raise NotFound()
    return poll


def count_board(poll: Poll, viewer: User) -> list[dict]:
    """Each box of a poll: its paper, its sheets (whose, without figures), and the disagreements once both are in."""
    names = {choice.pk: choice.candidate.resident.name for choice in poll_choices(poll) if choice is not None}
    board = []
    for box in poll.boxes.order_by("id").prefetch_related("sheets"):
        sheets = list(box.sheets.all())
        board.append(
            {
                "box": box,
                "sheets": len(sheets),
                "mine": any(sheet.clerk_id == viewer.pk for sheet in sheets),
                "disagreements": [
                    {"choice": names.get(key, "") if key is not None else "", "first": a, "second": b}
                    for key, a, b in box_disagreements(box)
                ],
            }
        )
    return board


def public_notice(election: Election) -> dict | None:
    """What the public notice shows once announced: each round's figures, the elected and votes per candidate."""
    polls = list(
        Poll.objects.filter(election=election, recall=None).exclude(announced_at=None).order_by("id")
    )
    if not polls:
        return None
    names = {
        str(nomination.pk): nomination.candidate.resident.name
        for nomination in Nomination.objects.filter(election=election).select_related("candidate__resident")
    }
    rounds = []
    for poll in polls:
        result = poll.result or {}
        elected = {str(pk) for pk in result.get("elected", [])}
        rows = sorted(
            ((names.get(key, ""), count, key in elected) for key, count in result.get("votes", {}).items()),
            key=lambda row: -row[1],
        )
        rounds.append({"poll": poll, "result": result, "rows": rows})
    last = polls[-1].result or {}
    return {
        "rounds": rounds,
        "elected": [names.get(str(pk), "") for pk in last.get("elected_all", [])],
        "without_woman": bool(last.get("without_woman")),
        "unfilled": last.get("unfilled", 0),
    }


def election_public_get(pk: int) -> Election:
    """An election whose result has been announced, for anyone (404 otherwise)."""
    election = (
        Election.objects.filter(pk=pk, polls__announced_at__isnull=False, polls__recall=None)
        .select_related("community", "round")
        .first()
    )
    if election is None:
        raise NotFound()
    return election
