"""The village power list's flow on service-hall applications (hall/actions/flow.py, decision 0044): a matter bound
to a power-list code follows the applicant's community's item, step by step, and no move skips a step."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.disclosures.models import Disclosure
from gongzhi.hall.actions import flow, office
from gongzhi.hall.actions.issuing import application_issue
from gongzhi.hall.models import Application, ApplicationObjection, ApplicationStep, Decision, HandlingMode
from gongzhi.meetings.models import Meeting
from gongzhi.selfgov.actions.decisions_power import (
    PowerItemInput,
    power_item_update,
    power_list_adopt,
    power_template_install,
)
from gongzhi.selfgov.models import PowerItem
from gongzhi.selfgov.power_flows import flow_parse, flow_text, standard_flow
from tests.selfgov.decisions_kit import village_bodies


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def staff(users):
    return users["community_staff"]


@pytest.fixture
def power(users, staff, areas):
    power_template_install(actor=users["township_admin"], township=areas["township"])
    power_list_adopt(actor=staff, community=areas["village"])
    return {i.code: i for i in PowerItem.objects.filter(area=areas["village"])}


@pytest.fixture
def village(staff, areas, make_resident):
    return village_bodies(
        staff=staff,
        community=areas["village"],
        make=lambda name, party=False: make_resident(
            name=name, political_status="中共党员" if party else "群众"
        ),
    )


@pytest.fixture
def certificate(make_matter, users, power):
    matter = make_matter(mode=HandlingMode.VILLAGE_DIRECT, code="ZM-001", name="居住证明")
    return flow.matter_power_bind(actor=users["township_admin"], matter=matter, code="C06")


@pytest.fixture
def dibao(make_matter, users, power):
    matter = make_matter(code="MZ-001", name="最低生活保障", village_review=True)
    return flow.matter_power_bind(actor=users["township_admin"], matter=matter, code="C01")


def _snapshot(application):
    application = Application.objects.select_related("case").get(pk=application.pk)
    return (
        application.case.state,
        application.decision,
        AuditEvent.objects.count(),
        ApplicationStep.objects.filter(application=application).filter(done_at__isnull=False).count(),
        ApplicationObjection.objects.count(),
        Meeting.objects.count(),
        Disclosure.objects.count(),
    )


def _refused(exc_type, code, run, application, *words):
    before = _snapshot(application)
    with pytest.raises(exc_type) as refused:
        run()
    assert refused.value.code == code, refused.value.message
    for word in words:
        assert word in refused.value.message, refused.value.message
    assert _snapshot(application) == before  # nothing changed, no audit row
    return refused.value


def _decide(actor, application, verb, opinion=""):
    return office.application_decide(actor=actor, application=application, verb=verb, opinion=opinion)


def _step(actor, application, note="", **meeting):
    return flow.application_step_fulfil(
        actor=actor,
        application=application,
        note=note,
        meeting=flow.StepMeeting(**meeting) if meeting else None,
    )


def test_the_standard_ships_flows_and_the_copies_carry_them(power):
    assert [s["kind"] for s in power["C01"].flow] == ["verify", "meeting", "publish", "report"]
    assert power["C01"].flow[1]["body"] == "representatives"
    assert power["C01"].flow[2]["days"] == 7
    assert [s["kind"] for s in power["C06"].flow] == ["verify", "sign"]
    assert power["A01"].flow == []  # a decision follows its stages, not a service flow
    assert flow_parse(flow_text(standard_flow("C05"))) == standard_flow("C05")


def test_a_certificate_application_follows_verification_and_signature_and_no_step_is_skipped(
    certificate, make_application, staff
):
    application = make_application(certificate, state="village_review")
    _refused(Conflict, "flow_step_pending",
             lambda: _decide(staff, application, "approve_village"), application,
             "C06", "第1步", "核实情况", "不能跳过")  # fmt: skip
    _step(staff, application, "已核实申请人在本村居住")
    _refused(Conflict, "flow_step_pending",
             lambda: _decide(staff, application, "approve_village"), application,
             "第2步", "主任签字盖章")  # fmt: skip
    before = AuditEvent.objects.count()
    _step(staff, application, "陈主任签字盖章")
    assert AuditEvent.objects.filter(verb="hall.step_fulfilled").count() == 2
    assert AuditEvent.objects.count() == before + 1
    approved = _decide(staff, application, "approve_village")
    assert approved.case.state == "approved"
    assert approved.decision == Decision.APPROVED
    steps = list(ApplicationStep.objects.filter(application=application))
    assert [(s.kind, s.done_by_id) for s in steps] == [("verify", staff.pk), ("sign", staff.pk)]
    _refused(
        Conflict, "flow_not_now", lambda: _step(staff, approved, "再签一次"), application, "村级审核期间"
    )


def test_issuing_an_approval_of_a_bound_matter_needs_every_step(certificate, make_application, users, staff):
    application = make_application(certificate, state="village_review")
    _step(staff, application, "已核实申请人在本村居住")
    Case.objects.filter(pk=application.case_id).update(state="approved")  # as if a step had been skipped
    Application.objects.filter(pk=application.pk).update(decision=Decision.APPROVED)
    application.refresh_from_db()
    _refused(Conflict, "flow_step_pending",
             lambda: application_issue(actor=users["window_clerk"], application=application, delivery="in_person",
                                       site_url="http://testserver"),
             application, "主任签字盖章")  # fmt: skip


def test_an_application_past_the_village_before_its_matter_was_bound_goes_on_and_returned_follows_the_flow(
    make_matter, make_application, users, power, officer, staff
):
    """Binding a matter does not strand the applications that had already left the village (no step recorded
    there, and none can be past it): they are approved and issued as before; one returned to the village
    follows the flow from there."""
    direct = make_matter(mode=HandlingMode.VILLAGE_DIRECT, code="ZM-002", name="在读证明")
    approved = make_application(direct, state="approved", decision=Decision.APPROVED)
    reviewed = make_matter(code="MZ-002", name="临时救助", village_review=True)
    at_township = make_application(reviewed, state="township_review")
    returned = make_application(reviewed, state="township_review")
    flow.matter_power_bind(actor=users["township_admin"], matter=direct, code="C06")
    flow.matter_power_bind(actor=users["township_admin"], matter=reviewed, code="C02")
    application_issue(actor=users["window_clerk"], application=approved, delivery="in_person",
                      site_url="http://testserver")  # fmt: skip
    assert Case.objects.get(pk=approved.case_id).state == "issued"
    assert _decide(officer, at_township, "approve", "同意").case.state == "approved"
    back = _decide(officer, returned, "return", "请村里按新的流程办理")
    assert back.case.state == "submitted"
    Case.objects.filter(pk=back.case_id).update(state="village_review")
    back.refresh_from_db()
    _refused(Conflict, "flow_step_pending", lambda: _decide(staff, back, "pass_up"), back, "C02")
    assert not ApplicationStep.objects.filter(application__in=[approved, at_township]).exists()


def test_a_dibao_recommendation_needs_the_meeting_the_publication_and_answered_objections(
    dibao, make_application, staff, officer, village, users
):
    application = make_application(dibao, state="village_review")
    _refused(Conflict, "flow_step_pending", lambda: _decide(staff, application, "pass_up"), application,
             "C01", "入户调查")  # fmt: skip
    _step(staff, application, "入户调查：家庭人均收入低于标准")
    _refused(Conflict, "flow_step_pending", lambda: _decide(staff, application, "pass_up"), application,
             "第2步", "民主评议", "会议")  # fmt: skip
    _refused(DomainError, "invalid", lambda: _step(staff, application), application, "会议日期")
    today = timezone.localdate()
    # 5 of the 8 on the representatives' roll: short of two thirds, nothing is recorded and the step stays.
    with pytest.raises(DomainError) as inquorate:
        _step(staff, application, held_on=today, present=5, in_favour=5)
    assert "法定人数" in inquorate.value.message
    assert not Meeting.objects.exists()
    _step(staff, application, held_on=today, present=6, in_favour=6, place="村委会议室")
    meeting_step = ApplicationStep.objects.get(application=application, order=2)
    assert meeting_step.passed is True
    assert meeting_step.meeting.purpose == "hall_step"
    _refused(Conflict, "flow_step_pending", lambda: _decide(staff, application, "pass_up"), application,
             "评议结果公示")  # fmt: skip
    _refused(Conflict, "flow_not_publishing", lambda: flow.application_objection_record(
        actor=staff, application=application, text="他家有车"), application)  # fmt: skip
    _step(staff, application, "拟推荐李秀兰家庭为最低生活保障对象")
    published = ApplicationStep.objects.get(application=application, order=3)
    assert published.disclosure.area_id == application.case.community_id
    assert published.ends_at - published.done_at == dt.timedelta(days=7)
    end = _refused(Conflict, "flow_publishing", lambda: _decide(staff, application, "pass_up"), application,
                   "公示期至")  # fmt: skip
    assert timezone.localtime(published.ends_at).strftime("%Y-%m-%d") in end.message
    _refused(Conflict, "flow_publishing", lambda: _step(staff, application, "报镇"), application)
    objection = flow.application_objection_record(actor=staff, application=application, text="他家有一辆货车")
    ApplicationStep.objects.filter(pk=published.pk).update(ends_at=timezone.now() - dt.timedelta(minutes=1))
    _refused(Conflict, "flow_objection_open", lambda: _decide(staff, application, "pass_up"), application,
             "异议")  # fmt: skip
    flow.application_objection_answer(actor=staff, application=application, objection_id=objection.pk,
                                      answer="经核实，货车已于去年报废")  # fmt: skip
    passed = _decide(staff, application, "pass_up", "同意上报")
    assert passed.case.state == "township_review"
    report = ApplicationStep.objects.get(application=application, order=4)
    assert report.kind == "report"
    assert report.done_by == staff
    assert set(AuditEvent.objects.filter(target_id=str(application.pk)).values_list("verb", flat=True)) >= {
        "hall.step_fulfilled",
        "hall.step_objection_received",
        "hall.step_objection_answered",
        "hall.passed_up",
    }
    assert _decide(officer, passed, "approve", "同意").case.state == "approved"


def test_a_failing_verdict_only_lets_the_village_reject(dibao, make_application, staff, village):
    application = make_application(dibao, state="village_review")
    _step(staff, application, "入户调查完毕")
    _step(staff, application, held_on=timezone.localdate(), present=8, in_favour=1, against=7)
    assert ApplicationStep.objects.get(application=application, order=2).passed is False
    _refused(
        Conflict, "flow_not_passed", lambda: _decide(staff, application, "pass_up"), application, "未通过"
    )
    _refused(Conflict, "flow_not_passed", lambda: _step(staff, application, "公示"), application)
    assert _decide(staff, application, "reject_village", "民主评议未通过").case.state == "rejected"


def test_only_the_village_reviewers_record_steps(certificate, make_application, users):
    application = make_application(certificate, state="village_review")
    for who in ("resident", "window_clerk", "township_admin", "other_staff"):
        _refused(
            NotPermitted, "forbidden", lambda who=who: _step(users[who], application, "核实"), application
        )


def test_binding_needs_a_village_step_and_a_known_code(make_matter, users, power):
    direct_township = make_matter(code="T-9", name="township first")
    with pytest.raises(DomainError) as refused:
        flow.matter_power_bind(actor=users["township_admin"], matter=direct_township, code="C01")
    assert "村级初审" in refused.value.message
    reviewed = make_matter(code="T-10", village_review=True)
    with pytest.raises(DomainError) as refused:
        flow.matter_power_bind(actor=users["township_admin"], matter=reviewed, code="Z99")
    assert "Z99" in refused.value.message
    with pytest.raises(NotPermitted):
        flow.matter_power_bind(actor=users["community_staff"], matter=reviewed, code="C01")
    assert (
        flow.matter_power_bind(actor=users["township_admin"], matter=reviewed, code="c01").power_code == "C01"
    )


def test_the_community_edits_its_copy_and_an_application_keeps_the_flow_it_started(
    certificate, make_application, staff, power
):
    item = power["C06"]
    data = PowerItemInput(name=item.name, basis=item.basis, decider=item.decider, stages=(),
                          procedure=item.procedure, publish=item.publish,
                          flow=flow_parse("核实 核实情况\n公示 3 证明公示\n签批 主任签字"))  # fmt: skip
    started = make_application(certificate, state="village_review")
    _step(staff, started, "已核实")
    power_item_update(actor=staff, item=item, data=data)
    assert [s["kind"] for s in PowerItem.objects.get(pk=item.pk).flow] == ["verify", "publish", "sign"]
    _step(staff, started, "主任已签字")  # its own copy: verify, sign
    assert _decide(staff, started, "approve_village").case.state == "approved"
    fresh = make_application(certificate, state="village_review")
    _step(staff, fresh, "已核实")
    _refused(
        Conflict, "flow_step_pending", lambda: _decide(staff, fresh, "approve_village"), fresh, "证明公示"
    )
    with pytest.raises(DomainError) as refused:
        power_item_update(actor=staff, item=item, data=PowerItemInput(
            name=item.name, basis=item.basis, decider=item.decider, stages=(), procedure=item.procedure,
            publish=item.publish, flow=[{"kind": "会议"}]))  # fmt: skip
    assert "会议" in refused.value.message


def test_the_page_and_the_api_show_and_record_the_flow(client, certificate, make_application, staff, users):
    application = make_application(certificate, state="village_review")
    client.force_login(staff)
    page = client.get(reverse("hall:detail", args=[application.pk]))
    assert 'data-testid="flow"' in page.content.decode()
    assert "主任签字盖章" in page.content.decode()
    response = client.post(
        reverse("hall:flow", args=[application.pk]), {"op": "step", "note": "已核实居住情况"}
    )
    assert response.status_code == 302
    assert ApplicationStep.objects.get(application=application, order=1).done_at is not None
    _token, key = api_token_create(actor=staff, user=staff, name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    path = f"/api/v1/hall/applications/{application.pk}/flow"
    answer = client.post(path, json.dumps({"op": "step", "note": "主任已签字"}), content_type="application/json",
                         **headers)  # fmt: skip
    assert answer.status_code == 200, answer.content
    assert [s["state"] for s in answer.json()["flow"]["steps"]] == ["done", "done"]
    refused = client.post(path, json.dumps({"op": "step", "note": "再来"}), content_type="application/json",
                          **headers)  # fmt: skip
    assert refused.status_code == 409
    assert refused.json()["code"] == "flow_complete"
    Case.objects.filter(pk=application.pk).update(state="submitted")
    mine = client.get(f"/api/v1/hall/applications/{application.pk}", **headers)
    assert mine.json()["flow"]["code"] == "C06"


def test_the_catalogue_form_binds_a_matter_and_an_import_leaves_the_binding(
    make_matter, users, power, department
):
    from gongzhi.hall.actions.catalogue import MatterData, StepData, matter_update

    matter = make_matter(code="MZ-101", village_review=True)
    base = dict(code="MZ-101", name="最低生活保障", mode=HandlingMode.VILLAGE_TO_TOWNSHIP, department=department,
                steps=[StepData("审核", 15, "workdays")])  # fmt: skip
    admin = users["township_admin"]
    with pytest.raises(DomainError) as refused:
        matter_update(admin, matter.pk, MatterData(**base, power_code="C01"))  # no village review
    assert refused.value.field == "power_code"
    bound = matter_update(admin, matter.pk, MatterData(**base, village_review=True, power_code=" c01 "))
    assert bound.power_code == "C01"
    assert AuditEvent.objects.filter(verb="hall.matter_updated", target_id=str(matter.pk)).exists()
    kept = matter_update(
        admin, matter.pk, MatterData(**{**base, "name": "最低生活保障申请"}, village_review=True)
    )
    assert kept.power_code == "C01"


@pytest.mark.django_db
def test_the_demo_has_a_dibao_recommendation_part_way_through_its_flow(client):
    from django.core.management import call_command

    from gongzhi.accounts.models import User

    call_command("seed_demo", "--quiet")
    step = ApplicationStep.objects.get(power_code="C01", kind="publish", done_at__isnull=False)
    assert step.objections.filter(answered_at=None).exists()
    assert ApplicationStep.objects.get(application=step.application, order=2).passed is True
    client.force_login(User.objects.get(username="cun_ganbu"))
    page = client.get(reverse("hall:detail", args=[step.application_id])).content.decode()
    assert 'data-state="publishing"' in page
    assert 'data-testid="objection-form"' in page
