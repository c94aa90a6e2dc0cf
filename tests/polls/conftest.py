"""青山村 (tests/conftest.py's township) with its committee, supervisory committee and representatives, each
member a resident with an account; adult residents with accounts for polls."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from tests.conftest import make_user

START = dt.date(2024, 1, 10)


def link(resident, user):
    resident.user = user
    resident.save(update_fields=["user"])
    return resident


@pytest.fixture
def village(users, areas, make_resident):
    staff = users["community_staff"]
    committee = body_create(actor=staff, area=areas["village"], kind=BodyKind.COMMITTEE)
    supervisory = body_create(actor=staff, area=areas["village"], kind=BodyKind.SUPERVISORY)
    representatives = body_create(actor=staff, area=areas["village"], kind=BodyKind.REPRESENTATIVES)
    members = []
    for name, post, gender in (
        ("李主任", Post.MEMBER, "F"),
        ("王主任", Post.CHAIR, "M"),
        ("赵副主任", Post.DEPUTY_CHAIR, "M"),
    ):
        resident = make_resident(name=name, gender=gender)
        membership_add(actor=staff, body=committee, resident=resident, post=post, started_on=START)
        members.append(resident)
    chief = link(make_resident(name="周监督"), users["supervisor"])
    membership_add(actor=staff, body=supervisory, resident=chief, post=Post.CHAIR, started_on=START)
    evaluators = []
    for n in range(6):
        user = make_user(f"rep{n}", Role.RESIDENT, areas["village"])
        resident = link(make_resident(name="代表" + "甲乙丙丁戊己"[n]), user)
        membership_add(
            actor=staff, body=representatives, resident=resident, post=Post.REPRESENTATIVE, started_on=START
        )
        evaluators.append(user)
    link(make_resident(name="居民甲"), users["resident"])
    return {
        "committee": committee,
        "supervisory": supervisory,
        "representatives": representatives,
        "members": members,
        "evaluators": evaluators,
        "supervisor": users["supervisor"],
    }


def later(days=7):
    return timezone.now() + dt.timedelta(days=days)
