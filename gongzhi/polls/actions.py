"""Opening, closing and finalising polls and evaluation rounds, on the kernel's secret ballot box.

    round_poll_open / round_review_open / round_satisfaction_open
        │  the voters fixed now (adults with accounts; the 民主评议's evaluators), one box per community,
        │  a notice to each voter
        ▼
      open ── ballot_cast (the kernel's voting page) ──▶ round_close (early or on time) ──▶ closed
                                    rounds_finalise_due (periodic, after the kernel's own close) ─┘

Nothing here reads a ballot before the close, and nothing stores who voted how: the kernel keeps the voters
(participations) and the ballots (slots) apart. At the close a 民主评议 keeps, per member, the counts of
称职/基本称职/不称职 and whether 不称职 was more than half of the ballots counted for them in a quorate round
(`unfit`); a committee member (not hired staff, who are evaluated too) unfit twice running (unfit as a
member in the community's previous quorate 民主评议 as well) is flagged to the township (村民委员会组织法 第三十三条: 连续两次被评议不称职的，其职务终止; the community records the
end with gongzhi.bodies' membership_end).
"""

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.ballots.actions import (
    EVALUATION,
    Quorum,
    ballot_box_close,
    ballot_box_open,
    ballot_boxes_close_due,
)
from gongzhi.ballots.models import BallotBox
from gongzhi.ballots.selectors import ballot_box_results
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.bodies.selectors import body_of_kind, body_roll, memberships_current
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.core.text import text_clean
from gongzhi.notices.actions import notice_send
from gongzhi.residents.models import Resident

from .models import ReviewSeat, Round, RoundBox, RoundKind

TITLE_MAX, QUESTION_MAX, OPTION_MAX = 200, 500, 50
OPTIONS_MIN, OPTIONS_MAX = 2, 10
DAYS_MAX = 90  # a poll or a round stays open at most this long
# The representatives' meeting sits with two thirds or more of its members (村民委员会组织法 第二十六条:
# 村民代表会议有三分之二以上的组成人员参加方可召开); the 民主评议 held at it takes the same quorum.
REVIEW_QUORUM = Quorum(Fraction(2, 3), inclusive=True)
POST_ORDER: dict[str, int] = {Post.CHAIR: 0, Post.DEPUTY_CHAIR: 1, Post.MEMBER: 2}
SATISFACTION = (
    {"key": "satisfied", "label": gettext_lazy("满意")},
    {"key": "basically", "label": gettext_lazy("基本满意")},
    {"key": "dissatisfied", "label": gettext_lazy("不满意")},
)
POLL_AREA_KINDS = frozenset({AreaKind.TOWNSHIP, AreaKind.COMMUNITY, AreaKind.RESIDENT_GROUP})


def _born_by(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 18, day=28)


def adult_accounts(area: Area, day: dt.date | None = None) -> list:
    """The accounts of the active residents of 18 or over living in `area` (and below), one each."""
    day = day or timezone.localdate()
    residents = Resident.objects.filter(
        area_path__startswith=area.path,
        status="active",
        birth_date__lte=_born_by(day),
        user__isnull=False,
        user__is_active=True,
    ).select_related("user")
    return list({resident.user_id: resident.user for resident in residents}.values())


def _dates(opens_at: dt.datetime | None, closes_at: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    now = timezone.now()
    opens_at = opens_at or now
    if closes_at is None:
        raise DomainError(_("请填写截止时间。"), field="closes_at")
    if closes_at <= max(now, opens_at):
        raise DomainError(_("截止时间应晚于现在和开始时间。"), field="closes_at")
    if opens_at < now - dt.timedelta(minutes=5):
        raise DomainError(_("开始时间不能早于现在。"), field="opens_at")
    if closes_at - opens_at > dt.timedelta(days=DAYS_MAX):
        raise DomainError(_("投票期限最长%(n)d天。") % {"n": DAYS_MAX}, field="closes_at")
    return opens_at, closes_at


def _community_of(area: Area) -> Area:
    community = area if area.kind == AreaKind.COMMUNITY else area.parent
    assert community is not None  # a resident group hangs under its community
    return community


def _tell_voters(round_: Round, voters: Sequence, *, title: str) -> None:
    url = reverse("polls:round", args=[round_.pk])
    closes = timezone.localtime(round_.closes_at).strftime("%Y-%m-%d %H:%M")
    body = _("%(title)s，请在 %(closes)s 前投票。投票不记名，结果在投票结束后公布。") % {
        "title": round_.title,
        "closes": closes,
    }
    for voter in voters:
        notice_send(recipient=voter, kind="poll_opened", title=title, body=body, url=url)


def _open_box(
    actor, round_: Round, area: Area, questions: list, voters: list, perm: str, quorum=None
) -> RoundBox:
    box = ballot_box_open(
        actor=actor,
        area=area,
        title=round_.title,
        questions=questions,
        voters=voters,
        opens_at=round_.opens_at,
        closes_at=round_.closes_at,
        purpose=round_.kind,
        owner=("polls", "round", round_.pk),
        quorum=quorum,
        perm=perm,
        perm_obj=round_,
    )
    return RoundBox.objects.create(round=round_, box=box, community=_community_of(area))


def _options_clean(options: Sequence[str]) -> list[dict]:
    labels = [
        text_clean(str(label or ""), label=_("选项"), field="options", minimum=0, maximum=OPTION_MAX)
        for label in options
    ]
    labels = [label for label in labels if label]
    if not OPTIONS_MIN <= len(labels) <= OPTIONS_MAX:
        raise DomainError(
            _("请设置%(low)d至%(high)d个选项。") % {"low": OPTIONS_MIN, "high": OPTIONS_MAX}, field="options"
        )
    if len(set(labels)) != len(labels):
        raise DomainError(_("选项不能重复。"), field="options")
    return [{"key": f"o{n}", "label": label} for n, label in enumerate(labels, start=1)]


@transaction.atomic
def round_poll_open(
    *,
    actor: User,
    area: Area,
    title: str,
    question: str,
    options: Sequence[str],
    closes_at: dt.datetime | None,
    opens_at: dt.datetime | None = None,
    public_results: bool = False,
) -> Round:
    """A consultative poll of a community, a resident group or (the township's office) every community of the
    township: the adult residents with accounts vote, once each, in secret; results after the close."""
    authorize(actor, "polls.ask", area)
    if area.kind not in POLL_AREA_KINDS:
        raise DomainError(_("咨询性投票只能面向全镇、一个村(社区)或一个村(居)民小组。"), field="area")
    title = text_clean(title, label=_("事项"), field="title", minimum=2, maximum=TITLE_MAX)
    question = text_clean(question, label=_("问题"), field="question", minimum=2, maximum=QUESTION_MAX)
    cleaned = _options_clean(options)
    opens_at, closes_at = _dates(opens_at, closes_at)
    if area.kind == AreaKind.TOWNSHIP:
        places = list(
            Area.objects.filter(kind=AreaKind.COMMUNITY, path__startswith=area.path).order_by("path")
        )
    else:
        places = [area]
    voters_by_place = [(place, adult_accounts(place)) for place in places]
    voters_by_place = [(place, voters) for place, voters in voters_by_place if voters]
    if not voters_by_place:
        raise DomainError(_("这里没有可以投票的居民：须为年满十八周岁、已开通账号的在册居民。"), field="area")
    round_ = Round.objects.create(
        area=area,
        area_path=area.path,
        kind=RoundKind.POLL,
        title=title,
        question=question,
        public_results=bool(public_results),
        opens_at=opens_at,
        closes_at=closes_at,
        eligible=sum(len(voters) for _place, voters in voters_by_place),
        created_by=actor,
    )
    questions = [{"key": "q", "text": question, "options": cleaned}]
    for place, voters in voters_by_place:
        _open_box(actor, round_, place, questions, voters, "polls.ask")
        _tell_voters(round_, voters, title=_("咨询性投票：%(title)s") % {"title": title})
    audit_event_record(
        actor=actor,
        verb="poll.opened",
        target=round_,
        summary={
            "title": title,
            "eligible": round_.eligible,
            "boxes": len(voters_by_place),
            "closes_at": timezone.localtime(closes_at).strftime("%Y-%m-%d %H:%M"),
        },
    )
    return round_


def _evaluation_checks(actor, community: Area, kind: str, year: int | None) -> int:
    authorize(actor, "polls.review", community)
    if community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("评议只能在村(社区)进行。"), field="area")
    this_year = timezone.localdate().year
    if year is None:
        year = this_year
    if not isinstance(year, int) or not this_year - 1 <= year <= this_year:
        raise DomainError(_("评议年度只能是今年或去年。"), field="year")
    # Two rounds of one kind for one community and year at once would both wait on this lock.
    Area.objects.select_for_update().filter(pk=community.pk).first()
    if Round.objects.filter(area=community, kind=kind, year=year).exists():
        raise Conflict(
            _("%(year)d年度的%(kind)s已经开展过了。") % {"year": year, "kind": RoundKind(kind).label},
            code="round_exists",
        )
    return year


@transaction.atomic
def round_review_open(
    *,
    actor: User,
    community: Area,
    closes_at: dt.datetime | None,
    opens_at: dt.datetime | None = None,
    year: int | None = None,
) -> Round:
    """The yearly 民主评议, run by the supervisory committee (村民委员会组织法 第三十三条: 村民委员会成员以及
    由村民或者村集体承担误工补贴的聘用人员，应当接受村民会议或者村民代表会议对其履行职责情况的民主评议).

    Evaluated: the committee's current members in post order, then the community's hired staff (the body of
    kind `staff`, gongzhi.bodies) in order of hiring; someone who is both is evaluated once, as a member.
    Evaluators: the members of the representatives' meeting other than the people under review (nobody rates
    themself or a colleague), fixed now; each must have an account (the quorum counts them all). One question
    per person, 称职/基本称职/不称职; quorate with two thirds of the evaluators taking part.
    """
    year = _evaluation_checks(actor, community, RoundKind.REVIEW, year)
    opens_at, closes_at = _dates(opens_at, closes_at)
    committee = body_of_kind(community, BodyKind.COMMITTEE)
    members = list(memberships_current(committee)) if committee is not None else []
    if not members:
        raise DomainError(_("请先登记村(居)民委员会的现任成员。"), field="area")
    members.sort(key=lambda m: (POST_ORDER.get(m.post, 9), m.started_on, m.pk))
    in_committee = {m.resident_id for m in members}
    staff_body = body_of_kind(community, BodyKind.STAFF)
    hired = [
        m
        for m in (memberships_current(staff_body) if staff_body is not None else [])
        if m.resident_id not in in_committee
    ]
    hired.sort(key=lambda m: (m.started_on, m.pk))
    reviewed = in_committee | {m.resident_id for m in hired}
    representatives = body_of_kind(community, BodyKind.REPRESENTATIVES)
    seats = body_roll(representatives).seats if representatives is not None else ()
    evaluators = [seat.resident for seat in seats if seat.resident.pk not in reviewed]
    if not evaluators:
        raise DomainError(_("请先登记村(居)民代表会议的组成人员：民主评议由他们评议。"), field="area")
    missing = [r.name for r in evaluators if r.user is None or not r.user.is_active]
    if missing:
        raise DomainError(
            _("评议人中有%(n)d人尚未开通账号（%(names)s），请先为他们开通账号后再开始评议。")
            % {"n": len(missing), "names": "、".join(missing[:10])},
            field="area",
        )
    if hired:
        title = _("%(community)s%(year)d年度村(居)民委员会成员和聘用人员民主评议") % {
            "community": community.name,
            "year": year,
        }
        question = _("请对下列村(居)民委员会成员和聘用人员%(year)d年度履行职责的情况作出评议") % {
            "year": year
        }
    else:
        title = _("%(community)s%(year)d年度村(居)民委员会成员民主评议") % {
            "community": community.name,
            "year": year,
        }
        question = _("请对下列村(居)民委员会成员%(year)d年度履行职责的情况作出评议") % {"year": year}
    round_ = Round.objects.create(
        area=community,
        area_path=community.path,
        kind=RoundKind.REVIEW,
        title=title,
        question=question,
        year=year,
        opens_at=opens_at,
        closes_at=closes_at,
        eligible=len({r.user_id for r in evaluators}),
        created_by=actor,
    )
    questions = []
    for position, membership in enumerate(members + hired):
        committee_member = membership.resident_id in in_committee
        if committee_member:
            post = str(Post(membership.post).label)
        else:
            post = membership.title or str(_("聘用人员"))
        key = f"m{membership.pk}"
        ReviewSeat.objects.create(
            round=round_,
            membership=membership,
            resident=membership.resident,
            name=membership.resident.name,
            post=post,
            position=position,
            key=key,
            committee_member=committee_member,
        )
        questions.append(
            {"key": key, "text": f"{membership.resident.name}（{post}）", "options": list(EVALUATION)}
        )
    voters = [r.user for r in evaluators]
    _open_box(actor, round_, community, questions, voters, "polls.review", quorum=REVIEW_QUORUM)
    _tell_voters(round_, voters, title=_("民主评议：%(title)s") % {"title": title})
    audit_event_record(
        actor=actor,
        verb="review.opened",
        target=round_,
        summary={"year": year, "members": len(members), "staff": len(hired), "eligible": round_.eligible},
    )
    return round_


@transaction.atomic
def round_satisfaction_open(
    *,
    actor: User,
    community: Area,
    closes_at: dt.datetime | None,
    opens_at: dt.datetime | None = None,
    year: int | None = None,
) -> Round:
    """The residents' evaluation of the committee's work (群众评议): adult residents with accounts rate it
    满意/基本满意/不满意, in secret; the results are satisfaction rates."""
    year = _evaluation_checks(actor, community, RoundKind.SATISFACTION, year)
    opens_at, closes_at = _dates(opens_at, closes_at)
    voters = adult_accounts(community)
    if not voters:
        raise DomainError(_("这里没有可以投票的居民：须为年满十八周岁、已开通账号的在册居民。"), field="area")
    committee = body_of_kind(community, BodyKind.COMMITTEE)
    name = committee.name if committee is not None else _("村(居)民委员会")
    title = _("%(community)s%(year)d年度%(committee)s工作群众评议") % {
        "community": community.name,
        "year": year,
        "committee": name,
    }
    question = _("您对%(committee)s%(year)d年度工作的评价") % {"committee": name, "year": year}
    round_ = Round.objects.create(
        area=community,
        area_path=community.path,
        kind=RoundKind.SATISFACTION,
        title=title,
        question=question,
        year=year,
        opens_at=opens_at,
        closes_at=closes_at,
        eligible=len(voters),
        created_by=actor,
    )
    _open_box(
        actor,
        round_,
        community,
        [{"key": "q", "text": question, "options": list(SATISFACTION)}],
        voters,
        "polls.review",
    )
    _tell_voters(round_, voters, title=_("群众评议：%(title)s") % {"title": title})
    audit_event_record(
        actor=actor,
        verb="satisfaction.opened",
        target=round_,
        summary={"year": year, "eligible": len(voters)},
    )
    return round_


def manage_perm(round_: Round) -> str:
    return "polls.ask" if round_.kind == RoundKind.POLL else "polls.review"


def _township_admins(community: Area) -> list:
    grants = RoleAssignment.objects.filter(role=Role.TOWNSHIP_ADMIN, user__is_active=True).select_related(
        "user"
    )
    return list({g.user_id: g.user for g in grants if community.path.startswith(g.area_path)}.values())


def _previous_review(round_: Round) -> Round | None:
    """The community's last quorate 民主评议 finalised before this one (a round without quorum reviewed nobody)."""
    earlier = (
        Round.objects.filter(area=round_.area, kind=RoundKind.REVIEW, closed_at__isnull=False)
        .exclude(pk=round_.pk)
        .filter(closes_at__lte=round_.closes_at)
        .order_by("-year", "-closes_at", "-pk")
    )
    for candidate in earlier:
        box = RoundBox.objects.filter(round=candidate).select_related("box").first()
        if box is not None and ballot_box_results(box.box).turnout.quorate:
            return candidate
    return None


def _review_finalise(round_: Round, box: BallotBox) -> int:
    outcome = ballot_box_results(box)
    by_key = {q.key: {key: votes for key, _label, votes in q.counts} for q in outcome.questions}
    previous = _previous_review(round_)
    # 村民委员会成员连续两次被评议不称职的，其职务终止 (第三十三条第二款): only a committee member's seat counts, in
    # this round and in the previous one; hired staff found 不称职 are shown so, and their employer decides.
    unfit_before = (
        set(
            ReviewSeat.objects.filter(round=previous, unfit=True, committee_member=True).values_list(
                "resident_id", flat=True
            )
        )
        if previous is not None
        else set()
    )
    flagged = []
    for seat in ReviewSeat.objects.filter(round=round_).select_related("resident"):
        counts = by_key.get(seat.key, {})
        seat.competent = counts.get("competent", 0)
        seat.basically_competent = counts.get("basically_competent", 0)
        seat.incompetent = counts.get("incompetent", 0)
        # 不称职: more than half of the ballots counted for the member, in a quorate round.
        seat.unfit = outcome.turnout.quorate and seat.incompetent * 2 > seat.total
        seat.flagged = seat.committee_member and seat.unfit and seat.resident_id in unfit_before
        seat.save(update_fields=["competent", "basically_competent", "incompetent", "unfit", "flagged"])
        if seat.flagged:
            flagged.append(seat)
    if flagged:
        url = reverse("polls:flags")
        for seat in flagged:
            audit_event_record(
                actor=None,
                verb="review.flagged",
                target=seat,
                summary={
                    "name": seat.name,
                    "post": seat.post,
                    "year": round_.year,
                    "community": round_.area.name,
                },
            )
        for admin in _township_admins(round_.area):
            for seat in flagged:
                notice_send(
                    recipient=admin,
                    kind="review_flagged",
                    title=_("%(community)s%(name)s连续两次被评议为不称职")
                    % {"community": round_.area.name, "name": seat.name},
                    body=_(
                        "依照《村民委员会组织法》第三十三条，村民委员会成员连续两次被评议不称职的，其职务终止。"
                        "请指导%(community)s依法办理，并在组织成员中登记其离任。"
                    )
                    % {"community": round_.area.name},
                    url=url,
                )
    return len(flagged)


def _finalise(round_: Round, actor) -> Round:
    """Every box closed: keep the results the round needs and mark it closed. The caller holds the round's lock."""
    round_.closed_at = timezone.now()
    round_.save(update_fields=["closed_at"])
    flagged = 0
    if round_.kind == RoundKind.REVIEW:
        box = RoundBox.objects.filter(round=round_).select_related("box").first()
        if box is not None:
            flagged = _review_finalise(round_, box.box)
    audit_event_record(
        actor=actor,
        verb=f"{round_.kind}.closed",
        target=round_,
        summary={"title": round_.title, "flagged": flagged},
    )
    return round_


@transaction.atomic
def round_close(*, actor: User, round_: Round) -> Round:
    """Close a round now (early, or when its time is up): every box of it, then its results."""
    authorize(actor, manage_perm(round_), round_)
    locked = Round.objects.select_for_update().select_related("area").get(pk=round_.pk)
    if locked.closed_at is not None:
        raise DomainError(_("已经结束了。"), code="round_closed")
    for round_box in RoundBox.objects.filter(round=locked).select_related("box__area"):
        if round_box.box.closed_at is not None:
            continue
        try:
            ballot_box_close(actor=actor, box=round_box.box, perm_obj=locked)
        except DomainError as exc:  # the kernel's periodic job closed it since we read it
            if exc.code != "ballot_closed":
                raise
    return _finalise(locked, actor)


def rounds_finalise_due() -> int:
    """The periodic job: close the boxes whose time is up (the kernel's job, idempotent) and finalise every
    round whose boxes are all closed. Returns how many rounds it finalised."""
    ballot_boxes_close_due()
    done = 0
    due = Round.objects.filter(closed_at__isnull=True, closes_at__lte=timezone.now()).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        with transaction.atomic():
            locked = Round.objects.select_for_update().select_related("area").filter(pk=pk).first()
            if locked is None or locked.closed_at is not None:
                continue
            if RoundBox.objects.filter(round=locked, box__closed_at__isnull=True).exists():
                continue
            _finalise(locked, None)
            done += 1
    return done
