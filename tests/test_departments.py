"""A township's departments (科室/部门) in the browser: the township office lists, creates, renames, deactivates and
reactivates them; each change is checked and audited; a deactivated department takes no new call or staff."""

import pytest
from django.test import Client
from django.urls import reverse

from gongzhi.accounts.actions import role_assign
from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.areas import actions
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind, Department, DepartmentKind
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.situations import actions as situation_actions
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments(areas):
    township = areas["township"]
    return {
        "civil": Department.objects.create(township=township, name="民政办", sort_order=1),
        "farm": Department.objects.create(township=township, name="农业农村办", sort_order=2),
    }


@pytest.fixture
def elsewhere(db):
    """Another township with its own office and department."""
    township = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="太平镇", parent=None, code="511423102000")
    admin = make_user("taiping_admin", Role.TOWNSHIP_ADMIN, township)
    return {"township": township, "admin": admin,
            "department": Department.objects.create(township=township, name="民政办")}  # fmt: skip


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def state():
    return (
        set(Department.objects.values_list("pk", "name", "is_active", "kind")),
        AuditEvent.objects.filter(verb__startswith="department.").count(),
    )


def test_the_township_office_lists_its_departments_with_their_staff(users, areas, departments, elsewhere):
    officer = make_user("lin", display_name="林民政")
    RoleAssignment.objects.create(user=officer, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                                  area_path=areas["township"].path, department=departments["civil"])  # fmt: skip
    departments["farm"].is_active = False
    departments["farm"].save()
    admin = login(users["township_admin"])
    page = admin.get(reverse("areas:departments")).content.decode()
    assert page.count('data-testid="department-row"') == 2  # not 太平镇's
    assert "民政办" in page
    assert "农业农村办" in page
    assert "已停用" in page
    assert reverse("areas:department", args=[departments["civil"].pk]) + "#staff" in page
    assert "1 人" in page
    assert "0 人" in page
    detail = admin.get(reverse("areas:department", args=[departments["civil"].pk])).content.decode()
    assert detail.count('data-testid="staff-row"') == 1
    assert "林民政" in detail
    assert "镇级部门审批人" in detail
    # Another township's department does not exist for this office.
    assert admin.get(reverse("areas:department", args=[elsewhere["department"].pk])).status_code == 404
    assert (
        login(elsewhere["admin"])
        .get(reverse("areas:departments"))
        .content.decode()
        .count('data-testid="department-row"')
        == 1
    )


def test_create_rename_deactivate_and_reactivate_through_the_pages(users, areas, departments):
    admin = login(users["township_admin"])
    response = admin.post(reverse("areas:department_create"),
                          {"township": areas["township"].pk, "name": " 综治中心 ", "kind": "joint"})  # fmt: skip
    assert response.status_code == 302
    joint = Department.objects.get(name="综治中心")
    assert (joint.township, joint.kind, joint.is_active, joint.sort_order) == (
        areas["township"], DepartmentKind.JOINT, True, 3)  # fmt: skip
    url = reverse("areas:department", args=[joint.pk])
    assert admin.post(url, {"name": "综合治理中心"}).status_code == 302
    assert Department.objects.get(pk=joint.pk).name == "综合治理中心"
    active = reverse("areas:department_active", args=[joint.pk])
    assert admin.post(active, {"active": "0"}).status_code == 302
    assert not Department.objects.get(pk=joint.pk).is_active
    assert 'data-testid="inactive"' in admin.get(url).content.decode()
    assert admin.post(active, {"active": "1"}).status_code == 302
    assert Department.objects.get(pk=joint.pk).is_active
    rows = AuditEvent.objects.filter(verb__startswith="department.").order_by("id")
    assert [(r.verb, r.area_id) for r in rows] == [
        ("department.created", areas["township"].pk), ("department.renamed", areas["township"].pk),
        ("department.deactivated", areas["township"].pk), ("department.reactivated", areas["township"].pk),
    ]  # fmt: skip
    assert rows[1].summary == {"name": ["综治中心", "综合治理中心"]}


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "请填写部门名称。"), ("   ", "请填写部门名称。"), ("民政办", "永安镇已有名为“民政办”的部门。")],
)
def test_an_empty_or_duplicate_name_is_refused_in_chinese_and_changes_nothing(users, areas, departments, name,
                                                                              message):  # fmt: skip
    admin = login(users["township_admin"])
    before = state()
    response = admin.post(reverse("areas:department_create"), {"township": areas["township"].pk, "name": name,
                                                               "kind": "department"})  # fmt: skip
    assert response.status_code == 200
    assert message in response.content.decode()
    response = admin.post(reverse("areas:department", args=[departments["farm"].pk]), {"name": name})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert state() == before


def test_only_the_township_office_over_the_township_manages_its_departments(
    users, areas, departments, elsewhere
):
    before = state()
    for who in ("community_staff", "township_reviewer", "sec_admin", "sys_admin"):
        with pytest.raises(NotPermitted):
            actions.department_create(actor=users[who], township=areas["township"], name="司法所")
        with pytest.raises(NotPermitted):
            actions.department_rename(actor=users[who], department=departments["civil"], name="民政所")
        with pytest.raises(NotPermitted):
            actions.department_active_set(actor=users[who], department=departments["civil"], active=False)
    # 太平镇's office cannot touch 永安镇's departments, nor create one there.
    with pytest.raises(NotPermitted):
        actions.department_rename(actor=elsewhere["admin"], department=departments["civil"], name="民政所")
    with pytest.raises(NotPermitted):
        actions.department_create(actor=elsewhere["admin"], township=areas["township"], name="司法所")
    # A department hangs under a township, not a village.
    with pytest.raises(DomainError) as error:
        actions.department_create(actor=users["township_admin"], township=areas["village"], name="司法所")
    assert error.value.message == "部门只能设在镇(街道)下。"
    assert state() == before


def test_a_deactivated_department_takes_no_new_call_and_no_new_staff_but_keeps_its_history(users, areas,
                                                                                             departments):  # fmt: skip
    note = situation_actions.situation_post(actor=users["resident"], category="livelihood", place="3组",
                                            body="独居老人家里没有取暖设备。")  # fmt: skip
    situation_actions.situation_accept(actor=users["community_staff"], situation=note)
    officer = make_user("lin")
    role_assign(actor=users["sec_admin"], user=officer, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                department=departments["civil"])  # fmt: skip
    actions.department_active_set(
        actor=users["township_admin"], department=departments["civil"], active=False
    )
    with pytest.raises(DomainError):
        situation_actions.situation_escalate(actor=users["community_staff"], situation=note, workdays=3,
                                             department_ids=[departments["civil"].pk], reason="需要民政办核实")  # fmt: skip
    newcomer = make_user("he")
    with pytest.raises(DomainError) as error:
        role_assign(actor=users["sec_admin"], user=newcomer, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                    department=departments["civil"])  # fmt: skip
    assert (error.value.field, error.value.message) == ("department", "“民政办”已停用，不能再安排人员。")
    # The handler's form no longer offers it; the officer keeps the role.
    page = login(users["community_staff"]).get(reverse("situations:detail", args=[note.pk])).content.decode()
    assert "农业农村办" in page
    assert "民政办" not in page
    assert RoleAssignment.objects.filter(user=officer, department=departments["civil"]).exists()
    assert not RoleAssignment.objects.filter(user=newcomer).exists()
    # Deactivating twice says so.
    with pytest.raises(DomainError) as error:
        actions.department_active_set(
            actor=users["township_admin"], department=departments["civil"], active=False
        )
    assert error.value.message == "“民政办”已经停用。"


def test_a_role_is_held_in_a_department_only_by_a_department_role_of_its_township(users, areas, departments,
                                                                                    elsewhere):  # fmt: skip
    target = make_user("lin")
    with pytest.raises(DomainError) as error:  # a department of another township
        role_assign(actor=users["sec_admin"], user=target, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                    department=elsewhere["department"])  # fmt: skip
    assert (error.value.field, error.value.message) == ("department", "部门须属于所选的镇(街道)。")
    with pytest.raises(DomainError) as error:  # the township office is held over the whole township
        role_assign(actor=users["sec_admin"], user=target, role=Role.TOWNSHIP_ADMIN, area=areas["township"],
                    department=departments["civil"])  # fmt: skip
    assert error.value.message == "“镇社治办管理员”不在部门任职，请不要选择部门。"
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_the_security_admin_assigns_a_role_in_a_department_through_the_page(
    users, areas, departments, elsewhere
):
    departments["farm"].is_active = False
    departments["farm"].save()
    target = make_user("lin", display_name="林民政")
    sec = login(users["sec_admin"])
    page = sec.get(reverse("accounts:roles")).content.decode()
    # The choice of department: the active departments of the assigner's township only.
    assert "永安镇 / 民政办" in page
    assert "农业农村办" not in page
    assert "太平镇" not in page
    before = set(RoleAssignment.objects.values_list("pk", flat=True))
    # A role not held in departments: refused in Chinese on the form, nothing granted.
    response = sec.post(reverse("accounts:roles"), {"username": "lin", "role": "community_staff",
                                                    "area": areas["township"].pk,
                                                    "department": departments["civil"].pk})  # fmt: skip
    assert response.status_code == 200
    assert "“村(社区)干部”不在部门任职，请不要选择部门。" in response.content.decode()
    response = sec.post(reverse("accounts:roles"), {"username": "nobody-here", "role": "volunteer",
                                                    "area": areas["village"].pk, "department": ""})  # fmt: skip
    assert "没有用户名为“nobody-here”的账号。" in response.content.decode()
    # 太平镇's department is not a choice here.
    response = sec.post(reverse("accounts:roles"), {"username": "lin", "role": "township_reviewer",
                                                    "area": areas["township"].pk,
                                                    "department": elsewhere["department"].pk})  # fmt: skip
    assert response.status_code == 200
    assert 'data-testid="error-department"' in response.content.decode()
    assert set(RoleAssignment.objects.values_list("pk", flat=True)) == before
    response = sec.post(reverse("accounts:roles"), {"username": "lin", "role": "township_reviewer",
                                                    "area": areas["township"].pk,
                                                    "department": departments["civil"].pk})  # fmt: skip
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=target)
    assert (assignment.role, assignment.area, assignment.department) == (
        Role.TOWNSHIP_REVIEWER, areas["township"], departments["civil"])  # fmt: skip
    assert AuditEvent.objects.filter(verb="role.assigned", summary__department="民政办").count() == 1
    listed = sec.get(reverse("accounts:roles")).content.decode()
    assert "林民政" in listed
    assert sec.post(reverse("accounts:role_revoke", args=[assignment.pk])).status_code == 302
    assert not RoleAssignment.objects.filter(user=target).exists()
    # Nobody else assigns roles.
    assert login(users["township_admin"]).get(reverse("accounts:roles")).status_code == 403
