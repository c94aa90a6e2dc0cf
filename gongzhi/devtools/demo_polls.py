"""Polls and the 双评 in the demo, made through the actions (the ballots, notices and audit trail are real).

In the first community: the bodies the 民主评议 needs, where the demo has none yet (a committee of three, a
supervisory committee chaired by 冯监委 `jianwei`, eight representatives with accounts `daibiao1` …); last
year's 民主评议, closed with its results per member; last year's 群众评议, closed with its satisfaction rates; and
a consultative poll open for two weeks with a few votes in (the demo resident `jumin` has not voted yet).
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.ballots.actions import ballot_cast
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import Body, BodyKind, Post
from gongzhi.bodies.selectors import body_of_kind, body_roll, memberships_current
from gongzhi.polls.actions import round_close, round_poll_open, round_review_open, round_satisfaction_open
from gongzhi.polls.models import ReviewSeat, Round, RoundBox
from gongzhi.residents.models import Resident

REPRESENTATIVES = 8
EVALUATION_WEIGHTS = (("competent", 6), ("basically_competent", 3), ("incompetent", 1))
SATISFACTION_WEIGHTS = (("satisfied", 5), ("basically", 3), ("dissatisfied", 1))


def _adults(community: Area) -> list[Resident]:
    today = timezone.localdate()
    born_by = today.replace(year=today.year - 25, day=min(today.day, 28))
    return list(
        Resident.objects.filter(
            community=community, status="active", user__isnull=True, birth_date__lte=born_by
        ).order_by("id")[:200]
    )


def _body(staff: User, community: Area, kind: str) -> Body:
    return body_of_kind(community, kind) or body_create(actor=staff, area=community, kind=kind)


def _account(resident: Resident, username: str, password: str) -> User:
    user = User.objects.create(username=username, display_name=resident.name, password=password)
    RoleAssignment.objects.create(
        user=user, role=Role.RESIDENT, area=resident.community, area_path=resident.community.path
    )
    resident.user = user
    resident.save(update_fields=["user"])
    return user


def _pick(rng: random.Random, weights) -> str:
    return rng.choices([key for key, _w in weights], [w for _k, w in weights])[0]


def _bodies(community: Area, staff: User, supervisor: User, password: str) -> None:
    pool = iter(_adults(community))
    started = timezone.localdate() - dt.timedelta(days=900)
    committee = _body(staff, community, BodyKind.COMMITTEE)
    if not memberships_current(committee).exists():
        for post in (Post.CHAIR, Post.DEPUTY_CHAIR, Post.MEMBER):
            membership_add(actor=staff, body=committee, resident=next(pool), post=post, started_on=started)
    supervisory = _body(staff, community, BodyKind.SUPERVISORY)
    if not memberships_current(supervisory).filter(resident__user=supervisor).exists():
        chief = Resident.objects.filter(user=supervisor).first()
        if chief is None:
            chief = next(pool)
            chief.user = supervisor
            chief.save(update_fields=["user"])
        post = (
            Post.CHAIR
            if not memberships_current(supervisory).filter(post=Post.CHAIR).exists()
            else Post.MEMBER
        )
        membership_add(actor=staff, body=supervisory, resident=chief, post=post, started_on=started)
    representatives = _body(staff, community, BodyKind.REPRESENTATIVES)
    have = memberships_current(representatives).filter(post=Post.REPRESENTATIVE).count()
    for _n in range(max(0, REPRESENTATIVES - have)):
        membership_add(
            actor=staff,
            body=representatives,
            resident=next(pool),
            post=Post.REPRESENTATIVE,
            started_on=started,
        )
    # The 民主评议 is online: every evaluator needs an account.
    reviewed = {m.resident_id for m in memberships_current(committee)}
    number = 0
    for seat in body_roll(representatives).seats:
        if seat.resident.pk not in reviewed and seat.resident.user_id is None:
            number += 1
            _account(seat.resident, f"daibiao{number}", password)


def _evaluators(round_: Round) -> list[User]:
    box = RoundBox.objects.get(round=round_).box
    return list(User.objects.filter(pk__in=box.eligible.values("user")).order_by("pk"))


def demo_polls_seed(*, communities: list[Area], password: str, rng: random.Random) -> int:
    """Returns how many rounds it made."""
    community = communities[0]
    staff = User.objects.get(username="cun_ganbu")
    supervisor = User.objects.get(username="jianwei")
    with transaction.atomic():
        _bodies(community, staff, supervisor, password)
    year = timezone.localdate().year - 1
    soon = timezone.now() + dt.timedelta(days=7)
    with transaction.atomic():
        review = round_review_open(actor=supervisor, community=community, year=year, closes_at=soon)
        keys = list(ReviewSeat.objects.filter(round=review).values_list("key", flat=True))
        box = RoundBox.objects.get(round=review).box
        evaluators = _evaluators(review)
        for voter in evaluators[: len(evaluators) - len(evaluators) // 8]:  # 7 in 8 vote: above two thirds
            ballot_cast(actor=voter, box=box, answers={key: _pick(rng, EVALUATION_WEIGHTS) for key in keys})
        round_close(actor=supervisor, round_=review)
    with transaction.atomic():
        rating = round_satisfaction_open(actor=supervisor, community=community, year=year, closes_at=soon)
        box = RoundBox.objects.get(round=rating).box
        for voter in _evaluators(rating)[:12]:
            ballot_cast(actor=voter, box=box, answers={"q": _pick(rng, SATISFACTION_WEIGHTS)})
        round_close(actor=supervisor, round_=rating)
    with transaction.atomic():
        poll = round_poll_open(
            actor=staff,
            area=community,
            title="村文化广场改造方案征求意见",
            question="文化广场改造，您希望优先建设哪一项？",
            options=["健身器材", "儿童游乐设施", "停车位", "戏台和活动场地"],
            closes_at=timezone.now() + dt.timedelta(days=14),
            public_results=True,
        )
        box = RoundBox.objects.get(round=poll).box
        voters = [u for u in _evaluators(poll) if u.username != "jumin"][:5]
        for voter in voters:
            ballot_cast(actor=voter, box=box, answers={"q": f"o{rng.randint(1, 4)}"})
    return 3
