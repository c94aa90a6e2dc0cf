"""青山村 (tests/conftest.py's township) with its 道德评议会 of three members with accounts, a person and a family
to nominate (each with an account), and a household of 东街社区."""

import datetime as dt
from importlib import import_module

import pytest

from gongzhi.accounts.roles import Role
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.merit.models import MeritCategory
from gongzhi.residents.actions import household_create, household_member_add
from tests.conftest import make_user

START = dt.date(2024, 1, 10)


def link(resident, user):
    resident.user = user
    resident.save(update_fields=["user"])
    return resident


def family(actor, area, number: str, head):
    household = household_create(actor=actor, area=area, number=number)
    household_member_add(actor=actor, household=household, resident=head, relation="02")
    head.refresh_from_db()
    return household


@pytest.fixture
def merit(users, areas, make_resident):
    staff = users["community_staff"]
    body = body_create(actor=staff, area=areas["village"], kind=BodyKind.MORAL_REVIEW)
    members = []
    for n, post in enumerate((Post.CHAIR, Post.MEMBER, Post.MEMBER)):
        user = make_user(f"judge{n}", Role.RESIDENT, areas["village"])
        resident = link(make_resident(name="评议" + "甲乙丙"[n]), user)
        membership_add(actor=staff, body=body, resident=resident, post=post, started_on=START)
        members.append(user)
    nominee_user = make_user("nominee", Role.RESIDENT, areas["village"])
    nominee = link(make_resident(name="孝媳王秀英", gender="F"), nominee_user)
    neighbour = link(make_resident(name="邻居李明"), users["resident"])
    head_user = make_user("head", Role.RESIDENT, areas["village"])
    head = link(make_resident("grid_a2", name="好家户主"), head_user)
    household = family(staff, areas["grid_a2"], "QS-0009", head)
    far_head = make_resident("grid_b1", name="东街户主")
    far_household = family(users["other_staff"], areas["grid_b1"], "DJ-0001", far_head)
    return {
        "body": body,
        "members": members,
        "nominee": nominee,
        "nominee_user": nominee_user,
        "neighbour": neighbour,
        "head": head,
        "head_user": head_user,
        "household": household,
        "far_household": far_household,
        "category": _category("孝老爱亲"),
        "family_category": _category("好家风"),
    }


def _category(name: str) -> MeritCategory:
    """A category the data migration seeds (merit 0002); a transactional test's flush (a browser test, a storm)
    empties the table for the tests after it, so the seed's rows are made again where missing."""
    seeded = dict(import_module("gongzhi.merit.migrations.0002_seed_categories").CATEGORIES)
    category, _created = MeritCategory.objects.get_or_create(
        name=name, defaults={"description": seeded[name]}
    )
    return category


STORY = "二十年如一日照顾瘫痪在床的婆婆，端水喂饭、擦身翻身，从无怨言，邻里都看在眼里。"
