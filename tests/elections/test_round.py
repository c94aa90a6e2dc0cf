"""The township's round: opening, the communities' elections, the seats the statute allows, the board."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.elections.actions.rounds import (
    committee_member_add,
    committee_member_leave,
    election_update,
    practice_set,
    round_open,
)
from gongzhi.elections.models import CommitteeMember, Election, Round
from gongzhi.elections.selectors import round_board, round_shares
from tests.bodies_kit import body_ensure, member_ensure
from tests.elections.roll_kit import add_election, open_round, with_committee


def _counts():
    return (
        Round.objects.count(),
        Election.objects.count(),
        CommitteeMember.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_township_opens_a_round_and_adds_its_communities(users, areas):
    round_ = open_round(users, areas)
    village = add_election(users, round_, areas["village"])
    assert village.seats == 5
    assert AuditEvent.objects.filter(verb="elections.election_added").count() == 1
    assert round_.practice.committee_lead_days == 60


def test_community_staff_may_not_open_a_round(users, areas):
    before = _counts()
    with pytest.raises(NotPermitted):
        round_open(
            actor=users["community_staff"], township=areas["township"], term=11, name="第十一届换届选举"
        )
    assert _counts() == before


@pytest.mark.parametrize(
    ("community", "seats", "article"), [("village", 8, "第六条"), ("urban", 4, "第七条")]
)
def test_seats_outside_the_statute_are_refused_with_the_article(users, areas, community, seats, article):
    round_ = open_round(users, areas)
    before = _counts()
    with pytest.raises(DomainError) as refused:
        add_election(users, round_, areas[community], seats=seats)
    assert article in refused.value.message
    assert _counts() == before


def test_the_day_and_seats_change_only_before_the_roll_is_published(users, areas, make_resident):
    round_ = open_round(users, areas)
    election = with_committee(users, add_election(users, round_, areas["village"]), make_resident)
    election = election_update(
        actor=users["township_admin"], election=election, election_day=election.election_day, seats=7
    )
    assert election.seats == 7
    Election.objects.filter(pk=election.pk).update(roll_published_at=timezone.now())
    election.refresh_from_db()
    before = _counts()
    with pytest.raises(DomainError, match="已经公布"):
        election_update(
            actor=users["township_admin"], election=election, election_day=election.election_day, seats=5
        )
    assert _counts() == before


def test_the_committee_is_recorded_from_the_register_and_a_member_leaves_with_a_reason(
    users, areas, make_resident
):
    round_ = open_round(users, areas)
    election = with_committee(users, add_election(users, round_, areas["village"]), make_resident)
    assert election.committee_formed_on == timezone.localdate()
    outsider = make_resident("grid_b1", name="外村人")
    before = _counts()
    with pytest.raises(DomainError, match="本村"):
        committee_member_add(actor=users["community_staff"], election=election, resident=outsider, post="member",
                             joined_on=timezone.localdate())  # fmt: skip
    assert _counts() == before
    seat = CommitteeMember.objects.get(election=election)
    committee_member_leave(
        actor=users["community_staff"], member=seat, left_on=timezone.localdate(), reason="other"
    )
    seat.refresh_from_db()
    assert seat.left_reason == "other"


def test_the_board_shows_each_step_with_its_due_date_and_overdue(users, areas, make_resident):
    round_ = open_round(users, areas)
    village = with_committee(users, add_election(users, round_, areas["village"], days=30), make_resident)
    add_election(users, round_, areas["urban"], days=30)
    today = timezone.localdate()
    rows = round_board(round_, today=today + dt.timedelta(days=11))
    by_community = {row.election.community.name: row for row in rows}
    roll = by_community["青山村"].steps[1]
    assert roll.key == "roll"
    assert roll.due_on == village.election_day - dt.timedelta(days=20)
    assert roll.overdue(today + dt.timedelta(days=11))
    committee_east = by_community["东街社区"].steps[0]
    assert committee_east.done_on is None
    assert committee_east.overdue(today)
    assert by_community["青山村"].steps[0].done_on == today


def test_the_target_share_of_shoulder_one_is_derived_from_the_bodies(users, areas, make_resident):
    round_ = open_round(users, areas)
    add_election(users, round_, areas["village"])
    add_election(users, round_, areas["urban"])
    practice_set(actor=users["township_admin"], round_=round_, committee_lead_days=45, candidates_lead_days=5,
                 filing_days=15, shoulder_one_target=50, cross_holding_target=40)  # fmt: skip
    staff, since = users["community_staff"], dt.date(2024, 1, 1)
    secretary = make_resident(name="李书记")
    party = body_ensure(actor=staff, area=areas["village"], kind=BodyKind.PARTY_ORG)
    committee = body_ensure(actor=staff, area=areas["village"], kind=BodyKind.COMMITTEE)
    member_ensure(actor=staff, body=party, resident=secretary, post=Post.SECRETARY, started_on=since)
    member_ensure(actor=staff, body=committee, resident=secretary, post=Post.CHAIR, started_on=since)
    member_ensure(actor=staff, body=committee, resident=make_resident(name="王委员"), post=Post.MEMBER,
                  started_on=since)  # fmt: skip
    shares = round_shares(round_, round_board(round_))
    assert (shares.communities, shares.shoulder_one, shares.shoulder_one_percent) == (2, 1, 50)
    assert shares.shoulder_one_met
    assert (shares.cross_holders, shares.two_committees, shares.cross_holding_percent) == (1, 2, 50)
    assert shares.cross_holding_target == 40
    assert shares.cross_holding_met
