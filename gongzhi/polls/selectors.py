"""Reading polls and evaluation rounds: scoped to the viewer; results only after the close, as aggregates.

A viewer sees a round when they may vote in it, when they are a resident (with an account) of its area, or
as the community's staff, supervisory committee or the township over its area. Results exist only after the
close (the kernel's `ballot_box_results`); a 民主评议's are per member in post order, never sorted by score.
A township poll's are also given per community, except where too few ballots were counted to keep them
secret (`BREAKDOWN_MIN_BALLOTS`).
"""

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area
from gongzhi.ballots.models import Participation
from gongzhi.ballots.selectors import ballot_box_results, box_state
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.core.errors import NotFound
from gongzhi.residents.models import Resident

from .models import ReviewSeat, Round, RoundBox, RoundKind
from .roles import READERS, TOWNSHIP

SEGMENT = 8
# A township poll's results per community are shown only where at least this many ballots were counted there:
# below it a community's counts could tell a neighbour how one household voted (two voters who both chose A
# need no secret ballot to be read). Five is the usual smallest published cell of statistical offices'
# disclosure control; a community hidden alone would be the total less the others, so the smallest shown
# communities are hidden with it until the hidden ones hold this many ballots together (decision 0042).
BREAKDOWN_MIN_BALLOTS = 5


def resident_paths(user) -> list[str]:
    """The area paths of the active residents linked to `user` (usually one)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Resident.objects.filter(user=user, status="active").values_list("area_path", flat=True))


def _ancestors(path: str) -> list[str]:
    return [path[:end] for end in range(SEGMENT, len(path) + 1, SEGMENT)]


def rounds_visible_q(viewer) -> Q:
    eligible = Exists(RoundBox.objects.filter(round=OuterRef("pk"), box__eligible__user=viewer))
    own = [ancestor for path in resident_paths(viewer) for ancestor in _ancestors(path)]
    return Q(eligible) | Q(area_path__in=own) | scope_q(paths_for(viewer, READERS))


def rounds_for(*, viewer, kind: str = "") -> QuerySet[Round]:
    if not viewer.is_authenticated:
        return Round.objects.none()
    found = Round.objects.filter(rounds_visible_q(viewer))
    if kind:
        found = found.filter(kind=kind)
    return found.select_related("area")


def round_get_for(*, viewer, round_id: int) -> Round:
    """One round `viewer` may see, or NotFound (missing and not theirs alike)."""
    found = rounds_for(viewer=viewer).filter(pk=round_id).first()
    if found is None:
        raise NotFound()
    return found


def round_get_public(*, round_id: int) -> Round:
    """A closed round whose results the askers made public without login (polls only), or NotFound."""
    found = (
        Round.objects.filter(pk=round_id, kind=RoundKind.POLL, public_results=True, closed_at__isnull=False)
        .select_related("area")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def round_state(round_: Round, now: dt.datetime | None = None) -> str:
    """ "scheduled", "open", "ended" (past its closing time, not finalised yet) or "closed"."""
    if round_.closed_at is not None:
        return "closed"
    now = now or timezone.now()
    if now < round_.opens_at:
        return "scheduled"
    if now >= round_.closes_at:
        return "ended"
    return "open"


def round_my_box(round_: Round, user) -> RoundBox | None:
    """The box of the round `user` may vote in (one at most: a resident lives in one community)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return RoundBox.objects.filter(round=round_, box__eligible__user=user).select_related("box").first()


def round_has_voted(round_: Round, user) -> bool:
    mine = round_my_box(round_, user)
    return mine is not None and Participation.objects.filter(box=mine.box, user=user).exists()


def rounds_open_for(*, viewer) -> list[tuple[Round, RoundBox, bool]]:
    """The open rounds `viewer` may vote in, with their box and whether they have voted; soonest closing first."""
    if not viewer.is_authenticated:
        return []
    now = timezone.now()
    rows = (
        RoundBox.objects.filter(
            box__eligible__user=viewer,
            round__closed_at__isnull=True,
            box__closed_at__isnull=True,
            box__opens_at__lte=now,
            box__closes_at__gt=now,
        )
        .annotate(voted=Exists(Participation.objects.filter(box=OuterRef("box"), user=viewer)))
        .select_related("round__area", "box")
        .order_by("box__closes_at", "pk")
    )
    return [(row.round, row, bool(row.voted)) for row in rows[:100]]


@dataclass
class OptionShare:
    key: str
    label: str
    votes: int
    share: Fraction | None  # of the ballots counted; None when nobody voted

    @property
    def percent(self) -> str:
        return "—" if self.share is None else f"{float(self.share) * 100:.1f}%"


@dataclass
class CommunityResults:
    """One community's part of a township poll: its turnout always, its counts only when `shown`."""

    community_id: int
    name: str
    eligible: int
    participated: int
    counted: int
    shown: bool = True
    options: list[OptionShare] = field(default_factory=list)  # empty when hidden


@dataclass
class RoundResults:
    eligible: int
    participated: int
    quorate: bool
    turnout_reason: str
    options: list[OptionShare] = field(default_factory=list)  # a poll's or the 群众评议's, in option order
    seats: list[ReviewSeat] = field(default_factory=list)  # a 民主评议's, in post order
    satisfied: Fraction | None = None  # 群众评议: 满意; with 基本满意
    satisfied_basic: Fraction | None = None
    communities: list[CommunityResults] = field(default_factory=list)  # a township poll's, in area order
    breakdown_min: int = BREAKDOWN_MIN_BALLOTS

    @property
    def satisfied_percent(self) -> str:
        return "—" if self.satisfied is None else f"{float(self.satisfied) * 100:.1f}%"

    @property
    def satisfied_basic_percent(self) -> str:
        return "—" if self.satisfied_basic is None else f"{float(self.satisfied_basic) * 100:.1f}%"


def _share(votes: int, total: int) -> Fraction | None:
    return Fraction(votes, total) if total else None


def round_results(round_: Round) -> RoundResults:
    """The aggregates of a closed round, summed over its boxes. NotFound before the close (for everyone)."""
    if round_.closed_at is None:
        raise NotFound()
    round_boxes = list(RoundBox.objects.filter(round=round_).select_related("box", "community"))
    boxes = [rb.box for rb in round_boxes]
    eligible = participated = 0
    counts: dict[str, dict[str, int]] = {}
    labels: dict[str, list[tuple[str, str]]] = {}
    reason, quorate = "", True
    parts: list[CommunityResults] = []
    for round_box in round_boxes:
        box = round_box.box
        outcome = ballot_box_results(box)
        if len(round_boxes) > 1 and round_.kind == RoundKind.POLL:
            parts.append(_community_part(round_box, outcome))
        eligible += outcome.eligible
        participated += outcome.participated
        quorate = quorate and outcome.turnout.quorate
        reason = str(outcome.turnout.reason)
        for question in outcome.questions:
            labels.setdefault(question.key, [(key, label) for key, label, _votes in question.counts])
            tally = counts.setdefault(question.key, {})
            for key, _label, votes in question.counts:
                tally[key] = tally.get(key, 0) + votes
    results = RoundResults(eligible, participated, quorate, reason if len(boxes) == 1 else "")
    if round_.kind == RoundKind.REVIEW:
        results.seats = list(ReviewSeat.objects.filter(round=round_).order_by("position", "id"))
        return results
    tally = counts.get("q", {})
    total = sum(tally.values())
    results.options = [
        OptionShare(key, label, tally.get(key, 0), _share(tally.get(key, 0), total))
        for key, label in labels.get("q", [])
    ]
    if round_.kind == RoundKind.SATISFACTION:
        results.satisfied = _share(tally.get("satisfied", 0), total)
        results.satisfied_basic = _share(tally.get("satisfied", 0) + tally.get("basically", 0), total)
    results.communities = breakdown_suppress(parts)
    return results


def _community_part(round_box: RoundBox, outcome) -> CommunityResults:
    question = next((q for q in outcome.questions if q.key == "q"), None)
    counted = question.total if question is not None else 0
    options = [
        OptionShare(key, label, votes, _share(votes, counted))
        for key, label, votes in (question.counts if question else [])
    ]
    return CommunityResults(
        round_box.community_id,
        round_box.community.name,
        outcome.eligible,
        outcome.participated,
        counted,
        options=options,
    )


def breakdown_suppress(
    parts: list[CommunityResults], least: int = BREAKDOWN_MIN_BALLOTS
) -> list[CommunityResults]:
    """Hide the counts of every community with fewer than `least` ballots counted (but at least one), then
    hide the smallest shown ones too until the hidden ones together hold `least` or more — else the total
    less the shown communities would give the hidden one's counts. Pure; the order of `parts` is kept."""
    hidden = [p for p in parts if 0 < p.counted < least]
    for part in hidden:
        part.shown = False
    held = sum(p.counted for p in hidden)
    if hidden and held < least:
        for part in sorted(
            (p for p in parts if p.shown and p.counted), key=lambda p: (p.counted, p.community_id)
        ):
            part.shown = False
            held += part.counted
            if held >= least:
                break
    for part in parts:
        if not part.shown:
            part.options = []
    return parts


def round_box_states(round_: Round) -> list[str]:
    return [box_state(rb.box) for rb in RoundBox.objects.filter(round=round_).select_related("box")]


def supervisory_member(user, community: Area) -> bool:
    """Does `user` sit on the community's supervisory committee today (a current membership of a resident
    linked to the account)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    body = body_of_kind(community, BodyKind.SUPERVISORY)
    return body is not None and memberships_current(body).filter(resident__user=user).exists()


def flags_for(*, viewer) -> QuerySet[ReviewSeat]:
    """Members flagged for 不称职 twice running, in the township's areas, newest first."""
    if not viewer.is_authenticated:
        return ReviewSeat.objects.none()
    return (
        ReviewSeat.objects.filter(flagged=True)
        .filter(scope_q(paths_for(viewer, TOWNSHIP), field="round__area_path"))
        .select_related("round__area", "membership")
        .order_by("-round__closed_at", "round__area__path", "position", "id")
    )
