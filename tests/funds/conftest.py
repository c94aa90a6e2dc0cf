import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from gongzhi.accounts.roles import Role
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.funds.actions import create_plan, fund_create, income_record
from gongzhi.funds.models import FundKind, IncomeSource
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import make_user


def jpeg(colour=(200, 180, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def last_year() -> int:
    return timezone.localdate().year - 1


@pytest.fixture
def second_staff(areas):
    return make_user("funds_staff2", Role.COMMUNITY_STAFF, areas["village"])


@pytest.fixture
def fund(users, areas):
    """青山村's 专项经费 of last year, with 财政 100,000.00 and 捐赠 20,000.50 (allocated 120,000.50)."""
    staff = users["community_staff"]
    year = last_year()
    made = fund_create(
        actor=staff, community=areas["village"], year=year, kind=FundKind.objects.get(code="special")
    )
    income_record(actor=staff, fund=made, source=IncomeSource.objects.get(code="finance"), amount="100000",
                  received_on=dt.date(year, 1, 15))  # fmt: skip
    income_record(actor=staff, fund=made, source=IncomeSource.objects.get(code="donation"), amount="20000.50",
                  received_on=dt.date(year, 2, 3))  # fmt: skip
    return made


@pytest.fixture
def plan(fund, users):
    return create_plan(users["community_staff"], fund, "修缮文化活动室", "30000")


@pytest.fixture
def supervisory(users, areas, make_resident):
    """青山村's supervisory committee with the supervisor's own resident entry seated as its chair."""
    staff = users["community_staff"]
    body = body_ensure(actor=staff, area=areas["village"], kind=BodyKind.SUPERVISORY)
    own = make_resident("grid_a1", name="监委主任", birth=dt.date(1970, 1, 1))
    Resident.objects.filter(pk=own.pk).update(user=users["supervisor"])
    own.refresh_from_db()
    member_ensure(actor=staff, body=body, resident=own, post=Post.CHAIR, started_on=dt.date(2020, 1, 1))
    return body
