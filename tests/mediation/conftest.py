"""A mediation committee in 青山村: a chair, two mediators (users["mediator"] is one), each a resident of the
register with an account holding Role.MEDIATOR; parties 李四 (with an account) and 王五 (none)."""

import datetime as dt
from dataclasses import dataclass

import pytest

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.accounts.roles import Role
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import Body, BodyKind, Post
from gongzhi.mediation.actions import PartyInput, dispute_intake
from gongzhi.residents.actions import household_create
from gongzhi.residents.models import Household, Resident
from tests.conftest import make_user
from tests.idnumbers import make_id


@dataclass
class Committee:
    body: Body
    chair: User
    mediator: User
    second: User
    party: User
    party_resident: Resident
    respondent: Resident
    household: Household
    party_id: str
    respondent_id: str


@pytest.fixture
def committee(users, areas, make_resident) -> Committee:
    staff = users["community_staff"]
    body = body_create(actor=staff, area=areas["village"], kind=BodyKind.MEDIATION)
    since = dt.date(2024, 1, 2)

    def seat(username: str, name: str, post: str, user: User | None = None) -> User:
        if user is None:
            user = make_user(username, Role.MEDIATOR, areas["village"], display_name=name)
        resident = make_resident(name=name)
        Resident.objects.filter(pk=resident.pk).update(user=user)
        resident.refresh_from_db()
        membership_add(actor=staff, body=body, resident=resident, post=post, started_on=since)
        return user

    chair = seat("chair", "赵主任", Post.CHAIR)
    mediator = seat("", "钱调解", Post.MEMBER, user=users["mediator"])
    second = seat("second", "孙调解", Post.MEMBER)
    household = household_create(actor=staff, area=areas["grid_a1"], number="LI-0001")
    party_id, respondent_id = make_id(dt.date(1980, 1, 1), 401), make_id(dt.date(1975, 5, 5), 402)
    party_resident = make_resident(name="李四", id_number=party_id)
    party = users["resident"]
    Resident.objects.filter(pk=party_resident.pk).update(
        user=party, household=household, relation_to_head="02"
    )
    party_resident.refresh_from_db()
    respondent = make_resident(name="王五", id_number=respondent_id)
    return Committee(
        body, chair, mediator, second, party, party_resident, respondent, household, party_id, respondent_id
    )


@pytest.fixture
def open_case(committee):
    """A dispute the resident 李四 applied for against 王五 (register)."""

    def make(category: str = "neighbours", actor=None):
        return dispute_intake(
            actor=actor or committee.party,
            community=None,
            category=category,
            facts="王五家的排水沟堵了，雨水冲到李四家院子。",
            parties=[PartyInput(side="respondent", name="王五", id_number=committee.respondent_id)],
        )

    return make


def grant(user: User, role: str, area) -> None:
    RoleAssignment.objects.create(user=user, role=role, area=area, area_path=area.path)
