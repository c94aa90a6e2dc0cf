"""Election day and the double-entry count, for the election, its second round and a recall.

    poll_open ──▶ poll ── box_add (中心会场 / 投票站 / 流动票箱) ── box_paper_record (issued, returned, spoiled)
        └─ sheet_enter × two clerks per box (each alone) ── sheet_correct (a clerk's own sheet) … until they agree
             └─ poll_sign_off (the scrutineers, 监票人) ──▶ result (gongzhi.elections.tally) ── poll_announce
                  └─ (a second round where seats are unfilled) ── result_file (the township)

Each box is counted twice, by two clerks on two accounts, each entering every candidate's votes without
seeing the other's figures (gongzhi.elections.selectors.sheet_visible). The disagreements (box, candidate,
both figures) are shown until the clerks agree; only then can the scrutineers — voters of the roll who are
not candidates — sign, and only their signature computes the result. A box returning more ballots than it
issued, a count from one clerk only, the same clerk twice, more votes than the box's valid ballots: refused
with a message, nothing changed.

Who may: `elections.run` over the election. Every action writes one audit event in its transaction.
"""

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.text import text_clean

from .. import tally
from ..models import (
    BallotBox,
    BoxKind,
    CountLine,
    CountSheet,
    Election,
    Nomination,
    Poll,
    PollKind,
    Recall,
    Scrutineer,
    Voter,
)
from ..selectors import box_disagreements, poll_choices, roll_of

PLACE_MAX, STAFF_MAX = 100, 200
SCRUTINEERS_MIN = 2


def _poll_locked(poll: Poll) -> Poll:
    return (
        Poll.objects.select_for_update(of=("self",))
        .select_related("election__community", "election__round")
        .get(pk=poll.pk)
    )


def _open(poll: Poll) -> None:
    if poll.signed_off_at is not None:
        raise DomainError(_("监票人已签字，计票结果不能再改动。"), code="signed_off")


@transaction.atomic
def poll_open(
    *,
    actor: User,
    election: Election,
    kind: str,
    held_on: dt.date,
    meeting_place: str,
    recall: Recall | None = None,
) -> Poll:
    """Open the day's vote: the election (candidates published), its second round (seats unfilled), a recall."""
    authorize(actor, "elections.run", election)
    locked = Election.objects.select_for_update(of=("self",)).select_related("community").get(pk=election.pk)
    place = text_clean(
        meeting_place, label=_("选举大会会场"), field="meeting_place", minimum=2, maximum=PLACE_MAX
    )
    if kind == PollKind.FIRST:
        if locked.candidates_published_at is None:
            raise DomainError(_("候选人名单公布后才能投票。"), code="candidates_unpublished")
        seats = locked.seats
    elif kind == PollKind.SECOND:
        first = Poll.objects.filter(election=locked, kind=PollKind.FIRST).first()
        if first is None or first.result is None or not first.result["valid"] or not first.result["unfilled"]:
            raise DomainError(_("只有选举有效且当选人数不足应选名额时，才另行选举。"), code="no_second_round")
        seats = first.result["unfilled"]
    elif kind == PollKind.RECALL:
        if recall is None or recall.election_id != locked.pk:
            raise DomainError(_("请选择本村(社区)的罢免要求。"), field="recall")
        if Poll.objects.filter(recall=recall).exists():
            raise Conflict(_("这个罢免要求已经投过票了。"), code="poll_exists")
        seats = 1
    else:
        raise DomainError(_("未知的投票类型。"), field="kind")
    if kind != PollKind.RECALL and Poll.objects.filter(election=locked, kind=kind, recall=None).exists():
        raise Conflict(_("这一轮投票已经登记过了。"), code="poll_exists")
    poll = Poll.objects.create(
        election=locked,
        kind=kind,
        recall=recall if kind == PollKind.RECALL else None,
        seats=seats,
        held_on=held_on,
        meeting_place=place,
        created_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="elections.poll_opened",
        target=poll,
        area=locked.community,
        summary={"kind": kind, "held_on": held_on.isoformat(), "place": place, "seats": seats},
    )
    return poll


@transaction.atomic
def box_add(*, actor: User, poll: Poll, kind: str, place: str, staff: str) -> BallotBox:
    """A ballot box of the day: the central meeting's, a polling station's, or a mobile box for the infirm."""
    authorize(actor, "elections.run", poll.election)
    locked = _poll_locked(poll)
    _open(locked)
    if kind not in BoxKind.values:
        raise DomainError(_("未知的票箱类型。"), field="kind")
    box = BallotBox.objects.create(
        poll=locked,
        kind=kind,
        place=text_clean(place, label=_("地点"), field="place", minimum=2, maximum=PLACE_MAX),
        staff=text_clean(staff, label=_("工作人员"), field="staff", minimum=2, maximum=STAFF_MAX),
        created_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="elections.box_added",
        target=box,
        area=locked.election.community,
        summary={"kind": kind, "place": box.place},
    )
    return box


def _box_locked(box: BallotBox) -> BallotBox:
    return (
        BallotBox.objects.select_for_update(of=("self",))
        .select_related("poll__election__community")
        .get(pk=box.pk)
    )


@transaction.atomic
def box_paper_record(*, actor: User, box: BallotBox, issued: int, returned: int, spoiled: int) -> BallotBox:
    """The box's paper, counted in public before the votes: ballots issued, returned, spoiled."""
    authorize(actor, "elections.run", box.poll.election)
    _poll_locked(box.poll)
    locked = _box_locked(box)
    _open(locked.poll)
    if min(issued, returned, spoiled) < 0:
        raise DomainError(_("选票张数不能为负数。"), field="issued")
    if returned > issued:
        raise DomainError(
            _("收回的选票（%(returned)s张）多于发出的选票（%(issued)s张），请核对后重新填写。")
            % {"returned": returned, "issued": issued},
            field="returned",
            code="returned_exceeds_issued",
        )
    if spoiled > returned:
        raise DomainError(_("无效票不能多于收回的选票。"), field="spoiled", code="spoiled_exceeds_returned")
    if locked.sheets.exists():
        raise DomainError(_("已经开始录入这个票箱的计票，选票张数不能再改。"), code="counting")
    locked.issued, locked.returned, locked.spoiled = issued, returned, spoiled
    locked.save(update_fields=["issued", "returned", "spoiled"])
    audit_event_record(
        actor=actor,
        verb="elections.box_paper_recorded",
        target=locked,
        area=locked.poll.election.community,
        summary={"place": locked.place, "issued": issued, "returned": returned, "spoiled": spoiled},
    )
    return locked


def _lines(poll: Poll, box: BallotBox, votes: Mapping[int | None, int]) -> dict[int | None, int]:
    """Every choice of the poll, once, each within the box's valid ballots."""
    choices = poll_choices(poll)
    keys = [None if choice is None else choice.pk for choice in choices]
    if set(votes) != set(keys):
        raise DomainError(_("请为每一位候选人填写得票数（没有得票填0）。"), field="votes", code="incomplete")
    valid = box.valid or 0
    cleaned: dict[int | None, int] = {}
    for key in keys:
        count = votes[key]
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise DomainError(_("得票数应为不小于0的整数。"), field="votes")
        if count > valid:
            raise DomainError(
                _("得票数（%(count)s）多于这个票箱的有效票（%(valid)s张）。")
                % {"count": count, "valid": valid},
                field="votes",
                code="votes_exceed_valid",
            )
        cleaned[key] = count
    if sum(cleaned.values()) > valid * poll.seats:
        raise DomainError(
            _("得票总数多于有效票乘以应选名额（每张选票最多选%(seats)s人）。") % {"seats": poll.seats},
            field="votes",
            code="votes_exceed_valid",
        )
    return cleaned


@transaction.atomic
def sheet_enter(*, actor: User, box: BallotBox, votes: Mapping[int | None, int]) -> CountSheet:
    """One clerk's count of a box: every candidate's votes (keys: nomination ids; None for a recall's 'for')."""
    authorize(actor, "elections.run", box.poll.election)
    poll = _poll_locked(box.poll)
    locked = _box_locked(box)
    _open(poll)
    if locked.valid is None:
        raise DomainError(_("请先登记这个票箱发出、收回和无效的选票张数。"), code="paper_missing")
    sheets = list(locked.sheets.all())
    if any(sheet.clerk_id == actor.pk for sheet in sheets):
        raise Conflict(
            _("您已经录入过这个票箱，同一人不能录入两次；如需更正，请修改自己的录入。"), code="same_clerk"
        )
    if len(sheets) >= 2:
        raise Conflict(_("这个票箱已经有两位录入员录入了。"), code="two_sheets")
    cleaned = _lines(poll, locked, votes)
    sheet = CountSheet.objects.create(box=locked, clerk=actor)
    CountLine.objects.bulk_create(
        CountLine(sheet=sheet, nomination_id=key, votes=count) for key, count in cleaned.items()
    )
    audit_event_record(
        actor=actor,
        verb="elections.count_entered",
        target=locked,
        area=poll.election.community,
        summary={"place": locked.place, "entry": len(sheets) + 1},
    )
    return sheet


@transaction.atomic
def sheet_correct(*, actor: User, sheet: CountSheet, votes: Mapping[int | None, int]) -> CountSheet:
    """A clerk corrects their own sheet (never the other's); the changed figures are audited."""
    authorize(actor, "elections.run", sheet.box.poll.election)
    poll = _poll_locked(sheet.box.poll)
    box = _box_locked(sheet.box)
    _open(poll)
    locked = CountSheet.objects.select_for_update(of=("self",)).get(pk=sheet.pk)
    if locked.clerk_id != actor.pk:
        raise DomainError(_("只能更正自己的录入。"), code="not_your_sheet")
    cleaned = _lines(poll, box, votes)
    before = {line.nomination_id: line.votes for line in locked.lines.all()}
    changed = {key: count for key, count in cleaned.items() if before.get(key) != count}
    if not changed:
        return locked
    for key, count in changed.items():
        CountLine.objects.filter(sheet=locked, nomination=key).update(votes=count)
    locked.corrected_at = timezone.now()
    locked.save(update_fields=["corrected_at"])
    audit_event_record(
        actor=actor,
        verb="elections.count_corrected",
        target=box,
        area=poll.election.community,
        summary={
            "place": box.place,
            "changes": [
                {"choice": key, "from": before.get(key), "to": count} for key, count in changed.items()
            ],
            "lines": len(changed),
        },
    )
    return locked


def _box_figures(box: BallotBox) -> dict:
    sheet = box.sheets.order_by("id").first()
    assert sheet is not None
    return {line.nomination_id: line.votes for line in sheet.lines.all()}


def _result(poll: Poll, boxes: list[BallotBox], roll: int) -> dict:
    paper = [tally.Box(box.issued or 0, box.returned or 0, box.spoiled or 0) for box in boxes]
    per_box = [(box, _box_figures(box)) for box in boxes]
    totals: dict[int | None, int] = {}
    for _box, figures in per_box:
        for key, count in figures.items():
            totals[key] = totals.get(key, 0) + count
    boxes_out = [
        {
            "kind": box.kind,
            "place": box.place,
            "issued": box.issued,
            "returned": box.returned,
            "spoiled": box.spoiled,
            "votes": {str(key): count for key, count in figures.items()},
        }
        for box, figures in per_box
    ]
    common = {"roll": roll, "boxes": boxes_out, "votes": {str(key): count for key, count in totals.items()}}
    if poll.kind == PollKind.RECALL:
        outcome = tally.recall(roll=roll, boxes=paper, yes=totals.get(None, 0))
        return {
            **common,
            "valid": outcome.valid,
            "recalled": outcome.recalled,
            "cast": outcome.cast,
            "reasons": [str(reason) for reason in outcome.reasons],
        }
    votes: dict[Hashable, int] = {key: count for key, count in totals.items() if key is not None}
    women = set(
        Nomination.objects.filter(pk__in=list(votes), candidate__resident__gender="F").values_list(
            "pk", flat=True
        )
    )
    if poll.kind == PollKind.FIRST:
        first = tally.first_round(roll=roll, seats=poll.seats, boxes=paper, votes=votes)
        second = None
    else:
        before = Poll.objects.get(election=poll.election, kind=PollKind.FIRST, recall=None).result or {}
        first = tally.Round(True, before["cast"], tuple(before["elected"]), (), before["unfilled"], ())
        second = tally.second_round(roll=roll, seats=poll.seats, boxes=paper, votes=votes)
        women |= set(
            Nomination.objects.filter(pk__in=before["elected"], candidate__resident__gender="F").values_list(
                "pk", flat=True
            )
        )
    this = second or first
    final = tally.outcome(first, second, women)
    return {
        **common,
        "valid": this.valid,
        "cast": this.cast,
        "elected": list(this.elected),
        "tied": list(this.tied),
        "unfilled": this.unfilled,
        "elected_all": list(final.elected),
        "without_woman": final.without_woman,
        "reasons": [str(reason) for reason in final.reasons],
    }


@transaction.atomic
def poll_sign_off(*, actor: User, poll: Poll, scrutineers: Sequence[Voter]) -> Poll:
    """The scrutineers sign the agreed count (recorded by the committee); the result is computed now."""
    authorize(actor, "elections.run", poll.election)
    locked = _poll_locked(poll)
    _open(locked)
    boxes = list(BallotBox.objects.filter(poll=locked).order_by("id"))
    if not boxes:
        raise DomainError(_("还没有登记票箱。"), code="no_boxes")
    for box in boxes:
        if box.valid is None:
            raise DomainError(
                _("票箱「%(place)s」还没有登记选票张数。") % {"place": box.place}, code="paper_missing"
            )
        if box.sheets.count() < 2:
            raise DomainError(
                _("票箱「%(place)s」只有一位录入员录入，须由两位录入员分别录入后才能签字。")
                % {"place": box.place},
                code="one_clerk",
            )
        if box_disagreements(box):
            raise DomainError(
                _("票箱「%(place)s」两位录入员的数字不一致，请核对后更正。") % {"place": box.place},
                code="disagreement",
            )
    if len({voter.pk for voter in scrutineers}) < SCRUTINEERS_MIN:
        raise DomainError(_("请填写至少两位监票人。"), field="scrutineers")
    candidates = set(
        Nomination.objects.filter(election=locked.election)
        .exclude(status="rejected")
        .values_list("candidate_id", flat=True)
    )
    for voter in scrutineers:
        if voter.election_id != locked.election_id or voter.removed_at is not None:
            raise DomainError(
                _("监票人%(name)s不在选民名单上。") % {"name": voter.resident.name}, field="scrutineers"
            )
        if voter.pk in candidates:
            raise DomainError(
                _("候选人%(name)s不能担任监票人。") % {"name": voter.resident.name}, field="scrutineers"
            )
    roll = roll_of(locked.election).count()
    try:
        result = _result(locked, boxes, roll)
    except tally.TallyInputError as error:
        raise DomainError(str(error), code="tally") from error
    Scrutineer.objects.bulk_create(
        Scrutineer(poll=locked, voter=voter) for voter in {v.pk: v for v in scrutineers}.values()
    )
    locked.signed_off_at = timezone.now()
    locked.signed_off_by = actor
    locked.result = result
    locked.save(update_fields=["signed_off_at", "signed_off_by", "result"])
    audit_event_record(
        actor=actor,
        verb="elections.count_signed",
        target=locked,
        area=locked.election.community,
        summary={
            "kind": locked.kind,
            "scrutineers": len(scrutineers),
            "valid": result["valid"],
            "cast": result["cast"],
            "roll": roll,
        },
    )
    return locked
