"""The statute's tally of a committee election and of a recall: pure, no database, exact integers.

村民委员会组织法 (2018) and the provinces' 选举办法:

- Validity (第十五条): an election is valid only if more than half of the
  registered voters voted. Those who voted are the ballots returned into the
  boxes (收回的选票), spoiled ones included.
- First round (第十五条): a candidate is elected with more than half of the
  votes of those who voted (the ballots cast, not the valid ones).
- A box returning more ballots than it issued, or a candidate holding more
  votes than a box's valid ballots, is not a tally but a mistake: the input
  is refused (`TallyInputError`) before anything is decided.
- More candidates past the majority than seats: the most votes win. Where
  candidates tie at the last seat (two with equal votes for one seat) the
  tally picks nobody: the tied candidates are reported (`tied`) and their
  seats stay unfilled, for a runoff among them (provincial practice:
  "得票相同不能确定当选人时, 应当就票数相同的候选人重新投票").
- Seats left unfilled go to a second round (另行选举, 第十五条) among those
  not elected: the most votes win, but a winner needs at least one third of
  the ballots cast of that round ("不得少于已投选票数的三分之一"). The second
  round must itself be valid: more than half of the registered voters vote
  (provincial practice, e.g. 浙江省村民委员会选举办法). Ties at the boundary
  are reported as in the first round; the seats stay unfilled.
- 第六条: the committee should include a woman (村民委员会成员中，应当有妇女成员).
  A result with no woman elected is flagged (`without_woman`), never refused:
  the count is what the voters decided.
- Recall (罢免, 第十六条): proposed by a fifth or more of the voters
  (五分之一以上, inclusive) or a third or more of the representatives; valid
  with more than half of the voters voting; recalled with more than half of
  the votes cast.

Chinese statutes count "以上" and "不少于" inclusively and "过半数" strictly,
so "more than half" is 2·x > n and "at least one third" is 3·x ≥ n.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# The articles each rule rests on, as the reasons a result gives.
LAW_VALIDITY = _("村民委员会组织法第十五条：有登记参加选举的村民过半数投票，选举有效")
LAW_MAJORITY = _("村民委员会组织法第十五条：候选人获得参加投票的村民过半数的选票，始得当选")
LAW_TIE = _("得票相同不能确定当选人时，就票数相同的候选人重新投票（各省选举办法）")
LAW_SECOND_ROUND = _(
    "村民委员会组织法第十五条：当选人数不足应选名额的，不足的名额另行选举，以得票多的当选，"
    "但所得票数不得少于已投选票数的三分之一"
)
LAW_WOMAN = _("村民委员会组织法第六条：村民委员会成员中，应当有妇女成员")
LAW_RECALL_PROPOSAL = _(
    "村民委员会组织法第十六条：本村五分之一以上有选举权的村民或者三分之一以上的村民代表联名，可以提出罢免要求"
)
LAW_RECALL = _("村民委员会组织法第十六条：罢免须有登记参加选举的村民过半数投票，并须经投票的村民过半数通过")


class TallyInputError(ValueError):
    """The figures cannot be a count (a box returning more than it issued, …)."""


@dataclass(frozen=True)
class Box:
    """One ballot box's paper: issued (发出), returned (收回), spoiled (无效) ballots."""

    issued: int
    returned: int
    spoiled: int

    @property
    def valid(self) -> int:
        return self.returned - self.spoiled


@dataclass(frozen=True)
class Round:
    """One round's outcome: who is elected, who is tied at the last seat, seats left, and why."""

    valid: bool
    cast: int
    elected: tuple[Hashable, ...]
    tied: tuple[Hashable, ...]
    unfilled: int
    reasons: tuple[object, ...] = field(default=())


@dataclass(frozen=True)
class Outcome:
    """Both rounds together and the women flag (第六条)."""

    first: Round
    second: Round | None
    elected: tuple[Hashable, ...]
    unfilled: int
    without_woman: bool
    reasons: tuple[object, ...]


def boxes_check(boxes: Iterable[Box]) -> tuple[Box, ...]:
    boxes = tuple(boxes)
    for box in boxes:
        if min(box.issued, box.returned, box.spoiled) < 0:
            raise TallyInputError(_("票数不能为负数。"))
        if box.returned > box.issued:
            raise TallyInputError(_("收回的选票多于发出的选票。"))
        if box.spoiled > box.returned:
            raise TallyInputError(_("无效票多于收回的选票。"))
    return boxes


def _votes_check(votes: Mapping[Hashable, int], boxes: tuple[Box, ...], seats: int) -> None:
    valid = sum(box.valid for box in boxes)
    for count in votes.values():
        if count < 0:
            raise TallyInputError(_("票数不能为负数。"))
        if count > valid:
            raise TallyInputError(_("候选人的得票多于有效票。"))
    if sum(votes.values()) > valid * seats:
        raise TallyInputError(_("得票总数多于有效票乘以应选名额。"))


def _fill(
    ranked: list[tuple[Hashable, int]], seats: int
) -> tuple[tuple[Hashable, ...], tuple[Hashable, ...]]:
    """Who of `ranked` (qualified, most votes first) takes `seats`; those tied across the last seat are set aside."""
    if len(ranked) <= seats:
        return tuple(key for key, _votes in ranked), ()
    boundary = ranked[seats - 1][1] if seats else None
    if seats == 0 or ranked[seats][1] != boundary:
        return tuple(key for key, _votes in ranked[:seats]), ()
    above = tuple(key for key, votes in ranked if votes > boundary)
    tied = tuple(key for key, votes in ranked if votes == boundary)
    return above, tied


def _ranked(votes: Mapping[Hashable, int], qualifies) -> list[tuple[Hashable, int]]:
    # Most votes first; among equals the input's order, which never decides a seat (ties are set aside).
    return sorted(((key, count) for key, count in votes.items() if qualifies(count)), key=lambda kv: -kv[1])


def first_round(*, roll: int, seats: int, boxes: Iterable[Box], votes: Mapping[Hashable, int]) -> Round:
    """The first round (第十五条): valid with more than half the roll voting; elected with more than half the cast."""
    boxes = boxes_check(boxes)
    if roll < 0 or seats < 1:
        raise TallyInputError(_("选民人数或应选名额有误。"))
    _votes_check(votes, boxes, seats)
    cast = sum(box.returned for box in boxes)
    if cast > roll:
        raise TallyInputError(_("投票人数多于登记的选民人数。"))
    if not 2 * cast > roll:
        return Round(False, cast, (), (), seats, (LAW_VALIDITY,))
    elected, tied = _fill(_ranked(votes, lambda count: 2 * count > cast), seats)
    reasons: tuple[object, ...] = (LAW_VALIDITY, LAW_MAJORITY) + ((LAW_TIE,) if tied else ())
    return Round(True, cast, elected, tied, seats - len(elected), reasons)


def second_round(*, roll: int, seats: int, boxes: Iterable[Box], votes: Mapping[Hashable, int]) -> Round:
    """另行选举 for `seats` unfilled: valid as the first; the most votes win with at least a third of the cast."""
    boxes = boxes_check(boxes)
    if roll < 0 or seats < 1:
        raise TallyInputError(_("选民人数或应选名额有误。"))
    _votes_check(votes, boxes, seats)
    cast = sum(box.returned for box in boxes)
    if cast > roll:
        raise TallyInputError(_("投票人数多于登记的选民人数。"))
    if not 2 * cast > roll:
        return Round(False, cast, (), (), seats, (LAW_VALIDITY,))
    elected, tied = _fill(_ranked(votes, lambda count: count > 0 and 3 * count >= cast), seats)
    reasons: tuple[object, ...] = (LAW_VALIDITY, LAW_SECOND_ROUND) + ((LAW_TIE,) if tied else ())
    return Round(True, cast, elected, tied, seats - len(elected), reasons)


def outcome(first: Round, second: Round | None, women: Iterable[Hashable]) -> Outcome:
    """Both rounds' elected together, the seats still unfilled, and the women flag (第六条)."""
    elected = first.elected + (second.elected if second else ())
    unfilled = second.unfilled if second else first.unfilled
    women = set(women)
    without_woman = not any(key in women for key in elected)
    reasons = first.reasons + (second.reasons if second else ()) + ((LAW_WOMAN,) if without_woman else ())
    return Outcome(first, second, elected, unfilled, without_woman, reasons)


@dataclass(frozen=True)
class RecallOutcome:
    valid: bool
    recalled: bool
    cast: int
    reasons: tuple[object, ...]


def recall_proposal_enough(
    *, roll: int, voters: int, representatives: int = 0, representatives_total: int = 0
) -> bool:
    """第十六条: a fifth or more of the voters, or a third or more of the representatives (inclusive)."""
    by_voters = roll > 0 and 5 * voters >= roll
    by_representatives = representatives_total > 0 and 3 * representatives >= representatives_total
    return by_voters or by_representatives


def recall(*, roll: int, boxes: Iterable[Box], yes: int) -> RecallOutcome:
    """第十六条: valid with more than half the roll voting; recalled with more than half of the cast for it."""
    boxes = boxes_check(boxes)
    _votes_check({"yes": yes}, boxes, 1)
    cast = sum(box.returned for box in boxes)
    if cast > roll:
        raise TallyInputError(_("投票人数多于登记的选民人数。"))
    if not 2 * cast > roll:
        return RecallOutcome(False, False, cast, (LAW_RECALL,))
    return RecallOutcome(True, 2 * yes > cast, cast, (LAW_RECALL,))
