"""Each meeting stage of a 四议两公开 decision decided by a meeting convened in gongzhi (gongzhi.meetings): the notice
with its lead time, the roll, the quorum before any vote, the vote taken as the stage's verdict with the stage's
statutory majority; refused (nothing changed) for a meeting short of its quorum, not held, cancelled, of the wrong
body, with unconfirmed show-of-hands counts, or a vote already taken. Recording a meeting in one call is kept only
for paper meetings held on or before the day the matter was registered, with their scanned minutes."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.accounts.actions import api_token_create
from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.models import BodyKind
from gongzhi.core.errors import Conflict, DomainError, NotFound
from gongzhi.meetings.actions import (
    RollMark,
    meeting_agenda_vote,
    meeting_cancel,
    meeting_item_confirm,
    meeting_roll_close,
    meeting_roll_mark,
)
from gongzhi.meetings.models import Meeting, MeetingDocument
from gongzhi.notices.models import Notice
from gongzhi.selfgov.actions.decisions import (
    StageMeeting,
    decision_stage_convene,
    decision_stage_record,
    decision_stage_take,
    decision_start,
    power_list_adopt,
    power_template_install,
)
from gongzhi.selfgov.models import Decision, DecisionStage, PowerItem
from gongzhi.selfgov.selectors.decisions import decision_stage_meetings
from tests.conftest import make_user
from tests.selfgov.decisions_kit import village_bodies

TODAY = timezone.localdate
URGENT = "汛期前须议定仓库出租方案"


@pytest.fixture
def staff(users):
    return users["community_staff"]


@pytest.fixture
def village(staff, users, areas, make_resident):
    def make(name, party=False):
        return make_resident(name=name, political_status="中共党员" if party else "群众")

    return village_bodies(
        staff=staff, community=areas["village"], make=make, supervisor_user=users["supervisor"]
    )


@pytest.fixture
def power(users, staff, areas):
    power_template_install(actor=users["township_admin"], township=areas["township"])
    power_list_adopt(actor=staff, community=areas["village"])
    return {i.code: i for i in PowerItem.objects.filter(area=areas["village"])}


@pytest.fixture
def decision(staff, areas, power, village):
    return decision_start(
        actor=staff, community=areas["village"], title="出租村集体仓库", body="村集体闲置仓库公开出租，租期三年。",
        origin_kind="cadre_proposal", power_item=power["A03"],
    )  # fmt: skip


def _convene(staff, decision, **extra):
    data = {
        "held_on": TODAY(),
        "place": "村委会会议室",
        "urgency_reason": URGENT,
        "method": "roll_call",
    } | extra
    return decision_stage_convene(actor=staff, decision=decision, **data)


def _hold(staff, meeting, present: int, yes: int | None = None):
    """Mark `present` of the roll present, close the roll; with `yes`, vote the agenda item by roll call."""
    lines = list(meeting.roll.order_by("id"))
    meeting_roll_mark(
        actor=staff,
        meeting=meeting,
        marks=[RollMark(m.pk, "present" if i < present else "absent") for i, m in enumerate(lines)],
    )
    meeting = meeting_roll_close(actor=staff, meeting=meeting)
    item = meeting.agenda.get()
    if yes is not None:
        present_lines = [m for m in meeting.roll.order_by("id") if m.present]
        meeting_agenda_vote(
            actor=staff,
            agenda_item=item,
            votes={m.pk: ("for" if i < yes else "against") for i, m in enumerate(present_lines)},
        )
        item.refresh_from_db()
    return meeting, item


def _snapshot(decision):
    return (
        Decision.objects.get(pk=decision.pk).state,
        DecisionStage.objects.filter(decision=decision).count(),
        AuditEvent.objects.filter(verb__startswith="decision.").count(),
    )


def test_each_meeting_stage_is_decided_by_a_convened_meeting(staff, decision, village):
    meeting = _convene(staff, decision)
    assert meeting.body.kind == BodyKind.PARTY_ORG
    assert meeting.state == "convened"
    assert meeting.urgency_reason == URGENT
    assert meeting.agenda.get().title == "党组织提议：出租村集体仓库"
    # the party organisation's members with accounts are told; the decision's history says so
    assert decision.events.filter(verb="convene").exists()
    assert AuditEvent.objects.filter(verb="meeting.convened", target_id=str(meeting.pk)).exists()
    listed = decision_stage_meetings(decision)
    assert listed["waiting"] == [meeting]
    assert not listed["usable"]

    held, item = _hold(staff, meeting, present=3, yes=3)
    assert decision_stage_meetings(decision)["usable"] == [item]
    decision_stage_take(actor=staff, decision=decision, agenda_item=item, opinion="同意提交两委会商议")
    decision.refresh_from_db()
    assert decision.state == "consultation"
    record = DecisionStage.objects.get(decision=decision, stage="proposal")
    assert record.meeting == held
    assert record.item == item.vote
    assert record.passed
    assert AuditEvent.objects.filter(verb="decision.stage_recorded", summary__convened=held.pk).exists()
    # the vote is used: it is no longer offered, and a second take is refused
    assert decision_stage_meetings(decision)["usable"] == []

    for stage, body_kind, present in (
        ("consultation", BodyKind.JOINT, None),
        ("review", BodyKind.PARTY_MEMBERS, None),
        ("resolution", BodyKind.REPRESENTATIVES, None),
    ):
        meeting = _convene(staff, decision)
        assert meeting.body.kind == body_kind, stage
        roll = meeting.roll.count()
        _held, item = _hold(staff, meeting, present=present or roll, yes=present or roll)
        decision_stage_take(actor=staff, decision=decision, agenda_item=item)
    decision.refresh_from_db()
    assert decision.state == "disclosure"
    response = Client()
    response.force_login(staff)
    page = response.get(reverse("selfgov:decision", args=[decision.pk]))
    assert page.status_code == 200
    assert reverse("meetings:detail", args=[held.pk]) in page.content.decode()
    pdf = response.get(reverse("selfgov:decision_register", args=[decision.pk, "proposal"]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_a_meeting_short_of_its_quorum_cannot_decide_the_stage(staff, decision, village):
    meeting = _convene(staff, decision)
    held, item = _hold(staff, meeting, present=1)  # 1 of 3: short of the party organisation's quorum
    assert not held.quorate
    listed = decision_stage_meetings(decision)
    assert listed["short"] == [held]
    assert listed["usable"] == []
    before = _snapshot(decision)
    with pytest.raises(DomainError) as refused:
        decision_stage_take(actor=staff, decision=decision, agenda_item=item)
    assert refused.value.code == "not_quorate"
    assert "法定人数" in refused.value.message
    assert _snapshot(decision) == before
    # called again, with a quorum: the stage is decided
    again = _convene(staff, decision)
    _held, item = _hold(staff, again, present=2, yes=2)
    decision_stage_take(actor=staff, decision=decision, agenda_item=item)
    assert Decision.objects.get(pk=decision.pk).state == "consultation"


def test_refusals_change_nothing(staff, users, areas, decision, village, power):
    meeting = _convene(staff, decision, method="show_of_hands")
    item = meeting.agenda.get()
    before = _snapshot(decision)
    with pytest.raises(DomainError) as refused:  # not held yet
        decision_stage_take(actor=staff, decision=decision, agenda_item=item)
    assert refused.value.code == "meeting_not_held"
    lines = list(meeting.roll.order_by("id"))
    meeting_roll_mark(actor=staff, meeting=meeting, marks=[RollMark(m.pk, "present") for m in lines])
    meeting = meeting_roll_close(actor=staff, meeting=meeting)
    with pytest.raises(DomainError) as refused:  # held, not voted
        decision_stage_take(actor=staff, decision=decision, agenda_item=item)
    assert refused.value.code == "not_voted"
    vote = meeting_agenda_vote(actor=staff, agenda_item=item, in_favour=3)
    with pytest.raises(DomainError) as refused:  # a show of hands not confirmed by a second person
        decision_stage_take(actor=staff, decision=decision, agenda_item=item)
    assert refused.value.code == "not_confirmed"
    assert "第二人" in refused.value.message
    assert _snapshot(decision) == before
    meeting_item_confirm(actor=make_user("second_clerk", Role.COMMUNITY_STAFF, areas["village"]), item=vote)

    # another decision may not take this vote once the first has
    other = decision_start(
        actor=staff, community=areas["village"], title="出租村集体鱼塘", body="村集体鱼塘公开出租，租期五年。",
        origin_kind="cadre_proposal", power_item=power["A03"],
    )  # fmt: skip
    decision_stage_take(actor=staff, decision=decision, agenda_item=item)
    before_other = _snapshot(other)
    with pytest.raises(Conflict):
        decision_stage_take(actor=staff, decision=other, agenda_item=item)
    assert _snapshot(other) == before_other

    # a committee-only meeting is not the joint meeting the consultation needs
    from gongzhi.meetings.actions import AgendaEntry, meeting_convene

    committee = village["bodies"][BodyKind.COMMITTEE]
    wrong = meeting_convene(
        actor=staff, body=committee, held_on=TODAY(), place="村委会", agenda=[AgendaEntry("商议", method="roll_call")],
        urgency_reason=URGENT,
    )  # fmt: skip
    _held, wrong_item = _hold(staff, wrong, present=3, yes=3)
    before = _snapshot(decision)
    with pytest.raises(DomainError) as refused:
        decision_stage_take(actor=staff, decision=decision, agenda_item=wrong_item)
    assert refused.value.code == "wrong_meeting"
    assert "两委" in refused.value.message
    # a cancelled meeting
    cancelled = _convene(staff, decision)
    meeting_cancel(actor=staff, meeting=cancelled, reason="主持人临时外出")
    with pytest.raises(DomainError) as refused:
        decision_stage_take(actor=staff, decision=decision, agenda_item=cancelled.agenda.get())
    assert refused.value.code == "meeting_cancelled"
    assert _snapshot(decision) == before


def test_the_notice_needs_its_lead_time_or_an_urgency_reason(staff, decision, village):
    before = (_snapshot(decision), Meeting.objects.count(), Notice.objects.count())
    with pytest.raises(DomainError) as refused:
        _convene(staff, decision, held_on=TODAY(), urgency_reason="")  # the party organisation: 1 day
    assert refused.value.code == "notice_short"
    assert "紧急召开的理由" in refused.value.message
    assert (_snapshot(decision), Meeting.objects.count(), Notice.objects.count()) == before
    in_time = _convene(staff, decision, held_on=TODAY() + dt.timedelta(days=30), urgency_reason="")
    assert in_time.urgency_reason == ""
    assert in_time.state == "convened"


def test_the_party_members_meeting_needs_more_than_half_of_the_members_due(staff, areas, decision, village):
    """党员大会审议: the agenda may say otherwise, the stage counts by its statutory majority."""
    DecisionStage.objects.filter(decision=decision).delete()
    Decision.objects.filter(pk=decision.pk).update(state="review")
    decision.refresh_from_db()
    meeting = _convene(staff, decision)
    agenda = meeting.agenda.get()
    agenda.majority = "present"  # as if the clerk had planned the lighter majority
    agenda.save(update_fields=["majority"])
    roll = meeting.roll.count()
    assert roll == 3  # the three party members of the kit
    held, item = _hold(
        staff, meeting, present=2, yes=1
    )  # 2 of 3 present (quorate: 2/3); 1 of 2 is not > half
    decision_stage_take(actor=staff, decision=decision, agenda_item=item)
    assert Decision.objects.get(pk=decision.pk).state == "not_adopted"
    assert DecisionStage.objects.get(decision=decision, stage="review").passed is False


def test_the_after_the_fact_record_is_only_for_meetings_held_before_registration(staff, decision, village):
    Decision.objects.filter(pk=decision.pk).update(started_at=timezone.now() - dt.timedelta(days=20))
    decision.refresh_from_db()
    before = (_snapshot(decision), Meeting.objects.count())
    with pytest.raises(DomainError) as refused:
        decision_stage_record(
            actor=staff, decision=decision, meeting=StageMeeting(held_on=TODAY(), present=3, in_favour=3)
        )
    assert refused.value.code == "convene_instead"
    assert "召集会议" in refused.value.message
    assert (_snapshot(decision), Meeting.objects.count()) == before
    image = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(image, "JPEG")
    decision_stage_record(
        actor=staff,
        decision=decision,
        meeting=StageMeeting(held_on=TODAY() - dt.timedelta(days=25), present=3, in_favour=3),
        documents={"minutes": SimpleUploadedFile("minutes.jpg", image.getvalue(), content_type="image/jpeg")},
    )
    record = DecisionStage.objects.get(decision=decision, stage="proposal")
    assert record.item is None
    assert record.meeting.body is None
    document = MeetingDocument.objects.get(meeting=record.meeting)
    client = Client()
    client.force_login(staff)
    served = client.get(reverse("selfgov:decision_document", args=[decision.pk, document.pk]))
    assert served.status_code == 200
    assert served["Cache-Control"] == "private, no-store"
    page = client.get(reverse("selfgov:decision", args=[decision.pk])).content.decode()
    assert reverse("selfgov:decision_document", args=[decision.pk, document.pk]) in page


def test_a_document_of_another_decision_is_not_found(staff, areas, decision, village, power):
    image = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(image, "JPEG")
    decision_stage_record(
        actor=staff,
        decision=decision,
        meeting=StageMeeting(held_on=TODAY(), present=3, in_favour=3),
        documents={"sign_in": SimpleUploadedFile("s.jpg", image.getvalue(), content_type="image/jpeg")},
    )
    document = MeetingDocument.objects.get()
    other = decision_start(
        actor=staff, community=areas["village"], title="出租村集体鱼塘", body="村集体鱼塘公开出租，租期五年。",
        origin_kind="cadre_proposal", power_item=power["A03"],
    )  # fmt: skip
    from gongzhi.selfgov.selectors.decisions import decision_document_of

    with pytest.raises(NotFound):
        decision_document_of(other, document.pk)
    client = Client()
    client.force_login(staff)
    assert client.get(reverse("selfgov:decision_document", args=[other.pk, document.pk])).status_code == 404


def test_the_pages_convene_and_take(staff, decision, village):
    client = Client()
    client.force_login(staff)
    url = reverse("selfgov:decision_stage", args=[decision.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="convene-form"' in page
    assert 'data-testid="no-meetings"' in page
    refused = client.post(
        reverse("selfgov:decision_stage_convene", args=[decision.pk]),
        {"held_on": TODAY().isoformat(), "place": "村委会", "method": "roll_call"},
    )
    assert refused.status_code == 400
    assert "紧急召开的理由" in refused.content.decode()
    assert not Meeting.objects.exists()
    done = client.post(
        reverse("selfgov:decision_stage_convene", args=[decision.pk]),
        {"held_on": TODAY().isoformat(), "place": "村委会", "method": "roll_call", "urgency_reason": URGENT},
    )
    meeting = Meeting.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse("meetings:detail", args=[meeting.pk])
    _held, item = _hold(staff, meeting, present=3, yes=3)
    page = client.get(url).content.decode()
    assert 'data-testid="usable-votes"' in page
    assert item.title in page
    taken = client.post(reverse("selfgov:decision_stage_take", args=[decision.pk]), {"agenda_item": item.pk})
    assert taken.status_code == 302
    assert Decision.objects.get(pk=decision.pk).state == "consultation"


def test_the_api_convenes_lists_and_takes(staff, decision, village):
    _token, key = api_token_create(actor=staff, user=staff, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    base = f"/api/v1/selfgov/decisions/{decision.pk}/stage"
    refused = client.post(
        f"{base}/convene",
        {"held_on": TODAY().isoformat(), "place": "村委会"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "紧急召开的理由" in refused.json()["message"]
    made = client.post(
        f"{base}/convene",
        {"held_on": TODAY().isoformat(), "place": "村委会", "urgency_reason": URGENT, "method": "roll_call"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    meeting = Meeting.objects.get(pk=made.json()["meeting_id"])
    listed = client.get(f"{base}/meetings").json()
    assert [m["meeting_id"] for m in listed["waiting"]] == [meeting.pk]
    assert listed["stage"] == "proposal"
    _held, item = _hold(staff, meeting, present=3, yes=3)
    listed = client.get(f"{base}/meetings").json()
    assert listed["usable"][0]["agenda_item_id"] == item.pk
    assert listed["usable"][0]["confirmed"] is True
    taken = client.post(f"{base}/take", {"agenda_item_id": item.pk}, content_type="application/json")
    assert taken.status_code == 200, taken.content
    proposal = next(s for s in taken.json()["stages"] if s["stage"] == "proposal")
    assert proposal["meeting_id"] == meeting.pk
    assert proposal["agenda_item"] == 1
    assert proposal["in_favour"] == 3
    again = client.post(f"{base}/take", {"agenda_item_id": item.pk}, content_type="application/json")
    assert again.status_code in (400, 409)
