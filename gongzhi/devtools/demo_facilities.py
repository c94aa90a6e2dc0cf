"""The demo township's facilities (gongzhi.facilities), made through the facilities' actions.

Every community gets its 党群服务中心 (serving also as 便民服务站 and 议事室: 一室多用), a 党员活动室 that residents
book with the staff's approval, a 文体广场 shared with the neighbouring communities (booked without approval),
a 村(居)务公开栏 and a few other rooms — some required types left out and some signage missing, so the gap table
has something to show. The township office makes 警务室 required of villages too and adds a type of its own (非遗传习室). Bookings: `jumin` has one
approved and one pending in 青山村's 党员活动室, a resident of the next community books 青山村's square, the staff
book for an elderly resident by phone, and one booking is refused with its reason.
"""

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.facilities import actions
from gongzhi.facilities.models import Facility, FacilityType
from gongzhi.residents.models import Resident

OTHER_ROOMS = [
    "调解室",
    "图书室（农家书屋）",
    "老年活动室",
    "新时代文明实践站",
    "卫生服务站",
    "居家养老服务站",
]


def _staff_of(community: Area) -> User:
    return User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).order_by("pk").first() or User.objects.get(username="zhen_admin")


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _facilities_of(community: Area, staff: User, types: dict[str, FacilityType], rng: random.Random) -> dict:
    def save(kind: str, name: str, **extra) -> Facility:
        standard = types[kind].signage
        signage = [s for s in standard if rng.random() < 0.8]
        values: dict[str, Any] = {
            "opens_at": "08:30",
            "closes_at": "17:30",
            "floor_area": rng.randint(30, 300),
        }
        values |= extra
        return actions.facility_save(
            actor=staff, community=community, facility_type=types[kind], name=name, signage=signage, **values
        )

    made = {
        "centre": save(
            "党群服务中心", f"{community.name}党群服务中心",
            functions=[types["便民服务站"], types["议事室"]], floor_area=400,
        ),
        "room": save(
            "党员活动室", "党员活动室", opens_at="08:00", closes_at="21:00", bookable=True, capacity=40,
            approval_required=True, functions=[types["文体活动室"]],
        ),
        "square": save(
            "文体广场", f"{community.name}文体广场", opens_at="06:00", closes_at="22:00", bookable=True,
            capacity=300, shared=True, floor_area=1500,
        ),
        "board": save("村(居)务公开栏", "村(居)务公开栏", functions=[types["党务公开栏"], types["财务公开栏"]]),
    }  # fmt: skip
    for name in rng.sample(OTHER_ROOMS, 3):
        save(name, name)
    return made


def demo_facilities_seed(*, township: Area, communities: list[Area], rng: random.Random) -> int:
    """Returns the number of bookings made."""
    admin = User.objects.get(username="zhen_admin")
    types = {t.name: t for t in FacilityType.objects.all()}
    actions.standard_set(
        actor=admin, township=township, facility_type=types["警务室"], required_village=True, required_urban=True,
        signage=["统一色彩", "功能室门牌", "机构挂牌"],
    )  # fmt: skip
    made = {c.pk: _facilities_of(c, _staff_of(c), types, rng) for c in communities}
    # A type of the township's own (beyond the catalogue): its first community has one.
    heritage = actions.facility_type_save(
        actor=admin, township=township, kind="room", name="非遗传习室", signage=["功能室门牌"]
    )
    actions.facility_save(
        actor=_staff_of(communities[0]), community=communities[0], facility_type=heritage, name="竹编传习室",
        opens_at="09:00", closes_at="17:00", signage=["功能室门牌"],
    )  # fmt: skip
    first, second = communities[0], communities[1]
    room, square = made[first.pk]["room"], made[first.pk]["square"]
    staff = _staff_of(first)
    jumin = User.objects.get(username="jumin")
    count = 0

    def book(actor, facility, days, start, end, purpose, **extra):
        nonlocal count
        count += 1
        return actions.booking_create(
            actor=actor, facility=facility, starts_at=_at(days, start), ends_at=_at(days, end),
            headcount=extra.pop("headcount", rng.randint(5, 25)), purpose=purpose, **extra,
        )  # fmt: skip

    approved = book(jumin, room, 3, 9, 11, "老年协会学习会")
    actions.booking_approve(actor=staff, booking=approved)
    book(jumin, room, 6, 14, 16, "家风家训分享会")  # pending: the staff's queue shows it
    neighbour = Resident.objects.filter(community=second, status="active").exclude(user__isnull=True).first()
    if neighbour is not None and neighbour.user is not None:
        book(neighbour.user, square, 5, 18, 20, "广场舞排练")
    elderly = (
        Resident.objects.filter(community=first, status="active", user__isnull=True).order_by("pk").first()
    )
    if elderly is not None:
        book(staff, room, 8, 9, 10, "老人过生日聚会", resident=elderly, consent_channel="phone")
    other = book(jumin, room, 10, 15, 17, "象棋比赛")
    actions.booking_refuse(actor=staff, booking=other, reason="当天召开村民代表会议，请改日")
    for community in communities[1:]:
        local = _staff_of(community)
        booking = book(local, made[community.pk]["room"], rng.randint(2, 20), 9, 11, "党员大会")
        actions.booking_approve(actor=local, booking=booking)
    return count
