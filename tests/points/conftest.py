"""青山村 with its representatives, the township's points switched on, a catalogue adopted by the representatives'
meeting, and two households (张家 with a member who has an account)."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.meetings.actions import (
    RollMark,
    meeting_agenda_vote,
    meeting_item_confirm,
    meeting_roll_close,
    meeting_roll_mark,
)
from gongzhi.points.actions import (
    ItemSpec,
    catalogue_convene,
    catalogue_draft,
    catalogue_take,
    points_switch_set,
)
from gongzhi.residents.actions import household_create
from gongzhi.residents.models import Resident
from tests.conftest import make_user

START = dt.date(2024, 1, 10)
URGENT = "积分制规则须尽快施行"

ITEMS = [
    ItemSpec("参加志愿服务每小时", 2, "服务时长记录", source="hours"),
    ItemSpec("获评积德榜", 20, "道德评议会评议结果", photo_required=True),
    ItemSpec("参加道德讲堂", 5, "签到表"),
    ItemSpec("门前三包", 3, "网格员检查记录"),
]


@pytest.fixture
def staff(users):
    return users["community_staff"]


@pytest.fixture
def second(areas):
    """Another member of 青山村's staff: the second person who approves."""
    return make_user("staff_two", Role.COMMUNITY_STAFF, areas["village"])


@pytest.fixture
def representatives(staff, areas, make_resident):
    body = body_create(actor=staff, area=areas["village"], kind=BodyKind.REPRESENTATIVES)
    for c in "一二三四五":
        membership_add(
            actor=staff,
            body=body,
            resident=make_resident(name=f"代表{c}"),
            post=Post.REPRESENTATIVE,
            started_on=START,
        )
    return body


@pytest.fixture
def switched_on(users, areas):
    return points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=True)


def adopt(staff, second, catalogue, *, in_favour: int = 5):
    """Convene the representatives with the catalogue on the agenda, hold it (all present), vote, confirm."""
    meeting = catalogue_convene(
        actor=staff, catalogue=catalogue, held_on=timezone.localdate(), place="村委会", urgency_reason=URGENT
    )
    marks = [RollMark(m.pk, "present") for m in meeting.roll.order_by("id")]
    meeting_roll_mark(actor=staff, meeting=meeting, marks=marks)
    meeting_roll_close(actor=staff, meeting=meeting)
    item = meeting.agenda.get(number=1)
    vote = meeting_agenda_vote(actor=staff, agenda_item=item, in_favour=in_favour, against=5 - in_favour)
    meeting_item_confirm(actor=second, item=vote)
    return catalogue_take(actor=staff, catalogue=catalogue)


@pytest.fixture
def catalogue(staff, second, switched_on, representatives, areas):
    draft = catalogue_draft(actor=staff, community=areas["village"], title="青山村积分制规则", items=ITEMS)
    return adopt(staff, second, draft)


@pytest.fixture
def households(staff, areas, make_resident, users):
    zhang = household_create(actor=staff, area=areas["grid_a1"], number="QS-001")
    li = household_create(actor=staff, area=areas["grid_a1"], number="QS-002")
    member = make_resident(name="张大")
    Resident.objects.filter(pk=member.pk).update(household=zhang, user=users["resident"])
    other = make_resident(name="李二")
    Resident.objects.filter(pk=other.pk).update(household=li)
    return {"zhang": zhang, "li": li, "member": Resident.objects.get(pk=member.pk)}
