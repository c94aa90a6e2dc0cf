"""The escalations (吹哨) a department answers, reachable: a menu entry for whoever may work in a department, a
page that says why it is empty, and the API (list, one call with its case masked, the reply once)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from gongzhi.accounts.actions import api_token_create
from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind, Department
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import CaseEvent, EscalationTarget
from gongzhi.core.context_processors import navigation
from gongzhi.notices.models import Notice
from gongzhi.situations import actions
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
BODY = "独居老人王秀英家里没有取暖设备，电话13812345678，需要民政帮助。"


@pytest.fixture
def departments(areas):
    township = areas["township"]
    return {
        "civil": Department.objects.create(township=township, name="民政办", sort_order=1),
        "farm": Department.objects.create(township=township, name="农业农村办", sort_order=2),
    }


def officer(name: str, department):
    user = make_user(name)
    RoleAssignment.objects.create(user=user, role=Role.TOWNSHIP_REVIEWER, area=department.township,
                                  area_path=department.township.path, department=department)  # fmt: skip
    return user


@pytest.fixture
def officers(departments):
    return {key: officer(f"{key}_officer", department) for key, department in departments.items()}


@pytest.fixture
def elsewhere(db):
    """Another township's 民政办 and its officer."""
    township = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="太平镇", parent=None, code="511423102000")
    return officer("taiping_officer", Department.objects.create(township=township, name="民政办"))


def note_escalated(users, departments, *keys, title_place="3组"):
    note = actions.situation_post(
        actor=users["resident"], category="livelihood", place=title_place, body=BODY
    )
    actions.situation_accept(actor=users["community_staff"], situation=note)
    actions.situation_escalate(actor=users["community_staff"], situation=note, workdays=3,
                               department_ids=[departments[k].pk for k in keys or ("civil",)],
                               reason="需要民政办核实救助条件")  # fmt: skip
    return note


def auth(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def reply(client, target_id: int, headers: dict, text: str = "已核实，纳入临时救助。"):
    return client.post(f"/api/v1/escalations/{target_id}/reply", json.dumps({"reply": text}),
                       content_type="application/json", **headers)  # fmt: skip


def trail():
    return (
        set(EscalationTarget.objects.values_list("pk", "reply", "replied_at")),
        CaseEvent.objects.count(),
        AuditEvent.objects.exclude(verb__startswith="access.").count(),
        Notice.objects.count(),
    )


def test_a_department_lists_its_calls_waiting_and_answered_and_replies_once(
    client, users, departments, officers
):
    first = note_escalated(users, departments, "civil", "farm")
    note_escalated(users, departments, "farm")
    civil = auth(officers["civil"])
    listed = client.get("/api/v1/escalations", **civil).json()
    assert listed["count"] == 1
    [item] = listed["items"]
    assert (item["department_name"], item["case_id"], item["open"], item["reply"]) == (
        "民政办",
        first.case.pk,
        True,
        "",
    )
    assert client.get("/api/v1/escalations?status=answered", **civil).json()["count"] == 0

    detail = client.get(f"/api/v1/escalations/{item['id']}", **civil).json()
    case = detail["case"]
    assert (case["kind"], case["kind_label"], case["community_name"], detail["may_reply"]) == (
        "situation", "微民情", "青山村", True)  # fmt: skip
    # Personal data masked: no phone number, no full name of whoever raised it.
    assert "13812345678" not in json.dumps(detail, ensure_ascii=False)
    assert case["author"].endswith("**")
    assert case["url"] == reverse("situations:detail", args=[first.pk])

    answered = reply(client, item["id"], civil)
    assert answered.status_code == 200
    assert (answered.json()["reply"], answered.json()["may_reply"]) == ("已核实，纳入临时救助。", False)
    assert CaseEvent.objects.filter(case=first.case, verb="escalation_reply").count() == 1
    before = trail()
    again = reply(client, item["id"], civil, "再答复一次")
    assert (again.status_code, again.json()["code"]) == (409, "already_replied")
    assert trail() == before
    assert client.get("/api/v1/escalations", **civil).json()["count"] == 0
    answered_list = client.get("/api/v1/escalations?status=answered", **civil).json()
    assert [i["id"] for i in answered_list["items"]] == [item["id"]]
    assert client.get("/api/v1/escalations?status=all", **civil).json()["count"] == 1
    # 农业农村办 was called twice and has answered neither.
    assert client.get("/api/v1/escalations", **auth(officers["farm"])).json()["count"] == 2


def test_another_department_or_township_sees_nothing_and_cannot_reply(client, users, departments, officers,
                                                                     elsewhere):  # fmt: skip
    note_escalated(users, departments, "civil")
    target = EscalationTarget.objects.get()
    tokens = [
        auth(u) for u in (officers["farm"], elsewhere, users["community_staff"], users["township_admin"])
    ]
    staff_token, elsewhere_token = tokens[2], tokens[1]
    before = trail()
    for headers in tokens:
        assert client.get(f"/api/v1/escalations/{target.pk}", **headers).status_code == 404
        assert reply(client, target.pk, headers).status_code == 404
    assert client.get("/api/v1/escalations", **elsewhere_token).json()["count"] == 0
    # Without a role a department could be held by, the list is refused like the page.
    assert client.get("/api/v1/escalations", **staff_token).status_code == 403
    assert trail() == before


def test_a_closed_call_is_refused_and_changes_nothing(client, users, departments, officers):
    note = note_escalated(users, departments, "civil")
    actions.situation_escalation_close(actor=users["community_staff"], situation=note, note="已自行解决")
    target = EscalationTarget.objects.get()
    civil = auth(officers["civil"])
    assert client.get(f"/api/v1/escalations/{target.pk}", **civil).json()["may_reply"] is False
    before = trail()
    refused = reply(client, target.pk, civil)
    assert (refused.status_code, refused.json()["code"]) == (409, "escalation_closed")
    assert refused.json()["message"] == "本次吹哨已经结束，不能再答复。"
    assert trail() == before
    # Ended without a reply: in "all", not in "waiting" or "answered".
    assert [client.get(f"/api/v1/escalations?status={s}", **civil).json()["count"]
            for s in ("waiting", "answered", "all")] == [0, 0, 1]  # fmt: skip


def test_the_menu_shows_the_queue_to_department_roles_and_the_page_explains_an_empty_one(users, departments,
                                                                                        officers):  # fmt: skip
    def menu(user) -> list[str]:
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = user
        return [entry.url_name for entry in navigation(request)["nav"]]

    # A reviewer holding the role over the township, in no department: the entry, and a page that says why.
    assert "cases:escalations" in menu(users["township_reviewer"])
    assert "cases:escalations" in menu(officers["civil"])
    for who in ("township_admin", "community_staff", "grid_worker", "sec_admin", "resident"):
        assert "cases:escalations" not in menu(users[who]), who
    client = Client()
    client.force_login(users["township_reviewer"])
    page = client.get(reverse("cases:escalations"))
    assert page.status_code == 200
    assert 'data-testid="no-department"' in page.content.decode()
    client.force_login(officers["civil"])
    note_escalated(users, departments, "civil")
    page = client.get(reverse("cases:escalations")).content.decode()
    assert 'data-testid="no-department"' not in page
    assert page.count('data-testid="escalation-row"') == 1
    target = EscalationTarget.objects.get()
    actions.situation_escalation_reply(actor=officers["civil"], situation=target.escalation.case.situation,
                                       target_id=target.pk, reply="已核实。")  # fmt: skip
    assert (
        client.get(reverse("cases:escalations")).content.decode().count('data-testid="escalation-row"') == 0
    )
    answered = client.get(reverse("cases:escalations") + "?status=answered").content.decode()
    assert answered.count('data-testid="escalation-row"') == 1
    assert "已核实。" in answered
