"""The meeting record PDF (its text: the roll, the quorum verdict and law, each result, the witness, the
minutes, no ID numbers), the whole meeting counted from the register, and the board of representatives'
meetings due quarterly (overdue, upcoming, never ranked)."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import body_create
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.meetings.actions import (
    AgendaEntry,
    RollMark,
    meeting_agenda_vote,
    meeting_minutes_record,
    meeting_record,
    meeting_roll_close,
    meeting_roll_mark,
    meeting_witness_name,
    meeting_witness_sign,
)
from gongzhi.meetings.models import Meeting
from gongzhi.meetings.printing import meeting_record_pdf
from gongzhi.meetings.selectors import meeting_board_for
from tests.hall.pdf_text import pdf_text
from tests.meetings.conftest import URGENT, convene_today

TODAY = timezone.localdate


def _hold(staff, meeting, present):
    lines = list(meeting.roll.order_by("id"))
    marks = [RollMark(m.pk, "present" if i < present else "absent") for i, m in enumerate(lines)]
    meeting_roll_mark(actor=staff, meeting=meeting, marks=marks)
    return meeting_roll_close(actor=staff, meeting=meeting)


def test_the_record_pdf_holds_the_roll_the_quorum_each_result_the_witness_and_the_minutes(
    staff, users, village
):
    meeting = _hold(staff, convene_today(staff, village["representatives"]), present=8)
    meeting_agenda_vote(actor=staff, agenda_item=meeting.agenda.get(number=1), in_favour=6, against=2)
    meeting_witness_name(actor=staff, meeting=meeting, resident=village["监委甲"])
    meeting_witness_sign(actor=users["supervisor"], meeting=meeting, note="程序合规")
    meeting_minutes_record(actor=staff, meeting=meeting, minutes="王主任主持。村道方案获通过。")
    meeting = Meeting.objects.get(pk=meeting.pk)
    text = pdf_text(meeting_record_pdf(actor=users["supervisor"], meeting=meeting))
    for expected in (
        "村民代表会议", "村委会会议室", "应提前", URGENT, "应到", "实到",
        "符合法定人数", "村民委员会组织法第二十六条", "修建村道", "通过", "须过半数即至少",
        "代表一", "监委甲", "程序合规", "王主任主持", "未表决",
    ):  # fmt: skip
        assert expected in text, expected
    assert (
        "****" not in text
    )  # no ID number, not even masked (pdf_text reads digits poorly: no digits asserted)
    assert AuditEvent.objects.filter(verb="meeting.record_printed").count() == 1


def test_only_those_who_read_the_roll_print_the_record(users, staff, village):
    meeting = convene_today(staff, village["representatives"])
    with pytest.raises(NotPermitted):
        meeting_record_pdf(actor=village["代表一"].user, meeting=meeting)
    assert not AuditEvent.objects.filter(verb="meeting.record_printed").exists()


def test_a_whole_villagers_meeting_is_counted_from_the_register(staff, village, areas, make_resident):
    assembly = body_create(actor=staff, area=areas["village"], kind="assembly")
    meeting = convene_today(staff, assembly, agenda=[AgendaEntry("修订村规民约")])
    adults = meeting.adults
    assert adults == 11
    assert meeting.roll.count() == 0
    with pytest.raises(DomainError) as refused:
        meeting_roll_mark(actor=staff, meeting=meeting, marks=[])
    assert "按人数点名" in refused.value.message
    with pytest.raises(DomainError) as refused:
        meeting_roll_close(actor=staff, meeting=meeting)
    assert "请填写实到人数" in refused.value.message
    with pytest.raises(DomainError):
        meeting_roll_close(actor=staff, meeting=meeting, present=adults + 1)
    assert Meeting.objects.get(pk=meeting.pk).state == "convened"
    held = meeting_roll_close(actor=staff, meeting=meeting, present=6)
    assert (held.present, held.quorate) == (6, True)  # more than half of 11
    vote = meeting_agenda_vote(actor=staff, agenda_item=held.agenda.get(), in_favour=4, against=2)
    assert vote.passed


def test_the_board_shows_overdue_representatives_meetings_and_upcoming_ones_without_ranking(
    staff, users, village, areas
):
    representatives = village["representatives"]
    registered_long_ago = representatives.created_at - dt.timedelta(days=800)
    type(representatives).objects.filter(pk=representatives.pk).update(created_at=registered_long_ago)
    rows = {r.community.name: r for r in meeting_board_for(viewer=users["township_admin"])}
    assert list(rows) == ["青山村", "东街社区"]  # the area tree's order, never a ranking
    assert rows["青山村"].status.overdue
    assert rows["东街社区"].representatives is None
    # A representatives' meeting recorded in one go last quarter counts, if it was quorate.
    last_quarter = TODAY().replace(day=1) - dt.timedelta(days=95)
    meeting_record(
        actor=staff, area=areas["village"], body_kind="village_representatives_meeting",
        held_on=last_quarter, members=9, present=7,
    )  # fmt: skip
    rows = {r.community.name: r for r in meeting_board_for(viewer=users["township_admin"])}
    assert not rows["青山村"].status.overdue
    upcoming = convene_today(staff, representatives)
    rows = {r.community.name: r for r in meeting_board_for(viewer=users["community_staff"])}
    assert list(rows) == ["青山村"]
    assert rows["青山村"].upcoming == [upcoming]
    assert meeting_board_for(viewer=users["resident"]) == []
