"""The optional points (积分制) of the demo township, made through the points' and meetings' actions.

The township's 社治办 switches the points on for the seeding; 青山村 (the first community) drafts its catalogue,
convenes its representatives' meeting with it on the agenda, holds it (everyone present), votes by show of
hands (the counts confirmed by a second member of staff, `cun_fuhe`) and takes the vote: the catalogue is in
force. Then: the service hours its helpers were credited are imported (each credit once), staff entries with
evidence approved by the second member of staff (one still waiting), the resident `jumin`'s household appeals
an award, the store gets its goods and the money for them, and a household redeems at the counter. Finally the
switch is turned off again (audited): like every new install, the demo is off until its township turns it on
from the points page, and then finds all of this.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind
from gongzhi.meetings.actions import (
    RollMark,
    meeting_agenda_vote,
    meeting_item_confirm,
    meeting_roll_close,
    meeting_roll_mark,
)
from gongzhi.points.actions import (
    ItemSpec,
    appeal_file,
    award_enter,
    catalogue_convene,
    catalogue_draft,
    catalogue_take,
    deeds_import,
    entry_decide,
    funding_record,
    goods_add,
    points_switch_set,
    redemption_make,
)
from gongzhi.points.models import Account, Catalogue
from gongzhi.residents.models import Household, Resident

ITEMS = [
    ItemSpec("参加志愿服务每小时", 2, "经受助方确认的服务时长记录", source="hours"),
    ItemSpec("获评积德榜", 20, "道德评议会评议结果"),
    ItemSpec("参加道德讲堂", 5, "道德讲堂签到表"),
    ItemSpec("门前三包", 3, "网格员月度检查记录"),
    ItemSpec("好家风家庭", 10, "村民小组推荐表"),
]
ENTRIES = [
    # (item, evidence, days ago, approved)
    ("参加道德讲堂", "第11期道德讲堂签到表第2页", 20, True),
    ("门前三包", "网格员11月检查记录：门前整洁", 15, True),
    ("好家风家庭", "2组村民小组推荐表", 12, True),
    ("参加道德讲堂", "第12期道德讲堂签到表第1页", 6, True),
    ("门前三包", "网格员12月检查记录", 2, False),
]
GOODS = [("洗衣粉", 20, 30), ("食用油（5升）", 60, 12), ("毛巾", 10, 40), ("大米（10斤）", 40, 20)]
FUNDING = [
    ("donation", "青山农业专业合作社", "3000.00", 40),
    ("collective", "村集体经营收入", "2000.00", 35),
    ("grant", "镇新时代文明实践专项补助", "5000.00", 30),
]


def _second(community: Area, password: str) -> User:
    """A second member of 青山村's staff, who confirms the vote's counts and approves staff entries."""
    user = User.objects.filter(username="cun_fuhe").first()
    if user is None:
        user = User.objects.create(
            username="cun_fuhe", display_name="周会计", email="cun_fuhe@demo.gongzhi.local", password=password
        )
        RoleAssignment.objects.create(
            user=user, role=Role.COMMUNITY_STAFF, area=community, area_path=community.path
        )
    return user


@transaction.atomic
def demo_points_seed(*, township: Area, communities: list[Area], password: str, rng: random.Random) -> int:
    """Seed 青山村's points; return the number of ledger entries written. Leaves the township's switch off."""
    admin = User.objects.get(username="zhen_admin")
    staff = User.objects.get(username="cun_ganbu")
    community = communities[0]
    second = _second(community, password)
    today = timezone.localdate()
    if body_of_kind(community, BodyKind.REPRESENTATIVES) is None:
        return 0  # the bodies' demo gives every community its representatives
    points_switch_set(actor=admin, township=township, enabled=True)
    draft = catalogue_draft(
        actor=staff, community=community, title=f"{community.name}积分制管理办法", items=ITEMS
    )
    meeting = catalogue_convene(
        actor=staff,
        catalogue=draft,
        held_on=today,
        place=f"{community.name}村委会会议室",
        urgency_reason="年度积分制须在年底前施行，经两委联席会议商定当日召开",
    )
    lines = list(meeting.roll.order_by("id"))
    meeting_roll_mark(actor=staff, meeting=meeting, marks=[RollMark(m.pk, "present") for m in lines])
    meeting_roll_close(actor=staff, meeting=meeting)
    vote = meeting_agenda_vote(
        actor=staff, agenda_item=meeting.agenda.get(number=1), in_favour=len(lines) - 1, abstaining=1
    )
    meeting_item_confirm(actor=second, item=vote)
    catalogue = catalogue_take(actor=staff, catalogue=draft)
    assert isinstance(catalogue, Catalogue)
    written = deeds_import(
        actor=staff, community=community, start=today - dt.timedelta(days=90), end=today
    ).credited
    households = list(Household.objects.filter(community=community).order_by("id")[:40])
    own = Resident.objects.filter(user__username="jumin").select_related("household").first()
    chosen = ([own.household] if own is not None and own.household is not None else []) + rng.sample(
        households, min(len(households), 6)
    )
    items = {i.name: i for i in catalogue.items.all()}
    first_award = None
    for n, household in enumerate(chosen):
        for name, evidence, days_ago, approved in ENTRIES[: 2 + n % 4]:
            entry = award_enter(
                actor=staff,
                community=community,
                household=household,
                item=items[name],
                occurred_on=today - dt.timedelta(days=days_ago),
                evidence=evidence,
            )
            written += 1
            if approved:
                entry_decide(actor=second, entry=entry, approve=True)
                first_award = first_award or entry
    if own is not None and first_award is not None and own.user is not None:
        appeal_file(
            actor=own.user, entry=first_award, reason="我家那天参加的是第12期，不是第11期，请核对签到表。"
        )
    stock = {}
    for name, price, quantity in GOODS:
        stock[name] = goods_add(actor=staff, community=community, name=name, price=price, quantity=quantity)
    for kind, source, amount, days_ago in FUNDING:
        funding_record(
            actor=staff,
            community=community,
            kind=kind,
            source=source,
            amount=amount,
            received_on=today - dt.timedelta(days=days_ago),
        )
    richest = Account.objects.filter(community=community).order_by("-balance", "id").first()
    if richest is not None and richest.balance >= stock["毛巾"].price:
        redemption_make(actor=staff, community=community, household=richest.household, goods=stock["毛巾"])
        written += 1
    points_switch_set(actor=admin, township=township, enabled=False)
    return written
