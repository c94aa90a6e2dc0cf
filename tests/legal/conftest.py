import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.legal.actions import aide_appoint, slot_publish
from tests.conftest import make_user


@pytest.fixture
def adviser_user(areas):
    return make_user("lawyer_li", display_name="李律师")


@pytest.fixture
def adviser(users, areas, adviser_user):
    return aide_appoint(
        actor=users["community_staff"], community=areas["village"], kind="adviser", name="李明律",
        unit="青山律师事务所", phone="13800138000", term_start=dt.date(2026, 1, 1), user=adviser_user,
    )  # fmt: skip


@pytest.fixture
def slot(users, areas, adviser):
    def make(hours_ahead: int = 30, place: str = "村便民服务中心"):
        return slot_publish(
            actor=users["community_staff"], community=areas["village"],
            starts_at=timezone.now() + dt.timedelta(hours=hours_ahead), minutes=30, place=place,
        )  # fmt: skip

    return make


@pytest.fixture
def villagers(areas):
    return [make_user(f"villager{n}", Role.RESIDENT, areas["village"]) for n in range(2)]
