"""Escalation up the hierarchy (吹哨): a community handler calls township departments about a situation note,
each department replies on the note's timeline, the replies come back down, the handler ends the call."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind, Department, DepartmentKind
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.digest import queue_counts_for
from gongzhi.cases.models import CaseEvent, Escalation, EscalationTarget
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.notices.models import Notice
from gongzhi.situations import actions
from gongzhi.situations.models import SituationNote
from gongzhi.situations.selectors import situation_get_for
from gongzhi.workdays.selectors import due_for
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def departments(areas):
    township = areas["township"]
    return {
        "civil": Department.objects.create(township=township, name="民政办", sort_order=1),
        "joint": Department.objects.create(
            township=township, name="综治中心", kind=DepartmentKind.JOINT, sort_order=2
        ),
        "farm": Department.objects.create(township=township, name="农业农村办", sort_order=3),
    }


def officer(name: str, department, role=Role.TOWNSHIP_REVIEWER):
    user = make_user(name)
    township = department.township
    RoleAssignment.objects.create(
        user=user, role=role, area=township, area_path=township.path, department=department
    )
    return user


@pytest.fixture
def officers(departments):
    return {key: officer(f"{key}_officer", department) for key, department in departments.items()}


@pytest.fixture
def note(users) -> SituationNote:
    note = actions.situation_post(actor=users["resident"], category="livelihood", place="3组",
                                  body="独居老人家里没有取暖设备，需要民政帮助。")  # fmt: skip
    actions.situation_accept(actor=users["community_staff"], situation=note)
    return note


def escalate(users, note, departments, *keys, who="community_staff", workdays=3) -> Escalation:
    return actions.situation_escalate(actor=users[who], situation=note, workdays=workdays,
                                      department_ids=[departments[k].pk for k in keys or ("civil",)],
                                      reason="需要民政办核实救助条件")  # fmt: skip


def snapshot():
    return (
        set(Escalation.objects.values_list("pk", "closed_at", "answered_at")),
        set(EscalationTarget.objects.values_list("pk", "reply", "replied_at")),
        CaseEvent.objects.count(),
        AuditEvent.objects.exclude(verb__startswith="access.").count(),
        Notice.objects.count(),
    )


def test_the_village_calls_the_departments_report_in(users, note, departments, officers):
    escalation = escalate(users, note, departments, "civil", "joint")
    assert {t.department.name for t in escalation.targets.all()} == {"民政办", "综治中心"}
    # The called departments hear of it, the department not called and the author do not.
    assert Notice.objects.filter(recipient=officers["civil"], title__contains="吹哨").exists()
    assert Notice.objects.filter(recipient=officers["joint"]).exists()
    assert not Notice.objects.filter(recipient=officers["farm"]).exists()
    assert not Notice.objects.filter(recipient=users["resident"], title__contains="吹哨").exists()
    # A called department sees the note; one not called cannot tell it exists.
    assert situation_get_for(viewer=officers["civil"], situation_id=note.pk) == note
    with pytest.raises(NotFound):
        situation_get_for(viewer=officers["farm"], situation_id=note.pk)
    counts = {c.kind: c for c in queue_counts_for(officers["civil"])}
    assert counts["escalation"].waiting == 1
    assert counts["escalation"].url == "/cases/escalations/"

    civil_target = escalation.targets.get(department=departments["civil"])
    actions.situation_escalation_reply(actor=officers["civil"], situation=note, target_id=civil_target.pk,
                                       reply="已核实，符合临时救助条件，本周送取暖器。")  # fmt: skip
    escalation.refresh_from_db()
    assert escalation.answered_at is None  # 综治中心 has not replied yet
    # The reply comes back down to whoever called.
    assert Notice.objects.filter(recipient=users["community_staff"], title__contains="民政办已答复").exists()
    joint_target = escalation.targets.get(department=departments["joint"])
    actions.situation_escalation_reply(actor=officers["joint"], situation=note, target_id=joint_target.pk,
                                       reply="已通知网格员跟进。")  # fmt: skip
    escalation.refresh_from_db()
    assert escalation.answered_at is not None
    assert queue_counts_for(officers["civil"])[-1].waiting == 0

    actions.situation_escalation_close(actor=users["community_staff"], situation=note, note="按部门答复办理")
    escalation.refresh_from_db()
    assert escalation.closed_at is not None
    assert escalation.closed_by == users["community_staff"]
    # The note is the community's again, in the state it was; its timeline holds every step.
    note.case.refresh_from_db()
    assert note.case.state == "handling"
    verbs = list(CaseEvent.objects.filter(case=note.case).values_list("verb", flat=True))
    assert verbs[-4:] == ["escalate", "escalation_reply", "escalation_reply", "escalation_close"]
    assert set(AuditEvent.objects.filter(target_id=str(note.pk)).values_list("verb", flat=True)) >= {
        "case.escalated", "case.escalation_replied", "case.escalation_closed"}  # fmt: skip
    # A new call may follow the closed one.
    escalate(users, note, departments, "farm")


def test_the_reply_is_due_in_workdays(users, note, departments, officers, monkeypatch):
    friday = dt.datetime(2026, 9, 25, 10, 0, tzinfo=BEIJING)
    monkeypatch.setattr(timezone, "now", lambda: friday)
    escalation = escalate(users, note, departments, workdays=3)
    due = due_for(friday, 3, "workdays")
    assert escalation.due_at == due.at
    assert escalation.due_limit == due.limit_label
    assert escalation.due_at - friday > dt.timedelta(days=3)  # the weekend does not count
    with pytest.raises(DomainError) as error:
        escalate(users, note, departments, workdays=0)
    assert error.value.field == "workdays"


@pytest.mark.parametrize("who", ["resident", "grid_worker", "window_clerk", "other_staff", "township_reviewer",
                                 "party_member", "nobody"])  # fmt: skip
def test_only_the_notes_handlers_may_call(users, note, departments, who):
    before = snapshot()
    with pytest.raises((NotPermitted, NotFound)):
        escalate(users, note, departments, who=who)
    assert snapshot() == before


def test_a_call_needs_departments_of_the_township_and_a_note_still_open(users, note, departments, areas):
    elsewhere = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="太平镇", parent=None, code="511423102000")
    foreign = Department.objects.create(township=elsewhere, name="民政办")
    before = snapshot()
    with pytest.raises(DomainError) as error:
        actions.situation_escalate(actor=users["community_staff"], situation=note, department_ids=[foreign.pk],
                                   reason="需要民政办核实救助条件", workdays=3)  # fmt: skip
    assert error.value.field == "departments"
    with pytest.raises(DomainError):
        actions.situation_escalate(actor=users["community_staff"], situation=note, department_ids=[],
                                   reason="需要民政办核实救助条件", workdays=3)  # fmt: skip
    assert snapshot() == before
    escalate(users, note, departments)
    before = snapshot()
    with pytest.raises(Conflict):  # one open call at a time
        escalate(users, note, departments, "joint")
    assert snapshot() == before
    actions.situation_escalation_close(actor=users["community_staff"], situation=note)
    actions.situation_resolve(actor=users["community_staff"], situation=note, handled_note="已送取暖器")
    before = snapshot()
    with pytest.raises(Conflict):
        escalate(users, note, departments)
    assert snapshot() == before


@pytest.mark.parametrize(
    "who", ["farm_officer", "community_staff", "township_admin", "resident", "township_reviewer"]
)
def test_only_a_called_department_replies(users, note, departments, officers, who):
    escalation = escalate(users, note, departments)
    target = escalation.targets.get()
    actor = officers["farm"] if who == "farm_officer" else users[who]
    before = snapshot()
    with pytest.raises((NotPermitted, NotFound)):
        actions.situation_escalation_reply(
            actor=actor, situation=note, target_id=target.pk, reply="我们来处理"
        )
    assert snapshot() == before


def test_a_department_replies_once_and_not_after_the_call_ended(users, note, departments, officers):
    escalation = escalate(users, note, departments, "civil", "joint")
    civil = escalation.targets.get(department=departments["civil"])
    actions.situation_escalation_reply(
        actor=officers["civil"], situation=note, target_id=civil.pk, reply="已核实"
    )
    before = snapshot()
    with pytest.raises(Conflict):
        actions.situation_escalation_reply(
            actor=officers["civil"], situation=note, target_id=civil.pk, reply="再说一次"
        )
    assert snapshot() == before
    actions.situation_escalation_close(actor=users["community_staff"], situation=note)
    # The department that had not replied hears that no reply is needed.
    assert Notice.objects.filter(recipient=officers["joint"], title__contains="无需再答复").exists()
    joint = escalation.targets.get(department=departments["joint"])
    before = snapshot()
    with pytest.raises(Conflict):
        actions.situation_escalation_reply(
            actor=officers["joint"], situation=note, target_id=joint.pk, reply="已核实"
        )
    assert snapshot() == before


@pytest.mark.parametrize("who", ["civil_officer", "resident", "grid_worker", "other_staff"])
def test_only_the_handlers_end_a_call(users, note, departments, officers, who):
    escalate(users, note, departments)
    actor = officers["civil"] if who == "civil_officer" else users[who]
    before = snapshot()
    with pytest.raises((NotPermitted, NotFound)):
        actions.situation_escalation_close(actor=actor, situation=note)
    assert snapshot() == before


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_pages_call_list_reply_and_show_the_replies(users, note, departments, officers):
    handler = login(users["community_staff"])
    page = handler.get(reverse("situations:detail", args=[note.pk])).content.decode()
    assert 'data-testid="escalate"' in page
    assert "民政办" in page
    assert "农业农村办" in page
    response = handler.post(reverse("situations:escalate", args=[note.pk]),
                            {"departments": [departments["civil"].pk], "reason": "需要民政办核实救助条件",
                             "workdays": "5"})  # fmt: skip
    assert response.status_code == 302
    assert Escalation.objects.filter(case=note.case).count() == 1
    # The resident author sees that the township was called, but no form.
    author = login(users["resident"]).get(reverse("situations:detail", args=[note.pk])).content.decode()
    assert "需要民政办核实救助条件" in author
    assert 'data-testid="escalate' not in author

    civil = login(officers["civil"])
    queue = civil.get(reverse("cases:escalations")).content.decode()
    assert queue.count('data-testid="escalation-row"') == 1
    assert reverse("situations:detail", args=[note.pk]) in queue
    target = EscalationTarget.objects.get()
    detail = civil.get(reverse("situations:detail", args=[note.pk])).content.decode()
    assert 'data-testid="escalation-reply-submit"' in detail
    assert 'data-testid="accept"' not in detail
    response = civil.post(reverse("situations:escalation_reply", args=[note.pk, target.pk]),
                          {"reply": "已核实，符合临时救助条件。"})  # fmt: skip
    assert response.status_code == 302
    assert 'data-testid="escalation-row"' not in civil.get(reverse("cases:escalations")).content.decode()

    page = handler.get(reverse("situations:detail", args=[note.pk])).content.decode()
    assert "已核实，符合临时救助条件。" in page
    assert 'data-testid="escalation-close"' in page
    response = handler.post(reverse("situations:escalation_close", args=[note.pk]), {"note": ""})
    assert response.status_code == 302
    assert Escalation.objects.get().closed_at is not None
    # A department that was not called is turned away from the queue page and the note.
    farm = login(officers["farm"])
    assert farm.get(reverse("cases:escalations")).content.decode().count('data-testid="escalation-row"') == 0
    assert farm.get(reverse("situations:detail", args=[note.pk])).status_code == 404
    assert login(users["community_staff"]).get(reverse("cases:escalations")).status_code == 403


def test_a_department_sees_its_waiting_calls_on_the_home_page(users, note, departments, officers):
    escalate(users, note, departments)
    home = login(officers["civil"]).get("/").content.decode()
    assert 'data-testid="home-escalations"' in home
    assert reverse("cases:escalations") in home
    assert 'data-testid="home-escalations"' not in login(officers["farm"]).get("/").content.decode()
