"""四议两公开 decisions: the six stages each tied to its meeting (quorum and verdict from core.quorum through
gongzhi.meetings), 一肩挑 merging stages 1 and 2, a failing vote ending the decision, the power list's flows
(mandatory matter types cannot skip a stage), execution tasks on the case engine, the supervisory committee's
acceptance and objections (answered within 7 days), the six 登记表 as PDFs; every refusal changes nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.meetings.models import Meeting
from gongzhi.notices.models import Notice
from gongzhi.selfgov.actions.decisions import (
    PowerItemInput,
    StageMeeting,
    decision_accept,
    decision_object,
    decision_objection_answer,
    decision_publish,
    decision_stage_record,
    decision_start,
    decision_task_add,
    decision_task_move,
    power_item_update,
    power_list_adopt,
    power_template_install,
)
from gongzhi.selfgov.models import Decision, DecisionObjection, DecisionStage, PowerItem
from gongzhi.selfgov.selectors.decisions import decision_get_for, objection_overdue
from tests.selfgov.decisions_kit import village_bodies

TODAY = timezone.localdate


@pytest.fixture
def staff(users):
    return users["community_staff"]


@pytest.fixture
def maker(make_resident):
    def make(name, party=False):
        return make_resident(name=name, political_status="中共党员" if party else "群众")

    return make


@pytest.fixture
def village(staff, users, areas, maker):
    return village_bodies(
        staff=staff, community=areas["village"], make=maker, supervisor_user=users["supervisor"]
    )


@pytest.fixture
def power(users, staff, areas):
    power_template_install(actor=users["township_admin"], township=areas["township"])
    power_list_adopt(actor=staff, community=areas["village"])
    return {i.code: i for i in PowerItem.objects.filter(area=areas["village"])}


def _start(staff, areas, power, code="A03", **extra):
    return decision_start(
        actor=staff, community=areas["village"], title="出租村集体仓库", body="村集体闲置仓库公开出租，租期三年。",
        origin_kind="cadre_proposal", power_item=power[code], **extra,
    )  # fmt: skip


def _meet(staff, decision, present, yes, **extra):
    return decision_stage_record(
        actor=staff, decision=decision,
        meeting=StageMeeting(held_on=TODAY(), present=present, in_favour=yes, **extra),
    )  # fmt: skip


def _state(decision):
    return Decision.objects.get(pk=decision.pk).state


def test_a_decision_goes_through_all_six_stages_with_its_meetings_tasks_and_supervision(
    staff, users, areas, village, power
):
    decision = _start(staff, areas, power)
    assert decision.state == "proposal"
    assert decision.stages == list(
        ["proposal", "consultation", "review", "resolution", "disclosure", "result"]
    )
    decision = _meet(staff, decision, 3, 3)  # 党组织: 3 members
    assert decision.state == "consultation"
    decision = _meet(staff, decision, 6, 5, against=1)  # 两委联席会议: 6 seats, ≥ 2/3 present
    assert decision.state == "review"
    decision = _meet(staff, decision, 3, 2, abstaining=1)  # 党员大会: 3 party members; 2 > 3/2
    assert decision.state == "resolution"
    decision = _meet(staff, decision, 8, 7, against=1)  # 村民代表会议: committee 3 + 5 representatives
    assert decision.state == "disclosure"
    stages = {s.stage: s for s in DecisionStage.objects.filter(decision=decision)}
    assert {s: stages[s].meeting.body_kind for s in stages} == {
        "proposal": "party_committee_meeting", "consultation": "joint_meeting",
        "review": "party_members_meeting", "resolution": "village_representatives_meeting",
    }  # fmt: skip
    assert stages["review"].meeting.items.get().majority == "members"
    decision = decision_publish(
        actor=staff, decision=decision, text="经村民代表会议决议，仓库公开出租。", published_on=TODAY()
    )
    assert decision.state == "executing"
    task = decision_task_add(actor=staff, decision=decision, title="发布招租公告")
    task = decision_task_move(actor=staff, task=task, verb="start")
    task = decision_task_move(actor=staff, task=task, verb="progress", note="公告已张贴")
    supervisor = users["supervisor"]
    objection = decision_object(actor=supervisor, decision=decision, text="招租公告期限太短，请延长。")
    assert objection.due_at.date() >= TODAY() + dt.timedelta(days=6)
    with pytest.raises(DomainError, match="没有完成的实施任务"):
        decision_accept(actor=supervisor, decision=decision)
    task = decision_task_move(actor=staff, task=task, verb="finish", note="已签订租赁合同")
    with pytest.raises(DomainError, match="未答复的监督意见"):
        decision_accept(actor=supervisor, decision=decision)
    decision_objection_answer(actor=staff, objection=objection, answer="已将公告期延长至十五天。")
    decision = decision_accept(actor=supervisor, decision=decision, note="合同和租金到账无误")
    assert decision.state == "result"
    decision = decision_publish(
        actor=staff, decision=decision, text="仓库已出租，年租金三万元。", published_on=TODAY()
    )
    assert decision.state == "done"
    assert decision.closed_at is not None
    from gongzhi.disclosures.models import Disclosure, DisclosureDue

    board = Disclosure.objects.filter(owner_app="selfgov", owner_model="decision", owner_id=decision.pk)
    assert sorted(board.values_list("purpose", flat=True)) == ["decision_resolution", "decision_result"]
    dues = DisclosureDue.objects.filter(owner_app="selfgov", owner_id=decision.pk)
    assert dues.count() == 2
    assert not dues.filter(fulfilled_by__isnull=True).exists()
    assert [c.kind for c in Case.objects.filter(pk=task.pk)] == ["decision_task"]
    assert {e.verb for e in AuditEvent.objects.filter(verb__startswith="decision.")} >= {
        "decision.started", "decision.stage_recorded", "decision.disclosed", "decision.objected",
        "decision.objection_answered", "decision.accepted", "decision.result_published",
    }  # fmt: skip
    client = Client()
    client.force_login(staff, backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    for stage in ("proposal", "consultation", "review", "resolution", "disclosure", "result"):
        response = client.get(reverse("selfgov:decision_register", args=[decision.pk, stage]))
        assert response.status_code == 200, stage
        assert response.content[:5] == b"%PDF-", stage
    page = client.get(reverse("selfgov:decision", args=[decision.pk])).content.decode()
    assert "已完成" in page
    assert "登记表" in page


def test_a_meeting_short_of_its_quorum_records_nothing_and_the_stage_stays(staff, areas, village, power):
    decision = _start(staff, areas, power)
    decision = _meet(staff, decision, 3, 3)
    meetings, events = Meeting.objects.count(), AuditEvent.objects.count()
    with pytest.raises(DomainError, match="不足法定人数"):
        _meet(staff, decision, 3, 3)  # 3 of 6 at the joint meeting: fewer than 2/3
    assert _state(decision) == "consultation"
    assert (Meeting.objects.count(), AuditEvent.objects.count()) == (meetings, events)
    assert not DecisionStage.objects.filter(decision=decision, stage="consultation").exists()


def test_a_failing_vote_is_kept_and_ends_the_decision_as_not_adopted(staff, areas, village, power):
    decision = _start(staff, areas, power)
    decision = _meet(staff, decision, 3, 3)
    decision = _meet(staff, decision, 6, 6)
    decision = _meet(staff, decision, 3, 1, against=2)  # 1 of 3 members due: not more than half
    assert decision.state == "not_adopted"
    assert decision.closed_at is not None
    row = DecisionStage.objects.get(decision=decision, stage="review")
    assert row.passed is False
    assert row.meeting.items.get().passed is False
    with pytest.raises(DomainError, match="没有待召开的会议"):
        _meet(staff, decision, 8, 8)


def test_shoulder_one_merges_the_proposal_and_the_consultation_in_one_joint_meeting(
    staff, users, areas, maker, power
):
    village_bodies(staff=staff, community=areas["village"], make=maker, shoulder_one=True)
    decision = _start(staff, areas, power)
    decision = _meet(staff, decision, 5, 5)  # the joint meeting: 5 seats (the secretary is the chair)
    assert decision.state == "review"
    rows = {r.stage: r for r in DecisionStage.objects.filter(decision=decision)}
    assert rows["proposal"].meeting_id == rows["consultation"].meeting_id
    assert rows["consultation"].merged
    assert rows["proposal"].meeting.body_kind == "joint_meeting"


def test_stages_follow_in_order_and_a_mandatory_matter_skips_none(staff, users, areas, village, power):
    decision = _start(staff, areas, power)
    with pytest.raises(DomainError, match="没有可以公开的决议"):
        decision_publish(actor=staff, decision=decision, text="提前公开的决议内容", published_on=TODAY())
    with pytest.raises(DomainError, match="不在实施中"):
        decision_accept(actor=users["supervisor"], decision=decision)
    assert _state(decision) == "proposal"
    assert not DecisionStage.objects.filter(decision=decision).exists()
    item = power["A03"]
    before = (item.stages, AuditEvent.objects.count())
    with pytest.raises(DomainError, match="必须完整经过四议两公开"):
        power_item_update(actor=staff, item=item, data=PowerItemInput(
            name=item.name, basis=item.basis, decider=item.decider, stages=("resolution", "disclosure", "result"),
            procedure=item.procedure, publish=item.publish,
        ))  # fmt: skip
    item.refresh_from_db()
    assert (item.stages, AuditEvent.objects.count()) == before


def test_a_flow_without_some_stages_passes_them_with_a_note(staff, areas, village, power):
    decision = _start(staff, areas, power, code="C01")  # 低保推荐: 村民代表会议 评议, then both disclosures
    assert decision.state == "resolution"
    skipped = DecisionStage.objects.filter(decision=decision, skipped=True).values_list("stage", flat=True)
    assert sorted(skipped) == ["consultation", "proposal", "review"]
    decision = _meet(staff, decision, 8, 6)
    assert decision.state == "disclosure"


def test_a_service_of_the_list_is_not_decided_and_the_charter_needs_the_whole_meeting(staff, areas, power):
    with pytest.raises(DomainError, match="不经四议两公开"):
        _start(staff, areas, power, code="C06")
    assert not Decision.objects.exists()
    item = power["A10"]
    with pytest.raises(DomainError, match="村\\(居\\)民会议决议"):
        power_item_update(actor=staff, item=item, data=PowerItemInput(
            name=item.name, basis=item.basis, decider=item.decider, stages=tuple(item.stages),
            procedure=item.procedure, publish=item.publish, resolution_body="either",
        ))  # fmt: skip


def test_who_may(staff, users, areas, village, power, maker):
    decision = _start(staff, areas, power)
    with pytest.raises(NotPermitted):
        decision_start(actor=users["resident"], community=areas["village"], title="某事项", body="某事项的内容说明",
                       origin_kind="cadre_proposal", matter_type="other")  # fmt: skip
    with pytest.raises(NotFound):
        decision_get_for(viewer=users["other_staff"], decision_id=decision.pk)
    with pytest.raises(NotPermitted):
        _meet(users["other_staff"], decision, 3, 3)
    decision_get_for(viewer=users["supervisor"], decision_id=decision.pk)
    assert _state(decision) == "proposal"


def test_a_supervisor_who_does_not_sit_on_the_committee_may_not_accept(staff, users, areas, maker, power):
    village_bodies(staff=staff, community=areas["village"], make=maker)  # without the supervisor's entry
    decision = _start(staff, areas, power, code="C01")
    decision = _meet(staff, decision, 8, 8)
    decision = decision_publish(
        actor=staff, decision=decision, text="拟推荐名单公示七日。", published_on=TODAY()
    )
    with pytest.raises(NotPermitted):
        decision_object(actor=users["supervisor"], decision=decision, text="名单有误，请核实。")


def test_an_objection_unanswered_after_seven_days_is_overdue_and_the_author_hears_every_stage(
    staff, users, areas, village, power
):
    author = users["resident"]
    decision = _start(staff, areas, power, code="C01", tell=[author])
    decision = _meet(staff, decision, 8, 8)
    assert Notice.objects.filter(recipient=author, kind="decision").count() == 2
    decision = decision_publish(
        actor=staff, decision=decision, text="拟推荐名单公示七日。", published_on=TODAY()
    )
    objection = decision_object(actor=users["supervisor"], decision=decision, text="名单有误，请核实。")
    assert not objection_overdue(objection)
    objection.due_at = timezone.now() - dt.timedelta(minutes=1)
    assert objection_overdue(objection)
    assert "7日" in objection.due_basis


def test_the_pages_and_the_api_record_a_stage(staff, users, areas, village, power):
    decision = _start(staff, areas, power)
    client = Client()
    client.force_login(staff, backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    for name, args in (("selfgov:decisions", []), ("selfgov:decision", [decision.pk]),
                       ("selfgov:decision_stage", [decision.pk]), ("selfgov:decision_start", []),
                       ("selfgov:power_lists", []), ("selfgov:power_list", [areas["village"].pk])):  # fmt: skip
        assert client.get(reverse(name, args=args)).status_code == 200, name
    response = client.post(reverse("selfgov:decision_stage", args=[decision.pk]), {
        "held_on": TODAY().isoformat(), "present": 1, "in_favour": 1,
    })  # fmt: skip
    assert response.status_code == 200
    assert "不足法定人数" in response.content.decode()
    assert _state(decision) == "proposal"
    from gongzhi.accounts.actions import api_token_create

    token = api_token_create(actor=staff, user=staff, name="t")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    answer = api.post(f"/api/v1/selfgov/decisions/{decision.pk}/stage",
                      {"held_on": TODAY().isoformat(), "present": 3, "in_favour": 3},
                      content_type="application/json")  # fmt: skip
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == "consultation"
    refused = api.post(f"/api/v1/selfgov/decisions/{decision.pk}/publish", {"text": "提前公开的内容", "published_on": TODAY().isoformat()},
                       content_type="application/json")  # fmt: skip
    assert refused.status_code == 400
    assert _state(decision) == "consultation"


def test_the_home_page_shows_what_waits_and_the_overdue_objections(staff, users, areas, village, power):
    decision = _start(staff, areas, power, code="C01")
    decision = _meet(staff, decision, 8, 8)
    decision = decision_publish(
        actor=staff, decision=decision, text="拟推荐名单公示七日。", published_on=TODAY()
    )
    objection = decision_object(actor=users["supervisor"], decision=decision, text="名单有误，请核实。")
    DecisionObjection.objects.filter(pk=objection.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    client = Client()
    client.force_login(staff, backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    home = client.get("/").content.decode()
    assert 'data-testid="home-decisions"' in home
    assert "监督意见逾期未答复 1 条" in home
    client.force_login(users["resident"], backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    assert 'data-testid="home-decisions"' not in client.get("/").content.decode()
