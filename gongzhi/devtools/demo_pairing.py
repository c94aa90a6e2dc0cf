"""Party members paired with households in the demo township (gongzhi.pairing), made through the pairing actions.

The township's aim: every household with a 留守老人 or 低保 member, at most 5 per party member; 东街社区-like second
community sets its own (低保 only). In each community most households the aim names are paired with a party
member of their grid (else of the community), a few are left unpaired (the map shows the gap) and one declined.
The demo party member `dangyuan` (孙党员) is a 中共党员 of 青山村's register with three households, visits to them
(one needing follow-up) and one household re-paired to them; the demo resident `jumin`'s household is one of them.
"""

import datetime as dt
import random

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.pairing import actions, selectors
from gongzhi.pairing.models import Pair
from gongzhi.residents.models import Household, Resident, Tag

WHAT = [
    "上门看望，帮助打扫院子",
    "送去米面油，了解身体情况",
    "帮忙办理医保缴费",
    "陪同到镇卫生院体检",
    "讲解防诈骗和平安法治知识",
    "帮助联系农技员看果树病虫害",
]
FOLLOW = ["屋顶漏雨，需要村里安排维修", "想了解高龄津贴怎么申请"]


def _staff_of(community: Area) -> User:
    return User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).order_by("pk").first() or User.objects.get(username="zhen_admin")


def _visits(pair, actor: User, rng: random.Random, today: dt.date, n: int) -> None:
    for k in range(n):
        day = max(pair.started_on, today - dt.timedelta(days=rng.randint(0, 40)))
        follow = k == 0 and rng.random() < 0.3
        actions.visit_record(
            actor=actor, pair=pair, visited_on=day, what=rng.choice(WHAT), follow_up=follow,
            follow_up_text=rng.choice(FOLLOW) if follow else "",
        )  # fmt: skip


def _member_for(household: Household, rng: random.Random):
    """A member of the household's grid with room under the limit, else any in the community."""
    candidates = [c for c in selectors.member_candidates(household) if not c.full]
    near = [c for c in candidates if c.in_grid]
    pool = near or candidates
    return rng.choice(pool[:4]).member if pool else None


def demo_pairing_seed(*, township: Area, communities: list[Area], rng: random.Random) -> int:
    """Returns how many pairs are active across the township."""
    admin = User.objects.get(username="zhen_admin")
    today = timezone.localdate()
    actions.aim_set(actor=admin, area=township, tags=list(Tag.objects.filter(code__in=["left_behind_elderly", "dibao"])),
                    per_member_max=5)  # fmt: skip
    if len(communities) > 1:
        actions.aim_set(
            actor=admin, area=communities[1], tags=list(Tag.objects.filter(code="dibao")), per_member_max=5
        )
    first = communities[0]
    staff = _staff_of(first)
    # The demo party member: a 中共党员 of 青山村's register, linked to the account `dangyuan`.
    dangyuan = User.objects.get(username="dangyuan")
    member = Resident.objects.filter(user=dangyuan).first()
    if member is None or not selectors.is_party_member(member):
        member = (
            selectors.party_members_of(first)
            .filter(user__isnull=True)
            .exclude(household__isnull=True)
            .first()
        )
        if member is not None:
            Resident.objects.filter(user=dangyuan).update(user=None)
            Resident.objects.filter(pk=member.pk).update(user=dangyuan)
            member.refresh_from_db()
    jumin_home = (
        Resident.objects.filter(user__username="jumin").values_list("household_id", flat=True).first()
    )
    if member is not None:
        mine = (
            list(Household.objects.filter(pk=jumin_home).exclude(pk=member.household_id or 0))
            if jumin_home
            else []
        )
        mine += list(
            Household.objects.filter(community=first, members__status="active")
            .exclude(pk__in=[h.pk for h in mine])
            .exclude(pk=member.household_id or 0)
            .distinct()
            .order_by("id")[: 3 - len(mine)]
        )
        for household in mine:
            pair = actions.pair_make(actor=staff, household=household, member=member, reason="党小组安排结对")
            _visits(pair, dangyuan, rng, today, 2)
    for index, community in enumerate(communities):
        staff = _staff_of(community)
        tiles = selectors.community_map(community)
        waiting = [c.household for t in tiles for c in t.cells if c.in_aim and c.state == "unpaired"]
        rng.shuffle(waiting)
        declined = waiting[:1]
        for household in declined:
            actions.decline_record(actor=staff, household=household, reason="子女在本地照顾，暂不需要",
                                   consent_channel="in_person", declined_on=today - dt.timedelta(days=15))  # fmt: skip
        rest = waiting[1:]
        left = max(1, len(rest) // 6) if index != 0 else 2  # the map shows a gap in every community
        for n, household in enumerate(rest[: len(rest) - left]):
            chosen = n % 7 == 3
            picked = _member_for(household, rng)
            if picked is None:
                continue
            if chosen and not next(
                (c.in_grid for c in selectors.member_candidates(household) if c.member.pk == picked.pk), False
            ):
                chosen = False
            pair = actions.pair_make(
                actor=staff, household=household, member=picked, chosen=chosen,
                consent_channel="in_person" if chosen else "",
            )  # fmt: skip
            if n % 3 == 0:
                _visits(pair, staff, rng, today, 1 + n % 2)
    # One re-pair in 青山村, with its reason (the history keeps the first pair).
    staff = _staff_of(first)
    active = Pair.objects.filter(community=first, ended_on__isnull=True).exclude(member=member).first()
    if active is not None:
        other = next(
            (c.member for c in selectors.member_candidates(active.household)
             if not c.full and c.member.pk not in (active.member_id, getattr(member, "pk", None))),
            None,
        )  # fmt: skip
        if other is not None:
            actions.pair_make(actor=staff, household=active.household, member=other, repair=True,
                              reason="原结对党员外出务工，改由本网格党员结对")  # fmt: skip
    return Pair.objects.filter(ended_on__isnull=True).count()
