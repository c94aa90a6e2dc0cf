import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.budgeting import actions
from gongzhi.budgeting.actions import ProjectInput
from gongzhi.budgeting.models import Category
from gongzhi.funds.actions import fund_create, income_record
from gongzhi.funds.models import FundKind, IncomeSource
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import make_user


def this_year() -> int:
    return timezone.localdate().year


def today() -> dt.date:
    return timezone.localdate()


def idea(title="修路灯", cost="8000", code="lighting", **extra) -> ProjectInput:
    values = {
        "title": title,
        "description": "村口到小学的路段晚上没有灯，老人和孩子走夜路不安全。",
        "place": "村口至青山小学",
        "cost": cost,
        "category": Category.objects.get(code=code),
    }
    values.update(extra)
    return ProjectInput(**values)


@pytest.fixture
def fund(users, areas):
    """青山村's 公共服务资金 of this year with 财政 30,000.00 received on 1 January."""
    staff = users["community_staff"]
    made = fund_create(actor=staff, community=areas["village"], year=this_year(),
                       kind=FundKind.objects.get(code="public_service"))  # fmt: skip
    income_record(actor=staff, fund=made, source=IncomeSource.objects.get(code="finance"), amount="30000",
                  received_on=dt.date(this_year(), 1, 1))  # fmt: skip
    return made


@pytest.fixture
def proposer(users, make_resident):
    """The resident user, with their own entry in 青山村's register."""
    own = make_resident("grid_a1", name="李秀兰", birth=dt.date(1968, 3, 8))
    Resident.objects.filter(pk=own.pk).update(user=users["resident"])
    return users["resident"]


@pytest.fixture
def council(users, areas, make_resident):
    """青山村's 议事会: a chair and two members, each with an account; returns their users."""
    staff = users["community_staff"]
    body = body_ensure(actor=staff, area=areas["village"], kind=BodyKind.COUNCIL)
    members = []
    for n, post in enumerate((Post.CHAIR, Post.MEMBER, Post.MEMBER), start=1):
        person = make_resident(
            "grid_a1", name=("王议一", "陈议二", "刘议三")[n - 1], birth=dt.date(1965, 1, n)
        )
        user = make_user(f"council{n}", Role.RESIDENT, areas["village"])
        Resident.objects.filter(pk=person.pk).update(user=user)
        person.refresh_from_db()
        member_ensure(actor=staff, body=body, resident=person, post=post, started_on=dt.date(2024, 1, 1))
        members.append(user)
    return members


@pytest.fixture
def round_(fund, users, areas):
    """This year's round of 青山村, proposing open from the first of the month to the end of the year."""
    found = actions.round_create(
        actor=users["community_staff"], community=areas["village"], year=this_year(),
        opens_on=today().replace(day=1), closes_on=dt.date(this_year(), 12, 31), cap="20000",
    )  # fmt: skip
    return actions.round_open(actor=users["community_staff"], round_=found)
