"""青山村 (tests/conftest.py's township) with party members of the register: one with an account (the
party_member user), one without; a villager who is not a party member (the resident user); a party member of
东街社区."""

import pytest

from gongzhi.pledges.models import VanguardPost


def link(resident, user):
    resident.user = user
    resident.save(update_fields=["user"])
    return resident


@pytest.fixture
def post():
    return VanguardPost.objects.get(name="政策宣传岗")


@pytest.fixture
def members(users, make_resident):
    return {
        "own": link(make_resident(name="党员甲", political_status="中共党员"), users["party_member"]),
        "assisted": make_resident("grid_a2", name="党员乙", political_status="中共预备党员"),
        "villager": link(make_resident(name="群众丙"), users["resident"]),
        "urban": make_resident("grid_b1", name="党员丁", political_status="中共党员"),
    }
