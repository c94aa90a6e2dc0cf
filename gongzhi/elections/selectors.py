"""Reads of the elections: scoped to the viewer, and the election committee's current seats."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area
from gongzhi.bodies.models import BodyKind, Membership
from gongzhi.bodies.selectors import body_of_kind, memberships_current, shoulder_one
from gongzhi.core.errors import NotFound
from gongzhi.meetings.models import Meeting
from gongzhi.residents.models import Resident

from . import deadlines
from .models import (
    BallotBox,
    CommitteeMember,
    CountSheet,
    Election,
    Nomination,
    NominationStatus,
    Objection,
    Poll,
    PollKind,
    Proxy,
    Recall,
    Round,
    RoundPractice,
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


# --- The round's board, the roll, objections and proxies (the roll part) -----------------------------------


def round_get_for(user: User, pk: int) -> Round:
    round_ = rounds_for(user).filter(pk=pk).first()
    if round_ is None:
        raise NotFound()
    return round_


def practice_of(round_: Round) -> RoundPractice:
    """The round's periods and targets (the defaults, unsaved, for a round opened before they existed)."""
    return RoundPractice.objects.filter(round=round_).first() or RoundPractice(round=round_)


@dataclass(frozen=True)
class BoardRow:
    election: Election
    steps: list[deadlines.Step]
    voters: int
    objections_open: int
    shoulder_one: bool
    cross_holders: int
    two_committees: int


def _local(moment) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def _cross(community) -> tuple[bool, int, int]:
    """一肩挑, and how many sit on both the party organisation and the committee, of how many on either."""
    party, committee = (
        body_of_kind(community, BodyKind.PARTY_ORG),
        body_of_kind(community, BodyKind.COMMITTEE),
    )
    party_ids = set(memberships_current(party).values_list("resident_id", flat=True)) if party else set()
    committee_ids = (
        set(memberships_current(committee).values_list("resident_id", flat=True)) if committee else set()
    )
    return shoulder_one(community) is not None, len(party_ids & committee_ids), len(party_ids | committee_ids)


def round_board(round_: Round, *, today: dt.date | None = None) -> list[BoardRow]:
    """Every community's steps with their dates or due dates (the township's board), and the 两委's shape."""
    today = today or timezone.localdate()
    practice = practice_of(round_)
    elections = list(
        Election.objects.filter(round=round_).select_related("community").order_by("community__path")
    )
    voters = dict(
        Voter.objects.filter(round=round_, removed_at=None)
        .values("election_id")
        .annotate(n=Count("id"))
        .values_list("election_id", "n")
    )
    objections = {
        row["election_id"]: row
        for row in Objection.objects.filter(election__round=round_)
        .values("election_id")
        .annotate(open=Count("id", filter=Q(answered_at=None)), last=Max("answered_at"))
    }
    rows = []
    for election in elections:
        published = _local(election.roll_published_at)
        stats = objections.get(election.pk, {"open": 0, "last": None})
        closed = None
        if published is not None and stats["open"] == 0:
            period_end = deadlines.objections_last_day(published)
            if today > period_end:
                closed = max(filter(None, [period_end, _local(stats["last"])]))
        steps = deadlines.steps(
            election_day=election.election_day,
            committee_formed_on=election.committee_formed_on,
            roll_published_on=published,
            objections_closed_on=closed,
            candidates_published_on=_local(election.candidates_published_at),
            result_filed_on=_local(election.result_filed_at),
            today=today,
            committee_lead_days=practice.committee_lead_days,
            candidates_lead_days=practice.candidates_lead_days,
            filing_days=practice.filing_days,
        )
        one, cross, both = _cross(election.community)
        rows.append(
            BoardRow(election, steps, voters.get(election.pk, 0), int(stats["open"] or 0), one, cross, both)
        )
    return rows


@dataclass(frozen=True)
class Shares:
    communities: int
    shoulder_one: int
    shoulder_one_target: int
    cross_holders: int
    two_committees: int
    cross_holding_target: int

    @property
    def shoulder_one_percent(self) -> int:
        return round(100 * self.shoulder_one / self.communities) if self.communities else 0

    @property
    def cross_holding_percent(self) -> int:
        return round(100 * self.cross_holders / self.two_committees) if self.two_committees else 0

    @property
    def shoulder_one_met(self) -> bool:
        return self.shoulder_one_percent >= self.shoulder_one_target

    @property
    def cross_holding_met(self) -> bool:
        return self.cross_holding_percent >= self.cross_holding_target


def round_shares(round_: Round, rows: list[BoardRow]) -> Shares:
    """The township's 一肩挑 and 交叉任职 against the round's targets, derived from the bodies' posts."""
    practice = practice_of(round_)
    return Shares(
        communities=len(rows),
        shoulder_one=sum(1 for row in rows if row.shoulder_one),
        shoulder_one_target=practice.shoulder_one_target,
        cross_holders=sum(row.cross_holders for row in rows),
        two_committees=sum(row.two_committees for row in rows),
        cross_holding_target=practice.cross_holding_target,
    )


def roll_counts(election: Election) -> dict[str, int]:
    """The roll's size by basis: what the public page shows (never a name)."""
    counts = dict(
        Voter.objects.filter(election=election, removed_at=None)
        .values("basis")
        .annotate(n=Count("id"))
        .values_list("basis", "n")
    )
    return {"total": sum(counts.values()), **counts}


def roll_lines(election: Election) -> QuerySet[Voter]:
    """The roll for the notice board and the pages: name and resident group, in the register's order."""
    return (
        roll_of(election)
        .select_related("resident__area__parent")
        .order_by("resident__area_path", "resident__name_sort")
    )


def roll_removed(election: Election) -> QuerySet[Voter]:
    return Voter.objects.filter(election=election).exclude(removed_at=None).select_related("resident")


def objections_of(election: Election) -> QuerySet[Objection]:
    return Objection.objects.filter(election=election).select_related("author", "subject")


def objection_get_for(user: User, pk: int) -> Objection:
    objection = (
        Objection.objects.filter(pk=pk, election__in=elections_for(user))
        .select_related("election__community", "author", "subject")
        .first()
    )
    if objection is None:
        raise NotFound()
    return objection


def proxies_of(election: Election) -> QuerySet[Proxy]:
    return (
        Proxy.objects.filter(election=election, withdrawn_at=None)
        .select_related("grantor__resident", "holder__resident")
        .order_by("holder__resident__name_sort", "id")
    )


def proxy_get_for(user: User, pk: int) -> Proxy:
    """A proxy of an election the user reads (its scan is theirs to see; 404 outside, as for none)."""
    proxy = (
        Proxy.objects.filter(pk=pk, election__in=elections_for(user))
        .select_related("election__community", "grantor__resident", "holder__resident")
        .first()
    )
    if proxy is None:
        raise NotFound()
    return proxy


def voter_get(election: Election, pk: int | None) -> Voter:
    voter = roll_of(election).filter(pk=pk).first() if pk else None
    if voter is None:
        raise NotFound()
    return voter


def community_voter_of(user: User, election: Election) -> Voter | None:
    """The signed-in user's own line on the community's roll (a voter may read the roll), or None."""
    if not user.is_authenticated:
        return None
    return roll_of(election).filter(resident__user=user).first()


def elections_open_to(user: User) -> QuerySet[Election]:
    """Elections whose published roll the user may read as a voter of the community (or as a reader)."""
    if not user.is_authenticated:
        return Election.objects.none()
    mine = Voter.objects.filter(resident__user=user, removed_at=None).values("election_id")
    return Election.objects.filter(
        Q(pk__in=mine) | Q(pk__in=elections_for(user).values("pk"))
    ).select_related("round", "community")


def community_resident(election: Election, pk: int | None) -> Resident:
    """A person of the election's community on the register (for an action that has checked its actor)."""
    resident = Resident.objects.filter(community_id=election.community_id, pk=pk).first() if pk else None
    if resident is None:
        raise NotFound()
    return resident


def community_residents_matching(election: Election, q: str, limit: int = 10) -> list[Resident]:
    """Register entries of the community whose name or pinyin initials start with `q` (to pick from)."""
    q = q.strip()
    if not q:
        return []
    return list(
        Resident.objects.filter(community_id=election.community_id)
        .filter(Q(name__startswith=q) | Q(name_initials__startswith=q.lower()))
        .select_related("area")
        .order_by("name_sort")[:limit]
    )


def committee_of(election: Election) -> QuerySet[CommitteeMember]:
    return CommitteeMember.objects.filter(election=election).select_related("resident")


def committee_member_get_for(user: User, pk: int) -> CommitteeMember:
    member = (
        CommitteeMember.objects.filter(pk=pk, election__in=elections_for(user))
        .select_related("election")
        .first()
    )
    if member is None:
        raise NotFound()
    return member


def voter_get_for(user: User, pk: int) -> Voter:
    voter = Voter.objects.filter(pk=pk, election__in=elections_for(user)).select_related("election").first()
    if voter is None:
        raise NotFound()
    return voter


def election_public_get(pk: int) -> Election:
    """An election whose roll is published (its counts are public), for anyone."""
    election = (
        Election.objects.filter(pk=pk).exclude(roll_published_at=None).select_related("community").first()
    )
    if election is None:
        raise NotFound()
    return election


def townships_kept_by(user: User) -> QuerySet:
    """The townships where the user may open a round."""
    from gongzhi.areas.models import Area, AreaKind

    return Area.objects.filter(scope_q(paths_for(user, ROUND_KEEPERS), "path"), kind=AreaKind.TOWNSHIP)


def township_kept_get(user: User, pk: int | None) -> Area:
    """A township where the user may open a round (404 for one outside their reach, as for none)."""
    township = townships_kept_by(user).filter(pk=pk).first() if pk else None
    if township is None:
        raise NotFound()
    return township


def round_community_get(round_: Round, pk: int | None) -> Area:
    """A community of the round's township (404 for one of another township, as for none); the round itself was
    reached through the viewer's scope (`round_get_for`)."""
    from gongzhi.areas.models import Area, AreaKind

    community = (
        Area.objects.filter(pk=pk, parent_id=round_.township_id, kind=AreaKind.COMMUNITY).first()
        if pk
        else None
    )
    if community is None:
        raise NotFound()
    return community


def community_meeting(election: Election, pk: int | None) -> Meeting | None:
    """A meeting of the election's community (the villagers' meeting that admitted a voter of basis 3): None
    when none was chosen, 404 for one of another community, as for one that does not exist."""
    if not pk:
        return None
    meeting = Meeting.objects.filter(pk=pk, area_id=election.community_id).first()
    if meeting is None:
        raise NotFound()
    return meeting


def communities_without_election(round_: Round) -> QuerySet:
    from gongzhi.areas.models import Area, AreaKind

    taken = Election.objects.filter(round=round_).values("community_id")
    return Area.objects.filter(parent_id=round_.township_id, kind=AreaKind.COMMUNITY).exclude(pk__in=taken)


def own_resident_in(user: User, election: Election) -> Resident | None:
    """The user's own active register entry in the election's community (who may object), or None."""
    if not user.is_authenticated:
        return None
    return Resident.objects.filter(user=user, community_id=election.community_id, status="active").first()


def election_get_for_voter(user: User, pk: int) -> Election:
    """A published roll for the community's residents with an account, and for those who read the election."""
    election = (
        Election.objects.filter(pk=pk)
        .exclude(roll_published_at=None)
        .select_related("community", "round")
        .first()
    )
    if election is None:
        raise NotFound()
    if own_resident_in(user, election) is None and not elections_for(user).filter(pk=pk).exists():
        raise NotFound()
    return election


def objection_subjects_for(me: Resident, election: Election, q: str, limit: int = 10) -> list[Resident]:
    """Whom a resident may object about, by name: people on the published roll (already public to them), and
    themself and their own household (who may be left off). Never the rest of the register."""
    q = q.strip()
    if not q:
        return []
    on_roll = Voter.objects.filter(election=election, removed_at=None).values("resident_id")
    mine = Q(pk=me.pk) | (Q(household_id=me.household_id) if me.household_id else Q(pk__in=[]))
    return list(
        Resident.objects.filter(community_id=election.community_id)
        .filter(Q(pk__in=on_roll) | mine)
        .filter(Q(name__startswith=q) | Q(name_initials__startswith=q.lower()))
        .select_related("area")
        .order_by("name_sort")[:limit]
    )


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


# --- The candidate and election-day pages: picking voters of the roll, the election's polls and recalls -------


def roll_matching(election: Election, q: str, limit: int = 10) -> list[Voter]:
    """Voters of the election's roll whose name or pinyin initials start with `q` (to pick a candidate or a
    nominator from the roll)."""
    q = q.strip()
    if not q:
        return []
    return list(
        roll_of(election)
        .filter(Q(resident__name__startswith=q) | Q(resident__name_initials__startswith=q.lower()))
        .select_related("resident__area__parent")
        .order_by("resident__name_sort", "id")[:limit]
    )


def voters_picked(election: Election, ids: list[int]) -> list[Voter]:
    """The election's roll lines of `ids`, in their order, repeats kept (a line struck off, a voter given twice:
    the action says why it will not do); an id of another election's roll is 404."""
    found = {
        voter.pk: voter
        for voter in Voter.objects.filter(election=election, pk__in=ids).select_related(
            "resident__area__parent"
        )
    }
    if len(found) != len(set(ids)):
        raise NotFound()
    return [found[pk] for pk in ids]


def polls_of(election: Election) -> QuerySet[Poll]:
    return (
        Poll.objects.filter(election=election).select_related("recall__membership__resident").order_by("id")
    )


def recalls_of(election: Election) -> QuerySet[Recall]:
    return (
        Recall.objects.filter(election=election)
        .select_related("membership__resident", "poll")
        .annotate(supporter_count=Count("supporters"))
        .order_by("id")
    )


def recall_members(election: Election) -> list[Membership]:
    """The current members of the community's committee (村(居)民委员会), whom a recall may name."""
    body = body_of_kind(election.community, BodyKind.COMMITTEE)
    return list(memberships_current(body).select_related("resident")) if body else []


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


def election_announced_get(pk: int) -> Election:
    """An election whose result has been announced, for anyone (404 otherwise)."""
    election = (
        Election.objects.filter(pk=pk, polls__announced_at__isnull=False, polls__recall=None)
        .select_related("community", "round")
        .first()
    )
    if election is None:
        raise NotFound()
    return election


# --- The count's API: the objects an operation names, found within the user's reach -------------------------


def nomination_get_for(user: User, pk: int) -> Nomination:
    """A nomination of an election the user reads (404 for missing and not yours alike)."""
    nomination = (
        Nomination.objects.filter(pk=pk, election__in=elections_for(user))
        .select_related("election__community", "candidate__resident")
        .first()
    )
    if nomination is None:
        raise NotFound()
    return nomination


def box_get_for(user: User, pk: int) -> BallotBox:
    """A ballot box of an election the user reads (404 for missing and not yours alike)."""
    box = (
        BallotBox.objects.filter(pk=pk, poll__election__in=elections_for(user))
        .select_related("poll__election__community", "poll__election__round")
        .first()
    )
    if box is None:
        raise NotFound()
    return box


def own_sheet_get(user: User, box: BallotBox) -> CountSheet:
    """The user's own sheet of a box (404 when they have entered none: nobody reads another clerk's sheet here)."""
    sheet = CountSheet.objects.filter(box=box, clerk=user).prefetch_related("lines").first()
    if sheet is None or not sheet_visible(user, sheet):
        raise NotFound()
    return sheet


def election_voters(election: Election, ids: list[int]) -> list[Voter]:
    """The election's roll lines of these ids, in their order (a removed line too: the action names it);
    404 for an id that is no line of this election's roll."""
    found = {
        voter.pk: voter
        for voter in Voter.objects.filter(election=election, pk__in=ids).select_related("resident")
    }
    if any(pk not in found for pk in ids):
        raise NotFound()
    return [found[pk] for pk in ids]


def recall_of(election: Election, pk: int | None) -> Recall:
    recall = Recall.objects.filter(election=election, pk=pk).first() if pk else None
    if recall is None:
        raise NotFound()
    return recall


def community_membership(election: Election, pk: int) -> Membership:
    """A post on one of the election's community's bodies (the action checks it is the committee's, current)."""
    membership = (
        Membership.objects.filter(pk=pk, body__area_id=election.community_id)
        .select_related("body", "resident")
        .first()
    )
    if membership is None:
        raise NotFound()
    return membership


# --- The count's write pages: a box, one's own sheet, the scrutineers to choose, the steps of the day -------


def sheet_of(user: User, box: BallotBox) -> CountSheet | None:
    """The user's own sheet of the box, or None (nobody reaches another clerk's sheet through this)."""
    if not user.is_authenticated:
        return None
    return CountSheet.objects.filter(box=box, clerk=user).first()


def sheet_figures(sheet: CountSheet) -> dict[int | None, int]:
    """A sheet's figures by choice (nomination id; None for a recall's 'for'): only for a viewer who may see it."""
    return {line.nomination_id: line.votes for line in sheet.lines.all()}


def scrutineer_choices(poll: Poll) -> QuerySet[Voter]:
    """Whom the committee may record as a scrutineer (监票人): voters of the roll who are not candidates."""
    candidates = (
        Nomination.objects.filter(election=poll.election)
        .exclude(status=NominationStatus.REJECTED)
        .values("candidate_id")
    )
    return (
        roll_of(poll.election)
        .exclude(pk__in=candidates)
        .select_related("resident__area__parent")
        .order_by("resident__area_path", "resident__name_sort")
    )


@dataclass(frozen=True)
class CountSteps:
    """The election's votes on paper and what can be done next, for the links of the election page."""

    polls: list[Poll]
    fileable: bool  # every round held announced (a second round too, if one is held), not filed yet
    filed: bool


def count_steps(election: Election) -> CountSteps:
    polls = list(Poll.objects.filter(election=election).order_by("id"))
    rounds = {poll.kind: poll for poll in polls if poll.recall_id is None}
    first, second = rounds.get(PollKind.FIRST), rounds.get(PollKind.SECOND)
    announced = (
        first is not None
        and first.announced_at is not None
        and (second is None or second.announced_at is not None)
    )
    filed = election.result_filed_at is not None
    return CountSteps(polls=polls, fileable=announced and not filed, filed=filed)


def poll_tally(poll: Poll) -> dict | None:
    """A signed poll's result for the page before it is announced: every choice's votes, who is elected, tied."""
    result = poll.result
    if result is None:
        return None
    names = {
        str(nomination.pk): (nomination.candidate.resident.name, nomination.candidate.resident.gender == "F")
        for nomination in Nomination.objects.filter(election=poll.election).select_related(
            "candidate__resident"
        )
    }
    elected = {str(pk) for pk in result.get("elected", [])}
    tied = {str(pk) for pk in result.get("tied", [])}
    rows = sorted(
        (
            {
                "name": names.get(key, ("", False))[0],
                "woman": names.get(key, ("", False))[1],
                "votes": count,
                "elected": key in elected,
                "tied": key in tied,
                "recall": key == "None",
            }
            for key, count in result.get("votes", {}).items()
        ),
        key=lambda row: -row["votes"],
    )
    return {
        "result": result,
        "rows": rows,
        "elected_all": [names.get(str(pk), ("", False))[0] for pk in result.get("elected_all", [])],
    }


# --- The township's oversight figures (gongzhi.core.indicators) ------------------------------------------


def stage_of(election: Mapping[str, Any], end: dt.date) -> str:
    """Where a community's election stood at `end`, from the dates it recorded (what the township asks)."""
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    if election["result_filed_at"] and election["result_filed_at"] < until:
        return str(_("结果已报备"))
    if election["election_day"] <= end:
        return str(_("已选举"))
    if election["candidates_published_at"] and election["candidates_published_at"] < until:
        return str(_("候选人已公布"))
    if election["roll_published_at"] and election["roll_published_at"] < until:
        return str(_("选民名单已公布"))
    if election["committee_formed_on"] and election["committee_formed_on"] <= end:
        return str(_("选举委员会已产生"))
    return str(_("已部署"))


def stage_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, str]:
    """The stage of each community's latest election (of the latest round it is in) recorded by the period's
    end; one query for all the communities."""
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    rows = (
        Election.objects.filter(community_id__in=community_ids, created_at__lt=until)
        .order_by("community_id", "-round__term", "-pk")
        .values(
            "community_id", "election_day", "committee_formed_on", "roll_published_at", "candidates_published_at",
            "result_filed_at",
        )
    )  # fmt: skip
    latest: dict[int, str] = {}
    for row in rows:
        if row["community_id"] not in latest:
            latest[row["community_id"]] = stage_of(row, end)
    return latest
