"""The township's round and each community's election committee.

    round_open ──▶ round (open) ── election_add / election_update (before the roll is published)
        │                       └─ practice_set (the provincial periods, the target shares)
        └─ round_close ──▶ closed (kept)
    committee_member_add ──▶ seat (current) ── committee_member_leave ──▶ left (kept, with the reason)

Who may: `elections.round` (the township office) for the round and its elections; `elections.run` (the
community's staff, the township office, the committee's members) for the committee. Every action writes one
audit event in its transaction.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind, CommunityType
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.text import text_clean
from gongzhi.residents.models import Resident

from ..models import CommitteeMember, CommitteePost, Election, LeftReason, Round, RoundPractice

NAME_MAX = 60
TERM_MAX = 99


def seats_range(community: Area) -> tuple[int, int, str]:
    """The statute's seats: 3 to 7 for a village (村民委员会组织法 第六条), 5 to 9 in a city (居委会组织法 第七条)."""
    if community.community_type == CommunityType.URBAN:
        return 5, 9, _("《城市居民委员会组织法》第七条")
    return 3, 7, _("《村民委员会组织法》第六条")


def _seats(community: Area, seats: int | None) -> int:
    low, high, article = seats_range(community)
    if seats is None or not low <= seats <= high:
        raise DomainError(
            _("%(community)s应选名额应为%(low)s至%(high)s名（%(article)s）。")
            % {"community": community.name, "low": low, "high": high, "article": article},
            field="seats",
        )
    return seats


def _open(round_: Round) -> Round:
    if round_.closed_at is not None:
        raise DomainError(_("这次换届已经结束，不能再修改。"))
    return round_


@transaction.atomic
def round_open(*, actor: User, township: Area, term: int | None, name: str) -> Round:
    authorize(actor, "elections.round", township)
    if township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("换届由乡镇(街道)组织。"), field="township")
    if term is None or not 1 <= term <= TERM_MAX:
        raise DomainError(_("请填写届次（1至99）。"), field="term")
    name = text_clean(name, label=_("名称"), field="name", minimum=4, maximum=NAME_MAX)
    if Round.objects.filter(township=township, term=term).exists():
        raise Conflict(_("本乡镇第%(term)s届换届已经登记过了。") % {"term": term}, code="round_exists")
    round_ = Round.objects.create(township=township, term=term, name=name, opened_by=actor)
    RoundPractice.objects.create(round=round_)
    audit_event_record(
        actor=actor,
        verb="elections.round_opened",
        target=round_,
        area=township,
        summary={"term": term, "name": name},
    )
    return round_


@transaction.atomic
def practice_set(
    *,
    actor: User,
    round_: Round,
    committee_lead_days: int | None,
    candidates_lead_days: int | None,
    filing_days: int | None,
    shoulder_one_target: int | None,
    cross_holding_target: int | None,
) -> RoundPractice:
    authorize(actor, "elections.round", round_)
    _open(Round.objects.select_for_update().get(pk=round_.pk))
    values = {
        "committee_lead_days": (committee_lead_days, 1, 180),
        "candidates_lead_days": (candidates_lead_days, 1, 60),
        "filing_days": (filing_days, 1, 90),
        "shoulder_one_target": (shoulder_one_target, 0, 100),
        "cross_holding_target": (cross_holding_target, 0, 100),
    }
    for field, (value, low, high) in values.items():
        if value is None or not low <= value <= high:
            raise DomainError(
                _("请填写%(low)s至%(high)s之间的整数。") % {"low": low, "high": high}, field=field
            )
    practice, _created = RoundPractice.objects.get_or_create(round=round_)
    before = {field: getattr(practice, field) for field in values}
    after = {field: value for field, (value, _low, _high) in values.items()}
    if before == after:
        return practice
    for field, value in after.items():
        setattr(practice, field, value)
    practice.save(update_fields=list(after))
    changed = {
        key: {"from": before[key], "to": value} for key, value in after.items() if before[key] != value
    }
    audit_event_record(
        actor=actor, verb="elections.practice_set", target=round_, area=round_.township,
        summary={"name": round_.name, **changed},
    )  # fmt: skip
    return practice


def _day(election_day: dt.date | None) -> dt.date:
    if election_day is None:
        raise DomainError(_("请填写选举日。"), field="election_day")
    if election_day <= timezone.localdate():
        raise DomainError(_("选举日应晚于今天。"), field="election_day")
    return election_day


@transaction.atomic
def election_add(
    *, actor: User, round_: Round, community: Area, election_day: dt.date | None, seats: int | None
) -> Election:
    authorize(actor, "elections.round", round_)
    locked = _open(Round.objects.select_for_update().select_related("township").get(pk=round_.pk))
    if community.kind != AreaKind.COMMUNITY or community.parent_id != locked.township_id:
        raise DomainError(_("请选择本乡镇的一个村(社区)。"), field="community")
    if Election.objects.filter(round=locked, community=community).exists():
        raise Conflict(
            _("%(community)s已经在这次换届中了。") % {"community": community.name}, code="election_exists"
        )
    election = Election.objects.create(
        round=locked, community=community, election_day=_day(election_day), seats=_seats(community, seats)
    )
    audit_event_record(
        actor=actor, verb="elections.election_added", target=election, area=community,
        summary={"community": community.name, "day": election.election_day.isoformat(), "seats": election.seats},
    )  # fmt: skip
    return election


@transaction.atomic
def election_update(
    *, actor: User, election: Election, election_day: dt.date | None, seats: int | None
) -> Election:
    authorize(actor, "elections.round", election.round)
    locked = (
        Election.objects.select_for_update(of=("self",))
        .select_related("round", "community")
        .get(pk=election.pk)
    )
    _open(locked.round)
    if locked.roll_published_at is not None:
        raise DomainError(_("选民名单已经公布，选举日和应选名额不能再修改。"))
    before = {"day": locked.election_day.isoformat(), "seats": locked.seats}
    locked.election_day = _day(election_day)
    locked.seats = _seats(locked.community, seats)
    after = {"day": locked.election_day.isoformat(), "seats": locked.seats}
    if before == after:
        return locked
    locked.save(update_fields=["election_day", "seats"])
    changed = {
        key: {"from": before[key], "to": value} for key, value in after.items() if before[key] != value
    }
    audit_event_record(
        actor=actor, verb="elections.election_changed", target=locked, area=locked.community,
        summary={"community": locked.community.name, **changed},
    )  # fmt: skip
    return locked


@transaction.atomic
def round_close(*, actor: User, round_: Round) -> Round:
    authorize(actor, "elections.round", round_)
    locked = _open(Round.objects.select_for_update().select_related("township").get(pk=round_.pk))
    pending = Election.objects.filter(round=locked, result_filed_at=None).select_related("community")
    if pending.exists():
        names = "、".join(e.community.name for e in pending[:5])
        raise DomainError(_("还有村(社区)的选举结果没有报备：%(names)s。") % {"names": names})
    locked.closed_at = timezone.now()
    locked.save(update_fields=["closed_at"])
    audit_event_record(actor=actor, verb="elections.round_closed", target=locked, area=locked.township,
                       summary={"name": locked.name})  # fmt: skip
    return locked


@transaction.atomic
def committee_member_add(
    *, actor: User, election: Election, resident: Resident, post: str, joined_on: dt.date | None
) -> CommitteeMember:
    authorize(actor, "elections.run", election)
    locked = (
        Election.objects.select_for_update(of=("self",))
        .select_related("round", "community")
        .get(pk=election.pk)
    )
    _open(locked.round)
    if post not in CommitteePost.values:
        raise DomainError(_("请选择职务。"), field="post")
    if joined_on is None:
        raise DomainError(_("请填写村(居)民会议推选选举委员会的日期。"), field="joined_on")
    if joined_on > timezone.localdate():
        raise DomainError(_("推选日期不能晚于今天。"), field="joined_on")
    if resident.community_id != locked.community_id or resident.status != "active":
        raise DomainError(_("选举委员会成员只能是本村(社区)在册的居民。"), field="resident")
    current = CommitteeMember.objects.filter(election=locked, left_on=None)
    if current.filter(resident=resident).exists():
        raise Conflict(_("这位居民已经是选举委员会成员。"), code="seat_exists")
    if post == CommitteePost.CHAIR and current.filter(post=CommitteePost.CHAIR).exists():
        raise Conflict(_("选举委员会已经有主任了。"), code="chair_exists")
    member = CommitteeMember.objects.create(
        election=locked, resident=resident, post=post, joined_on=joined_on, recorded_by=actor
    )
    if locked.committee_formed_on is None or joined_on < locked.committee_formed_on:
        locked.committee_formed_on = joined_on
        locked.save(update_fields=["committee_formed_on"])
    audit_event_record(
        actor=actor, verb="elections.committee_joined", target=member, area=locked.community,
        summary={"community": locked.community.name, "post": post, "on": joined_on.isoformat()},
    )  # fmt: skip
    return member


@transaction.atomic
def committee_member_leave(
    *, actor: User, member: CommitteeMember, left_on: dt.date | None, reason: str
) -> CommitteeMember:
    authorize(actor, "elections.run", member.election)
    locked = (
        CommitteeMember.objects.select_for_update(of=("self",))
        .select_related("election__community")
        .get(pk=member.pk)
    )
    if locked.left_on is not None:
        raise DomainError(_("这位成员已经退出选举委员会。"))
    if reason not in LeftReason.values:
        raise DomainError(_("请选择退出原因。"), field="left_reason")
    if left_on is None or left_on < locked.joined_on or left_on > timezone.localdate():
        raise DomainError(_("退出日期应在推选日期和今天之间。"), field="left_on")
    return committee_seat_end(actor=actor, seat=locked, left_on=left_on, reason=reason)


def committee_seat_end(
    *, actor: User, seat: CommitteeMember, left_on: dt.date, reason: str
) -> CommitteeMember:
    """End a locked seat and audit it: the committee's own leave above, and a nomination (第十二条) in the
    candidates' actions, which has already checked the nominator's permission and locked the election."""
    seat.left_on, seat.left_reason = left_on, reason
    seat.save(update_fields=["left_on", "left_reason"])
    audit_event_record(
        actor=actor, verb="elections.committee_left", target=seat, area=seat.election.community,
        summary={"community": seat.election.community.name, "reason": reason, "on": left_on.isoformat()},
    )  # fmt: skip
    return seat
