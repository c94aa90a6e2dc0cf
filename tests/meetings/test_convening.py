"""Convening and holding a body's meeting (gongzhi/meetings/actions/convening.py): the notice's lead time and
urgency, the roll from the body, proxies, the quorum before any vote, verdicts per majority, the witness, the
minutes and closing; every refusal with a Chinese message and nothing changed; audit rows; notices."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.meetings.actions import (
    AgendaEntry,
    ItemVote,
    RollMark,
    meeting_agenda_vote,
    meeting_cancel,
    meeting_close,
    meeting_convene,
    meeting_item_confirm,
    meeting_item_vote_record,
    meeting_minutes_record,
    meeting_roll_close,
    meeting_roll_mark,
    meeting_witness_name,
    meeting_witness_sign,
)
from gongzhi.meetings.models import (
    Meeting,
    MeetingAgendaItem,
    MeetingItem,
    MeetingMember,
    MeetingState,
    MeetingVote,
)
from gongzhi.meetings.selectors import meeting_get_for, meeting_list_for
from gongzhi.notices.models import Notice
from tests.meetings.conftest import URGENT, convene_today

TODAY = timezone.localdate


def _snapshot():
    return (
        Meeting.objects.count(),
        MeetingMember.objects.count(),
        MeetingAgendaItem.objects.count(),
        MeetingItem.objects.count(),
        MeetingVote.objects.count(),
        AuditEvent.objects.filter(verb__startswith="meeting.").count(),
        Notice.objects.count(),
    )


def _mark_all(staff, meeting, present: int, **proxy):
    lines = list(meeting.roll.order_by("id"))
    marks = [RollMark(m.pk, "present" if i < present else "absent") for i, m in enumerate(lines)]
    return meeting_roll_mark(actor=staff, meeting=meeting, marks=marks)


# --- The notice --------------------------------------------------------------------------------


def test_a_representatives_meeting_in_time_needs_no_reason_and_tells_the_members_with_accounts(
    staff, village
):
    held_on = TODAY() + dt.timedelta(days=3)
    meeting = meeting_convene(
        actor=staff, body=village["representatives"], held_on=held_on, place="村委会",
        agenda=[AgendaEntry("2027年村级项目计划")], urgency_reason="不需要的理由",
    )  # fmt: skip
    assert meeting.state == MeetingState.CONVENED
    assert (meeting.notice_days, meeting.urgency_reason) == (3, "")
    # The roll: the committee's 3 and the 6 representatives (村民委员会组织法 art. 25), named, none marked.
    assert meeting.members == 9
    assert meeting.roll.count() == 9
    assert not meeting.roll.filter(present=True).exists()
    assert list(meeting.agenda.values_list("number", "title", "majority")) == [
        (1, "2027年村级项目计划", "present")
    ]
    notice = Notice.objects.get(recipient=village["代表一"].user)
    assert "会议通知" in notice.title
    assert "2027年村级项目计划" in notice.body
    assert AuditEvent.objects.filter(verb="meeting.convened").count() == 1


def test_a_villagers_meeting_needs_ten_days_notice_or_an_urgency_reason(staff, village, areas):
    from gongzhi.bodies.actions import body_create

    assembly = body_create(actor=staff, area=areas["village"], kind="assembly")
    before = _snapshot()
    with pytest.raises(DomainError) as refused:
        meeting_convene(
            actor=staff, body=assembly, held_on=TODAY() + dt.timedelta(days=9), place="村小操场",
            agenda=[AgendaEntry("修订村规民约")],
        )  # fmt: skip
    assert "不足10天" in refused.value.message
    assert "村民委员会组织法第二十一条" in refused.value.message
    assert refused.value.field == "urgency_reason"
    assert _snapshot() == before
    in_time = meeting_convene(
        actor=staff, body=assembly, held_on=TODAY() + dt.timedelta(days=10), place="村小操场",
        agenda=[AgendaEntry("修订村规民约")],
    )  # fmt: skip
    assert in_time.notice_days == 10
    assert "第二十一条" in in_time.notice_law
    # The whole meeting is counted from the register, not named.
    assert in_time.members is None
    assert in_time.adults
    assert in_time.roll.count() == 0
    urgent = meeting_convene(
        actor=staff, body=assembly, held_on=TODAY() + dt.timedelta(days=2), place="村小操场",
        agenda=[AgendaEntry("抢修河堤")], urgency_reason=URGENT,
    )  # fmt: skip
    assert urgent.urgency_reason == URGENT


def test_a_body_may_not_set_a_lead_time_below_the_statutes(staff, village, areas):
    from gongzhi.bodies.actions import body_create

    assembly = body_create(actor=staff, area=areas["village"], kind="assembly")
    assembly.notice_days = 3
    assembly.save(update_fields=["notice_days"])
    with pytest.raises(DomainError):
        meeting_convene(
            actor=staff, body=assembly, held_on=TODAY() + dt.timedelta(days=5), place="村小操场",
            agenda=[AgendaEntry("修订村规民约")],
        )  # fmt: skip
    committee = village["committee"]
    committee.notice_days = 5
    committee.save(update_fields=["notice_days"])
    with pytest.raises(DomainError) as refused:
        meeting_convene(
            actor=staff, body=committee, held_on=TODAY() + dt.timedelta(days=4), place="村委会",
            agenda=[AgendaEntry("分工")],
        )  # fmt: skip
    assert "不足5天" in refused.value.message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"held_on": None}, "请填写会议日期"),
        ({"place": " "}, "请填写会议地点"),
        ({"agenda": []}, "请至少列出一项议程"),
        ({"agenda": [AgendaEntry("议题", majority="nine_tenths")]}, "未知的通过条件"),
        ({"agenda": [AgendaEntry("议题", method="by_acclamation")]}, "未知的表决方式"),
    ],
)
def test_bad_notices_are_refused_with_nothing_changed(staff, village, change, message):
    before = _snapshot()
    with pytest.raises(DomainError) as refused:
        convene_today(staff, village["representatives"], **change)
    assert message in refused.value.message
    assert _snapshot() == before


def test_only_the_communitys_staff_convene(users, village):
    before = _snapshot()
    for who in ("supervisor", "township_admin", "resident", "other_staff"):
        with pytest.raises(NotPermitted):
            convene_today(users[who], village["representatives"])
    assert _snapshot() == before


# --- The roll and the quorum ---------------------------------------------------------------------


def test_no_vote_before_the_roll_shows_a_quorum_and_nothing_is_stored(staff, village):
    meeting = convene_today(staff, village["representatives"])
    item = meeting.agenda.get(number=1)
    before = _snapshot()
    with pytest.raises(DomainError) as refused:
        meeting_agenda_vote(actor=staff, agenda_item=item, in_favour=9)
    assert "请先点名" in refused.value.message
    assert _snapshot() == before
    # 5 of 9 is short of two thirds: held without quorum, and still no vote.
    _mark_all(staff, meeting, present=5)
    held = meeting_roll_close(actor=staff, meeting=meeting)
    assert (held.state, held.quorate, held.present, held.members) == ("held", False, 5, 9)
    assert "不足法定人数" in held.quorum_reason
    before = _snapshot()
    with pytest.raises(DomainError) as refused:
        meeting_agenda_vote(actor=staff, agenda_item=item, in_favour=5)
    assert "不足法定人数" in refused.value.message
    assert _snapshot() == before
    # It can be followed by a new one.
    again = convene_today(staff, village["representatives"], follows=held)
    assert again.follows_id == held.pk


def test_the_roll_must_be_marked_in_full_before_it_closes(staff, village):
    meeting = convene_today(staff, village["representatives"])
    first = meeting.roll.order_by("id").first()
    meeting_roll_mark(actor=staff, meeting=meeting, marks=[RollMark(first.pk, "present")])
    with pytest.raises(DomainError) as refused:
        meeting_roll_close(actor=staff, meeting=meeting)
    assert "还有8人未点名" in refused.value.message
    assert Meeting.objects.get(pk=meeting.pk).state == "convened"


def test_proxies_are_refused_where_the_body_does_not_allow_them(staff, village):
    meeting = convene_today(staff, village["representatives"])
    line = meeting.roll.order_by("id").first()
    before = _snapshot()
    with pytest.raises(DomainError) as refused:
        meeting_roll_mark(
            actor=staff, meeting=meeting, marks=[RollMark(line.pk, "proxy", proxy_name="王小二")]
        )
    assert "不允许委托" in refused.value.message
    assert _snapshot() == before
    assert MeetingMember.objects.get(pk=line.pk).attendance == ""


def test_a_proxy_is_another_person_and_counts_once(staff, village):
    body = village["representatives"]
    body.proxies_allowed = True
    body.save(update_fields=["proxies_allowed"])
    meeting = convene_today(staff, body)
    lines = list(meeting.roll.order_by("id"))
    with pytest.raises(DomainError) as refused:
        meeting_roll_mark(actor=staff, meeting=meeting, marks=[
            RollMark(lines[0].pk, "proxy", proxy_name="王小二"), RollMark(lines[1].pk, "proxy", proxy_name="王小二"),
        ])  # fmt: skip
    assert "只能受一人委托" in refused.value.message
    with pytest.raises(DomainError) as refused:
        meeting_roll_mark(
            actor=staff, meeting=meeting, marks=[RollMark(lines[0].pk, "proxy", proxy_name=lines[1].name)]
        )
    assert "本人也在应到名单上" in refused.value.message
    assert not MeetingMember.objects.filter(meeting=meeting).exclude(attendance="").exists()
    marks = [
        RollMark(lines[0].pk, "proxy", proxy_name="王小二"),
        RollMark(lines[1].pk, "present", online=True),
    ]
    marks += [RollMark(m.pk, "present") for m in lines[2:6]] + [RollMark(m.pk, "absent") for m in lines[6:]]
    meeting_roll_mark(actor=staff, meeting=meeting, marks=marks)
    held = meeting_roll_close(actor=staff, meeting=meeting)
    # 5 in person (one online) and 1 by proxy: 6 of 9, exactly two thirds.
    assert (held.present, held.quorate) == (6, True)
    assert MeetingMember.objects.get(pk=lines[1].pk).online


# --- Votes and verdicts ---------------------------------------------------------------------------


@pytest.fixture
def held(staff, village):
    meeting = convene_today(
        staff, village["representatives"],
        agenda=[
            AgendaEntry("修建村道"),
            AgendaEntry("修订村规民约", method="roll_call"),
            AgendaEntry("处置集体资产", method="secret_ballot", majority="two_thirds_present"),
            AgendaEntry("调整补贴标准", majority="members"),
        ],
    )  # fmt: skip
    _mark_all(staff, meeting, present=7)
    return meeting_roll_close(actor=staff, meeting=meeting)


def test_verdicts_follow_each_items_majority(staff, held):
    hands = meeting_agenda_vote(actor=staff, agenda_item=held.agenda.get(number=1), in_favour=4, against=3)
    assert (hands.passed, hands.number) == (True, 1)  # 4 of 7 present: more than half
    ballot = meeting_agenda_vote(actor=staff, agenda_item=held.agenda.get(number=3), in_favour=4, against=3)
    assert not ballot.passed
    assert "三分之二" in ballot.vote_reason
    members = meeting_agenda_vote(actor=staff, agenda_item=held.agenda.get(number=4), in_favour=5, against=2)
    assert members.passed
    assert "应到9人" in members.vote_reason
    assert AuditEvent.objects.filter(verb="meeting.item_voted").count() == 3
    with pytest.raises(Conflict):
        meeting_agenda_vote(actor=staff, agenda_item=held.agenda.get(number=1), in_favour=7)


def test_a_roll_call_records_the_named_votes_of_those_present(staff, held):
    item = held.agenda.get(number=2)
    present = list(held.roll.filter(present=True).order_by("id"))
    absent = held.roll.filter(present=False).first()
    before = _snapshot()
    with pytest.raises(DomainError):
        meeting_agenda_vote(actor=staff, agenda_item=item, votes={absent.pk: "for"})
    with pytest.raises(DomainError):
        meeting_agenda_vote(actor=staff, agenda_item=item, in_favour=7)
    assert _snapshot() == before
    votes = {m.pk: "for" for m in present[:5]} | {present[5].pk: "against", present[6].pk: "abstain"}
    vote = meeting_agenda_vote(actor=staff, agenda_item=item, votes=votes)
    assert (vote.in_favour, vote.against, vote.abstaining, vote.passed) == (5, 1, 1, True)
    assert vote.votes.count() == 7


def test_counts_are_confirmed_by_a_second_person_before_the_meeting_closes(staff, users, held, make_resident):
    from gongzhi.accounts.roles import Role
    from tests.conftest import make_user

    hands = meeting_agenda_vote(actor=staff, agenda_item=held.agenda.get(number=1), in_favour=6, against=1)
    meeting_minutes_record(actor=staff, meeting=held, minutes="会议由王主任主持，审议了村道修建方案。")
    with pytest.raises(DomainError) as refused:
        meeting_close(actor=staff, meeting=held)
    assert "第二人复核" in refused.value.message
    with pytest.raises(DomainError):
        meeting_item_confirm(actor=staff, item=hands)
    second = make_user("second_staff", Role.COMMUNITY_STAFF, held.area)
    meeting_item_confirm(actor=second, item=hands)
    closed = meeting_close(actor=staff, meeting=held)
    assert closed.state == "closed"
    assert closed.closed_at is not None
    assert AuditEvent.objects.filter(verb="meeting.closed").count() == 1


def test_a_meeting_closes_only_with_its_minutes(staff, held):
    with pytest.raises(DomainError) as refused:
        meeting_close(actor=staff, meeting=held)
    assert "请先填写会议记录" in refused.value.message
    assert Meeting.objects.get(pk=held.pk).state == "held"


def test_the_one_go_vote_of_the_recording_module_is_refused_for_a_convened_meeting(staff, held):
    with pytest.raises(DomainError):
        meeting_item_vote_record(actor=staff, meeting=held, item=ItemVote("临时动议", in_favour=7))
    assert not held.items.exists()


# --- The witness ------------------------------------------------------------------------------------


def test_a_supervisory_committee_member_witnesses_and_signs_as_themselves(staff, users, village, held):
    before = _snapshot()
    with pytest.raises(DomainError) as refused:
        meeting_witness_name(actor=staff, meeting=held, resident=village["王主任"])
    assert "监督委员会的现任成员" in refused.value.message
    with pytest.raises(DomainError) as refused:
        meeting_witness_name(actor=staff, meeting=held, resident=village["监委乙"])
    assert "还没有账号" in refused.value.message
    assert _snapshot() == before
    meeting_witness_name(actor=staff, meeting=held, resident=village["监委甲"])
    assert Notice.objects.filter(recipient=users["supervisor"], title__contains="请见证会议").exists()
    with pytest.raises(NotPermitted):
        meeting_witness_sign(actor=staff, meeting=held)
    signed = meeting_witness_sign(actor=users["supervisor"], meeting=held, note="程序合规")
    assert signed.witness_signed_at is not None
    assert signed.witness_note == "程序合规"
    with pytest.raises(Conflict):
        meeting_witness_sign(actor=users["supervisor"], meeting=held)
    assert AuditEvent.objects.filter(verb="meeting.witnessed").count() == 1


# --- Cancelling, and who sees -----------------------------------------------------------------------


def test_a_convened_meeting_is_cancelled_with_a_reason_and_those_told_are_told_again(staff, village):
    meeting = convene_today(staff, village["representatives"])
    with pytest.raises(DomainError):
        meeting_cancel(actor=staff, meeting=meeting, reason="")
    cancelled = meeting_cancel(actor=staff, meeting=meeting, reason="主持人因公外出，改期召开")
    assert cancelled.state == "cancelled"
    assert Notice.objects.filter(recipient=village["代表一"].user, title__contains="会议取消").exists()
    with pytest.raises(DomainError):
        meeting_roll_close(actor=staff, meeting=cancelled)


def test_members_see_the_meetings_they_are_called_to_and_others_do_not(staff, users, village):
    meeting = convene_today(staff, village["representatives"])
    member = village["代表一"].user
    assert meeting_get_for(viewer=member, meeting_id=meeting.pk) == meeting
    assert list(meeting_list_for(viewer=users["supervisor"])) == [meeting]
    assert list(meeting_list_for(viewer=users["township_admin"])) == [meeting]
    for who in ("resident", "other_staff", "party_member", "nobody"):
        assert not meeting_list_for(viewer=users[who]).exists()


def test_no_roll_before_the_meeting_day(staff, village):
    meeting = meeting_convene(
        actor=staff, body=village["representatives"], held_on=TODAY() + dt.timedelta(days=5), place="村委会",
        agenda=[AgendaEntry("议题")],
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        meeting_roll_close(actor=staff, meeting=meeting)
    assert "当天才能点名" in refused.value.message
