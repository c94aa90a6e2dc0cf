"""Casting a ballot: once per eligible voter, only while the box is open, results only after the close."""

import datetime as dt
from fractions import Fraction

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.ballots.actions import (
    Quorum,
    ballot_box_close,
    ballot_box_open,
    ballot_boxes_close_due,
    ballot_cast,
)
from gongzhi.ballots.models import Ballot, BallotBox, Eligibility, Participation
from gongzhi.ballots.selectors import (
    ballot_box_invariant,
    ballot_box_receipts,
    ballot_box_results,
    ballot_receipt_included,
    receipt_fingerprint,
    receipt_hash,
)
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.core.periodic import periodic_jobs_run

from .conftest import QUESTIONS, YES

pytestmark = pytest.mark.django_db


def state(box) -> tuple:
    """Everything a cast could change."""
    return (
        Participation.objects.filter(box=box).count(),
        sorted((str(b.id), b.filled, str(b.answers), b.receipt_hash) for b in Ballot.objects.filter(box=box)),
        AuditEvent.objects.count(),
        BallotBox.objects.filter(pk=box.pk).values_list("closed_at", flat=True).get(),
    )


def test_opening_fixes_the_voters_and_makes_one_empty_slot_each(open_box, voters):
    box = open_box()
    assert set(Eligibility.objects.filter(box=box).values_list("user_id", flat=True)) == {
        v.pk for v in voters
    }
    assert Ballot.objects.filter(box=box, filled=False).count() == len(voters)
    event = AuditEvent.objects.get(verb="ballot.box_opened")
    assert event.summary["eligible"] == len(voters)


def test_a_voter_casts_once_and_gets_a_receipt_that_checks(open_box, voters):
    box = open_box()
    done = ballot_cast(actor=voters[0], box=box, answers=YES)
    assert done.receipt
    assert len(done.receipt) == 19
    assert not done.already_counted
    filled = Ballot.objects.get(box=box, filled=True)
    assert filled.answers == YES
    assert filled.receipt_hash == receipt_hash(done.receipt) != done.receipt
    assert ballot_receipt_included(box, done.receipt.lower().replace("-", " "))
    assert not ballot_receipt_included(box, "0000-0000-0000-0000")
    assert Participation.objects.filter(box=box, user=voters[0]).exists()
    assert ballot_box_invariant(box)["ok"]


def test_a_second_ballot_is_refused_and_changes_nothing(open_box, voters):
    box = open_box()
    ballot_cast(actor=voters[0], box=box, answers=YES)
    before = state(box)
    with pytest.raises(Conflict) as refused:
        ballot_cast(actor=voters[0], box=box, answers={"road": "against", "chair": "incompetent"})
    assert refused.value.code == "already_voted"
    assert "只能投一票" in refused.value.message
    assert state(box) == before


def test_a_retry_with_the_same_key_is_already_counted_and_another_key_is_refused(open_box, voters):
    box = open_box()
    first = ballot_cast(actor=voters[0], box=box, answers=YES, key="k-1")
    before = state(box)
    again = ballot_cast(actor=voters[0], box=box, answers=YES, key="k-1")
    assert again.already_counted
    assert again.receipt is None
    assert first.receipt
    with pytest.raises(Conflict):
        ballot_cast(actor=voters[0], box=box, answers=YES, key="k-2")
    with pytest.raises(Conflict):
        ballot_cast(actor=voters[0], box=box, answers=YES)
    assert state(box) == before


def test_someone_not_eligible_may_not_vote(open_box, users):
    box = open_box()
    before = state(box)
    for outsider in (users["community_staff"], users["volunteer"], users["other_staff"], users["nobody"]):
        with pytest.raises(NotPermitted) as refused:
            ballot_cast(actor=outsider, box=box, answers=YES)
        assert "名单" in refused.value.message
    assert state(box) == before


def test_no_ballot_before_the_box_opens_or_after_it_closes(open_box, voters, users):
    early = open_box(opens_at=timezone.now() + dt.timedelta(hours=2))
    before = state(early)
    with pytest.raises(DomainError) as refused:
        ballot_cast(actor=voters[0], box=early, answers=YES)
    assert refused.value.code == "ballot_not_open"
    assert "尚未开始" in refused.value.message
    assert state(early) == before

    box = open_box()
    ballot_box_close(actor=users["community_staff"], box=box)
    before = state(box)
    with pytest.raises(DomainError) as refused:
        ballot_cast(actor=voters[1], box=box, answers=YES)
    assert refused.value.code == "ballot_closed"
    assert "已经结束" in refused.value.message
    assert state(box) == before


def test_past_its_time_a_box_takes_no_ballot_and_the_periodic_job_closes_it(open_box, voters):
    box = open_box()
    ballot_cast(actor=voters[0], box=box, answers=YES)
    BallotBox.objects.filter(pk=box.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2), closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    box.refresh_from_db()
    with pytest.raises(DomainError, match="已经结束"):
        ballot_cast(actor=voters[1], box=box, answers=YES)
    assert periodic_jobs_run()["ballots.close_due"] == 1
    assert ballot_boxes_close_due() == 0  # idempotent
    box.refresh_from_db()
    assert box.closed_at is not None
    closed = AuditEvent.objects.get(verb="ballot.box_closed")
    assert closed.actor_id is None
    assert closed.summary["participated"] == 1
    assert ballot_box_results(box).filled == 1


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"road": "for"}, "请对「对村委会主任的评议」作出选择"),
        ({"road": "maybe", "chair": "competent"}, "选项无效"),
        ({**YES, "extra": "for"}, "没有的问题"),
        ("for", "请对每个问题作出选择"),
    ],
)
def test_a_bad_ballot_is_refused_with_a_message_and_changes_nothing(open_box, voters, answers, message):
    box = open_box()
    before = state(box)
    with pytest.raises(DomainError, match=message):
        ballot_cast(actor=voters[0], box=box, answers=answers)
    assert state(box) == before


def test_results_exist_only_after_the_close_and_add_up(open_box, voters, users):
    box = open_box()
    choices = ["for", "for", "against", "abstain", "for"]
    receipts = [
        ballot_cast(actor=v, box=box, answers={"road": c, "chair": "competent"}).receipt
        for v, c in zip(voters, choices, strict=False)
    ]
    with pytest.raises(NotFound):
        ballot_box_results(box)
    with pytest.raises(NotFound):
        ballot_box_receipts(box)
    with pytest.raises(NotPermitted):
        ballot_box_close(actor=users["party_member"], box=box)
    ballot_box_close(actor=users["community_staff"], box=box)
    box.refresh_from_db()
    results = ballot_box_results(box)
    road = results.questions[0]
    assert [(k, n) for k, _label, n in road.counts] == [("for", 3), ("against", 1), ("abstain", 1)]
    assert results.participated == results.filled == road.total == 5
    assert results.eligible == len(voters)
    assert results.valid  # no quorum asked
    listed = ballot_box_receipts(box)
    assert listed == sorted(receipt_fingerprint(receipt_hash(r)) for r in receipts)
    assert all(r not in " ".join(listed) for r in receipts)
    with pytest.raises(DomainError, match="已经结束"):
        ballot_box_close(actor=users["community_staff"], box=box)


def test_a_quorate_evaluation_needs_its_share_of_the_evaluators(open_box, voters, users):
    box = open_box(quorum=Quorum(Fraction(2, 3), inclusive=True), purpose="evaluation")
    for voter in voters[:6]:  # 6 of 10: short of 2/3 (7)
        ballot_cast(actor=voter, box=box, answers=YES)
    ballot_box_close(actor=users["community_staff"], box=box)
    box.refresh_from_db()
    results = ballot_box_results(box)
    assert not results.valid
    assert results.turnout.needed == 7
    assert "不足法定人数" in results.turnout.reason
    assert AuditEvent.objects.get(verb="ballot.box_closed").summary["quorate"] is False


def test_a_feature_opens_and_closes_with_its_own_permission(users, areas, voters, monkeypatch):
    import rules

    rules.add_perm("ballots_test.decide", rules.is_authenticated & rules.predicate(lambda u, o: o == "mine"))
    try:
        with pytest.raises(NotPermitted):
            ballot_box_open(actor=users["party_member"], area=areas["village"], title="议题", questions=QUESTIONS,
                            voters=voters, closes_at=timezone.now() + dt.timedelta(hours=1),
                            perm="ballots_test.decide", perm_obj="theirs")  # fmt: skip
        box = ballot_box_open(
            actor=users["party_member"], area=areas["village"], title="议题", questions=QUESTIONS, voters=voters,
            closes_at=timezone.now() + dt.timedelta(hours=1), perm="ballots_test.decide", perm_obj="mine",
            owner=("somefeature", "item", 42), purpose="meeting_item",
        )  # fmt: skip
        assert (box.owner_app, box.owner_model, box.owner_id, box.manage_perm) == (
            "somefeature", "item", 42, "ballots_test.decide",
        )  # fmt: skip
        with pytest.raises(NotPermitted):
            ballot_box_close(actor=users["community_staff"], box=box, perm_obj="theirs")
        ballot_box_close(actor=users["party_member"], box=box, perm_obj="mine")
    finally:
        rules.remove_perm("ballots_test.decide")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": " "}, "请填写投票事项"),
        ({"questions": []}, "至少设置一个投票问题"),
        ({"questions": [{"key": "q", "text": "问题", "options": [{"key": "a", "label": "甲"}]}]}, "应有2至"),
        ({"questions": [QUESTIONS[0], QUESTIONS[0]]}, "问题代码不能重复"),
        ({"questions": [{"key": "问", "text": "问题", "options": QUESTIONS[0]["options"]}]}, "英文字母"),
        ({"voters": []}, "投票人名单为空"),
        ({"closes_in": dt.timedelta(minutes=-5)}, "截止时间应晚于"),
        ({"quorum": Quorum(Fraction(3, 2))}, "法定比例"),
    ],
)
def test_a_bad_box_is_refused_with_a_message_and_nothing_is_written(open_box, change, message):
    change = dict(change)
    who = change.pop("voters", None)
    boxes, events = BallotBox.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainError, match=message):
        open_box(who=who, **change)
    assert (BallotBox.objects.count(), AuditEvent.objects.count()) == (boxes, events)


def test_only_staff_over_the_community_open_a_box_with_the_kernels_permission(users, areas, voters):
    for actor in ("resident", "party_member", "supervisor", "other_staff"):
        with pytest.raises(NotPermitted):
            ballot_box_open(actor=users[actor], area=areas["village"], title="议题", questions=QUESTIONS,
                            voters=voters, closes_at=timezone.now() + dt.timedelta(hours=1))  # fmt: skip
    assert not BallotBox.objects.exists()
