"""Shared helpers of the roll part's tests: a round, an election with a committee, households."""

import datetime as dt

from django.utils import timezone

from gongzhi.elections.actions.rounds import committee_member_add, election_add, round_open
from gongzhi.elections.models import Election, Round
from gongzhi.residents.models import Household, Resident


def open_round(users, areas) -> Round:
    return round_open(
        actor=users["township_admin"],
        township=areas["township"],
        term=11,
        name="第十一届村(社区)三委换届选举",
    )


def add_election(users, round_, community, *, days: int = 40, seats: int | None = None) -> Election:
    return election_add(
        actor=users["township_admin"],
        round_=round_,
        community=community,
        election_day=timezone.localdate() + dt.timedelta(days=days),
        seats=seats or (5 if community.community_type == "village" else 7),
    )


def with_committee(users, election, make_resident, area_key: str = "grid_a1") -> Election:
    chair = make_resident(area_key, name="选委会主任")
    committee_member_add(
        actor=users["community_staff" if area_key.startswith("grid_a") else "other_staff"],
        election=election,
        resident=chair,
        post="chair",
        joined_on=timezone.localdate(),
    )
    election.refresh_from_db()
    return election


def household_of(*people: tuple[Resident, str], number: str = "H001") -> Household:
    first = people[0][0]
    household = Household.objects.create(number=number, area=first.area, area_path=first.area_path,
                                         community=first.community)  # fmt: skip
    for person, relation in people:
        Resident.objects.filter(pk=person.pk).update(household=household, relation_to_head=relation)
        person.refresh_from_db()
    return household
