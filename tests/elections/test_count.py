"""One community's election from the published candidates to the committee in the bodies, and its refusals."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Membership, Post
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import (
    box_add,
    box_paper_record,
    poll_open,
    poll_sign_off,
    sheet_correct,
    sheet_enter,
)
from gongzhi.elections.actions.results import committee_install, poll_announce, recall_propose, result_file
from gongzhi.elections.models import (
    BallotBox,
    CommitteeMember,
    CountLine,
    CountSheet,
    Election,
    LeftReason,
    Nomination,
    Poll,
    PollKind,
    Round,
    Scrutineer,
    Voter,
    VoterBasis,
)
from gongzhi.elections.selectors import box_disagreements, sheet_visible
from tests.conftest import make_user

TODAY = timezone.localdate()


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (
            Nomination,
            CommitteeMember,
            Poll,
            BallotBox,
            CountSheet,
            CountLine,
            Scrutineer,
            AuditEvent,
        )
    ) + (
        tuple(CommitteeMember.objects.values_list("left_on", flat=True)),
        tuple(BallotBox.objects.values_list("issued", "returned", "spoiled")),
        tuple(Election.objects.values_list("candidates_published_at", "result_filed_at")),
        tuple(Poll.objects.values_list("signed_off_at", "result")),
    )


@pytest.fixture
def world(users, areas, make_resident):
    round_ = Round.objects.create(
        township=areas["township"], term=11, name="第十一届", opened_by=users["township_admin"]
    )
    election = Election.objects.create(
        round=round_,
        community=areas["village"],
        election_day=TODAY + dt.timedelta(days=30),
        seats=2,
        roll_published_at=timezone.now(),
    )
    staff = users["community_staff"]
    voters = []
    for i in range(10):
        person = make_resident(name="选民" + "甲乙丙丁戊己庚辛壬癸"[i], gender="F" if i in (2, 5) else "M")
        voters.append(
            Voter.objects.create(election=election, resident=person, basis=VoterBasis.LIVING, added_by=staff)
        )
    clerk = make_user("clerk2", Role.COMMUNITY_STAFF, areas["village"])
    return {
        "election": election,
        "voters": voters,
        "staff": staff,
        "clerk": clerk,
        "users": users,
        "areas": areas,
    }


def _nominate(world, indexes=(0, 1, 2)):
    staff, voters, election = world["staff"], world["voters"], world["election"]
    nominations = []
    for i in indexes:
        nomination = nomination_submit(
            actor=staff, election=election, candidate=voters[i], nominators=voters[6:9]
        )
        nominations.append(nomination_decide(actor=staff, nomination=nomination, accept=True))
    return nominations


def _published(world):
    nominations = _nominate(world)
    candidates_publish(actor=world["staff"], election=world["election"])
    return nominations


def _count(world, poll, figures, *, second=None):
    """One box of 9 returned (1 spoiled) of 10 issued, counted by both clerks."""
    box = box_add(actor=world["staff"], poll=poll, kind="central", place="村委会大院", staff="王会计、李出纳")
    box_paper_record(actor=world["staff"], box=box, issued=10, returned=9, spoiled=1)
    sheet_enter(actor=world["staff"], box=box, votes=figures)
    sheet_enter(actor=world["clerk"], box=box, votes=second or figures)
    return box


def test_a_nominated_committee_member_leaves_the_committee_in_the_same_transaction(world):
    voters, staff = world["voters"], world["staff"]
    seat = CommitteeMember.objects.create(
        election=world["election"],
        resident=voters[0].resident,
        joined_on=TODAY - dt.timedelta(days=10),
        recorded_by=staff,
    )
    nomination_submit(actor=staff, election=world["election"], candidate=voters[0], nominators=[voters[6]])
    seat.refresh_from_db()
    assert seat.left_on == TODAY
    assert seat.left_reason == LeftReason.NOMINATED
    assert AuditEvent.objects.filter(verb="elections.committee_left").count() == 1


def test_a_candidate_on_the_election_committee_is_refused_and_nothing_changes(world):
    voters, staff = world["voters"], world["staff"]
    nomination = nomination_submit(
        actor=staff, election=world["election"], candidate=voters[0], nominators=[voters[6]]
    )
    # Seated again after the nomination: the committee cannot confirm a candidate who presides over the count.
    CommitteeMember.objects.create(
        election=world["election"], resident=voters[0].resident, joined_on=TODAY, recorded_by=staff
    )
    before = counts()
    with pytest.raises(DomainError, match="仍是选举委员会成员"):
        nomination_decide(actor=staff, nomination=nomination, accept=True)
    assert counts() == before
    assert Nomination.objects.get().status == "pending"


def test_nominations_refuse_voters_off_the_roll_duplicates_and_a_publication_without_more_candidates_than_seats(
    world, make_resident
):
    voters, staff, election = world["voters"], world["staff"], world["election"]
    stranger = Voter(election_id=election.pk + 999, resident=make_resident(name="外村人"))
    before = counts()
    with pytest.raises(DomainError, match="不在本村"):
        nomination_submit(actor=staff, election=election, candidate=stranger, nominators=[voters[6]])
    with pytest.raises(DomainError, match="不在本村"):
        nomination_submit(actor=staff, election=election, candidate=voters[0], nominators=[stranger])
    assert counts() == before
    _nominate(world, (0, 1))
    before = counts()
    with pytest.raises(Conflict, match="已经被提名过"):
        nomination_submit(actor=staff, election=election, candidate=voters[0], nominators=[voters[7]])
    with pytest.raises(DomainError, match="差额"):
        candidates_publish(actor=staff, election=election)
    assert counts() == before
    _nominate(world, (2,))
    # Five days' notice by default: four days before election day is too late.
    with pytest.raises(DomainError, match="5日前"):
        candidates_publish(actor=staff, election=election, on=election.election_day - dt.timedelta(days=4))
    assert Election.objects.get().candidates_published_at is None
    candidates_publish(actor=staff, election=election)
    assert Election.objects.get().candidates_published_at is not None


def test_a_box_returning_more_ballots_than_it_issued_is_refused_and_nothing_changes(world):
    _published(world)
    poll = poll_open(
        actor=world["staff"],
        election=world["election"],
        kind=PollKind.FIRST,
        held_on=TODAY,
        meeting_place="村委会大院",
    )
    box = box_add(actor=world["staff"], poll=poll, kind="mobile", place="三组流动票箱", staff="张三、李四")
    before = counts()
    with pytest.raises(DomainError, match="收回的选票（11张）多于发出的选票（10张）"):
        box_paper_record(actor=world["staff"], box=box, issued=10, returned=11, spoiled=0)
    with pytest.raises(DomainError, match="无效票"):
        box_paper_record(actor=world["staff"], box=box, issued=10, returned=5, spoiled=6)
    assert counts() == before


def test_the_double_entry_is_blind_shows_every_disagreement_and_refuses_one_clerk_the_same_clerk_and_too_many_votes(
    world,
):
    a, b, c = _published(world)
    staff, clerk, voters = world["staff"], world["clerk"], world["voters"]
    poll = poll_open(
        actor=staff,
        election=world["election"],
        kind=PollKind.FIRST,
        held_on=TODAY,
        meeting_place="村委会大院",
    )
    box = box_add(actor=staff, poll=poll, kind="central", place="村委会大院", staff="王会计")
    box_paper_record(actor=staff, box=box, issued=10, returned=9, spoiled=1)
    before = counts()
    with pytest.raises(DomainError, match="多于这个票箱的有效票"):
        sheet_enter(actor=staff, box=box, votes={a.pk: 9, b.pk: 1, c.pk: 0})
    assert counts() == before
    first = sheet_enter(actor=staff, box=box, votes={a.pk: 7, b.pk: 5, c.pk: 2})
    assert sheet_visible(staff, first)
    assert not sheet_visible(clerk, first)
    before = counts()
    with pytest.raises(Conflict, match="同一人不能录入两次"):
        sheet_enter(actor=staff, box=box, votes={a.pk: 7, b.pk: 5, c.pk: 2})
    with pytest.raises(DomainError, match="只有一位录入员"):
        poll_sign_off(actor=staff, poll=poll, scrutineers=voters[6:8])
    assert counts() == before
    second = sheet_enter(actor=clerk, box=box, votes={a.pk: 7, b.pk: 6, c.pk: 2})
    assert sheet_visible(clerk, first)
    assert box_disagreements(box) == [(b.pk, 5, 6)]
    before = counts()
    with pytest.raises(DomainError, match="不一致"):
        poll_sign_off(actor=staff, poll=poll, scrutineers=voters[6:8])
    with pytest.raises(DomainError, match="只能更正自己的录入"):
        sheet_correct(actor=staff, sheet=second, votes={a.pk: 7, b.pk: 5, c.pk: 2})
    assert counts() == before
    sheet_correct(actor=clerk, sheet=second, votes={a.pk: 7, b.pk: 5, c.pk: 2})
    assert box_disagreements(box) == []
    assert AuditEvent.objects.filter(verb="elections.count_corrected").count() == 1
    with pytest.raises(DomainError, match="候选人选民甲不能担任监票人"):
        poll_sign_off(actor=staff, poll=poll, scrutineers=[voters[0], voters[6]])
    poll = poll_sign_off(actor=staff, poll=poll, scrutineers=voters[6:8])
    # 9 of 10 voted; 7 and 5 of 9 are majorities: both seats filled, a woman (选民丙) not among them.
    assert poll.result["valid"]
    assert poll.result["elected"] == [a.pk, b.pk]
    assert poll.result["unfilled"] == 0
    assert poll.result["without_woman"] is True


def test_an_unfilled_seat_goes_to_a_second_round_and_the_committee_flows_into_the_bodies(world):
    a, b, c = _published(world)
    staff, voters, election, areas = world["staff"], world["voters"], world["election"], world["areas"]
    committee = body_create(actor=staff, area=areas["village"], kind=BodyKind.COMMITTEE)
    old = membership_add(
        actor=staff,
        body=committee,
        resident=voters[9].resident,
        post=Post.CHAIR,
        started_on=TODAY - dt.timedelta(days=1000),
        term="第十届",
    )
    poll = poll_open(
        actor=staff, election=election, kind=PollKind.FIRST, held_on=TODAY, meeting_place="村委会大院"
    )
    _count(world, poll, {a.pk: 8, b.pk: 4, c.pk: 4})
    poll = poll_sign_off(actor=staff, poll=poll, scrutineers=voters[6:8])
    assert poll.result["elected"] == [a.pk]
    assert poll.result["unfilled"] == 1
    poll_announce(actor=staff, poll=poll)
    poll_open(actor=staff, election=election, kind=PollKind.SECOND, held_on=TODAY, meeting_place="村委会大院")
    with pytest.raises(DomainError, match="另行选举的结果"):
        result_file(actor=staff, election=election)
    second = Poll.objects.get(kind=PollKind.SECOND)
    # The second round counts those not elected only; a third of 9 (3) is enough.
    _count(world, second, {b.pk: 3, c.pk: 5})
    second = poll_sign_off(actor=staff, poll=second, scrutineers=voters[6:8])
    assert second.result["elected"] == [c.pk]
    assert second.result["elected_all"] == [a.pk, c.pk]
    assert second.result["without_woman"] is False  # 选民丙 is a woman
    poll_announce(actor=staff, poll=second)
    result_file(actor=staff, election=election)
    installed = committee_install(
        actor=staff, election=election, posts={a.pk: Post.CHAIR, c.pk: Post.MEMBER}, started_on=TODAY
    )
    assert {(m.resident_id, m.post, m.term) for m in installed} == {
        (voters[0].resident_id, Post.CHAIR, "第十一届"),
        (voters[2].resident_id, Post.MEMBER, "第十一届"),
    }
    old.refresh_from_db()
    assert old.ended_on == TODAY - dt.timedelta(days=1)


def test_a_recall_needs_a_fifth_of_the_roll_and_the_recalled_member_leaves(world):
    staff, voters, election, areas = world["staff"], world["voters"], world["election"], world["areas"]
    committee = body_create(actor=staff, area=areas["village"], kind=BodyKind.COMMITTEE)
    member = membership_add(
        actor=staff,
        body=committee,
        resident=voters[9].resident,
        post=Post.MEMBER,
        started_on=TODAY - dt.timedelta(days=400),
    )
    before = counts()
    with pytest.raises(DomainError, match="联名人数不足"):
        recall_propose(
            actor=staff,
            election=election,
            membership=member,
            reason="长期不履职",
            supporters=voters[:1],
            proposed_on=TODAY,
        )
    assert counts() == before
    recall = recall_propose(
        actor=staff,
        election=election,
        membership=member,
        reason="长期不履职",
        supporters=voters[:2],
        proposed_on=TODAY,
    )
    poll = poll_open(
        actor=staff,
        election=election,
        kind=PollKind.RECALL,
        recall=recall,
        held_on=TODAY,
        meeting_place="村委会大院",
    )
    _count(world, poll, {None: 5})
    poll = poll_sign_off(actor=staff, poll=poll, scrutineers=voters[6:8])
    assert poll.result["valid"]
    assert poll.result["recalled"]
    poll_announce(actor=staff, poll=poll)
    assert Membership.objects.get(pk=member.pk).ended_on == TODAY
