import datetime as dt

import pytest

from gongzhi.pairing.actions import aim_set
from gongzhi.residents.actions import household_create, resident_create
from gongzhi.residents.models import Tag
from tests.conftest import clean_input, make_user
from tests.idnumbers import make_id


@pytest.fixture
def person(users, areas):
    """A resident of the register: in `grid`, optionally of a household, a party member, with tags."""
    counter = iter(range(300, 10_000))

    def build(
        name: str, grid: str = "grid_a1", *, party: str = "13", tags: str = "", household=None, user=None
    ):
        staff = users["other_staff"] if grid == "grid_b1" else users["community_staff"]
        raw = {"name": name, "id_number": make_id(dt.date(1970, 1, 2), next(counter)), "area": areas[grid],
               "political_status": party, "tags": tags}  # fmt: skip
        data = clean_input(raw)
        data.household = household
        resident = resident_create(actor=staff, data=data)
        if user is not None:
            type(resident).objects.filter(pk=resident.pk).update(user=user)
            resident.refresh_from_db()
        return resident

    return build


@pytest.fixture
def home(users, areas, person):
    """A household with a member carrying a given tag, in `grid`."""
    counter = iter(range(1, 1000))

    def build(grid: str = "grid_a1", *, tags: str = "留守老人", user=None):
        staff = users["other_staff"] if grid == "grid_b1" else users["community_staff"]
        household = household_create(actor=staff, area=areas[grid], number=f"H-{grid}-{next(counter)}")
        person("户主甲", grid, tags=tags, household=household, user=user)
        return household

    return build


@pytest.fixture
def aim(users, areas):
    def build(*, tags=("left_behind_elderly",), limit=None, area="township"):
        return aim_set(
            actor=users["township_admin"], area=areas[area], tags=list(Tag.objects.filter(code__in=tags)),
            per_member_max=limit,
        )  # fmt: skip

    return build


@pytest.fixture
def member_user(areas):
    return make_user("dangyuan_li", display_name="李党员")
