"""A village with its committee, representatives and supervisory committee, for convening meetings."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.meetings.actions import AgendaEntry, meeting_convene
from tests.conftest import make_user

START = dt.date(2024, 1, 10)
URGENT = "汛期河堤出现险情，须当天议定抢修方案"


@pytest.fixture
def staff(users):
    return users["community_staff"]


@pytest.fixture
def village(staff, users, areas, make_resident):
    """青山村: a committee of 3 (one with an account), 6 representatives, a supervisory committee of 2 (one
    holding the supervisor role with an account)."""
    committee = body_create(actor=staff, area=areas["village"], kind=BodyKind.COMMITTEE)
    representatives = body_create(actor=staff, area=areas["village"], kind=BodyKind.REPRESENTATIVES)
    supervisory = body_create(actor=staff, area=areas["village"], kind=BodyKind.SUPERVISORY)
    people = {}
    for n, (name, post, body) in enumerate(
        [
            ("王主任", Post.CHAIR, committee),
            ("李副主任", Post.DEPUTY_CHAIR, committee),
            ("赵委员", Post.MEMBER, committee),
            *[(f"代表{c}", Post.REPRESENTATIVE, representatives) for c in "一二三四五六"],
            ("监委甲", Post.CHAIR, supervisory),
            ("监委乙", Post.MEMBER, supervisory),
        ]
    ):
        resident = make_resident(name=name, gender="F" if n % 2 else "M")
        membership_add(actor=staff, body=body, resident=resident, post=post, started_on=START)
        people[name] = resident
    people["代表一"].user = make_user("daibiao1", Role.RESIDENT, areas["village"])
    people["代表一"].save(update_fields=["user"])
    people["监委甲"].user = users["supervisor"]
    people["监委甲"].save(update_fields=["user"])
    return {"committee": committee, "representatives": representatives, "supervisory": supervisory, **people}


def convene_today(staff, body, **extra):
    """A meeting today: shorter than any lead time, so with an urgency reason."""
    data = {
        "actor": staff,
        "body": body,
        "held_on": timezone.localdate(),
        "place": "村委会会议室",
        "agenda": [AgendaEntry("修建村道"), AgendaEntry("修订村规民约", method="roll_call")],
        "urgency_reason": URGENT,
    } | extra
    return meeting_convene(**data)
