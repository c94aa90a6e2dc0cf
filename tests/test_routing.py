"""Routing by stage and by department: which roles act in each state, the queues and digest that follow it,
and the one engine function that answers "which moves may this user make now"."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Department
from gongzhi.cases import workflow
from gongzhi.cases.actions import case_move
from gongzhi.cases.digest import queue_counts_for
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.cases.selectors import case_moves_for, case_routed_q, case_routed_to
from gongzhi.cases.workflow import CaseType, Move, case_type_register, closed_within
from gongzhi.core.errors import Conflict
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

FRONT = frozenset({Role.WINDOW_CLERK})
BACK = frozenset({Role.TOWNSHIP_REVIEWER})


@pytest.fixture
def hall():
    """A service-hall-like case type: the front desk accepts, the back office decides."""
    case_type = case_type_register(
        CaseType(
            kind="test_hall",
            label="测试事项",
            states={"submitted": "待受理", "review": "待审批", "done": "已办结"},
            initial="submitted",
            moves=(
                Move("accept", frozenset({"submitted"}), "review", "受理"),
                Move("approve", frozenset({"review"}), "done", "审批通过"),
                Move("withdraw", frozenset({"submitted"}), "done", "撤回", permission="test.never"),
                Move("reopen", frozenset({"done"}), "submitted", "重新办理", check=closed_within(7)),
                Move("lapse", frozenset({"review"}), "done", "逾期办结", manual=False),
            ),
            closed=frozenset({"done"}),
            staff_roles=frozenset({Role.TOWNSHIP_ADMIN}),
            state_roles={"submitted": FRONT, "review": BACK},
            waiting_states=frozenset({"submitted", "review"}),
        )
    )
    yield case_type
    workflow._REGISTRY.pop("test_hall")


@pytest.fixture
def departments(areas):
    township = areas["township"]
    return {
        "civil": Department.objects.create(township=township, name="民政办"),
        "social": Department.objects.create(township=township, name="社会事务办"),
    }


def officer(name: str, area, department) -> object:
    user = make_user(name)
    RoleAssignment.objects.create(user=user, role=Role.TOWNSHIP_REVIEWER, area=area, area_path=area.path,
                                  department=department)  # fmt: skip
    return user


def case_in(state: str, users, areas, *, department=None, community="village") -> Case:
    area = areas[community]
    return Case.objects.create(kind="test_hall", state=state, title="申请", body="申请内容", submitted_by=users["resident"],
                               community=area, area_path=area.path, department=department)  # fmt: skip


def routed(user, case_type) -> set[int]:
    return set(Case.objects.filter(case_routed_q(user, case_type)).values_list("pk", flat=True))


def test_each_state_goes_to_the_roles_acting_in_it(hall, users, areas):
    waiting = case_in("submitted", users, areas)
    in_review = case_in("review", users, areas)
    case_in("done", users, areas)
    assert routed(users["window_clerk"], hall) == {waiting.pk}
    assert routed(users["township_reviewer"], hall) == {in_review.pk}
    assert routed(users["community_staff"], hall) == set()
    # A state without its own roles falls back to the type's staff roles.
    assert hall.roles_in("done") == {Role.TOWNSHIP_ADMIN}
    assert case_routed_to(users["window_clerk"], waiting)
    assert not case_routed_to(users["window_clerk"], in_review)


def test_a_case_of_a_department_goes_to_that_departments_officers_and_the_whole_township(
    hall, users, areas, departments
):
    civil_case = case_in("review", users, areas, department=departments["civil"])
    social_case = case_in("review", users, areas, department=departments["social"])
    plain = case_in("review", users, areas)
    civil_officer = officer("civil_officer", areas["township"], departments["civil"])
    assert routed(civil_officer, hall) == {civil_case.pk}
    # Held without a department, the role covers every department's cases of its area.
    assert routed(users["township_reviewer"], hall) == {civil_case.pk, social_case.pk, plain.pk}
    assert case_routed_to(civil_officer, civil_case)
    assert not case_routed_to(civil_officer, social_case)


def test_queue_counts_and_digest_follow_the_routing(hall, users, areas, departments):
    case_in("submitted", users, areas)
    overdue = case_in("review", users, areas, department=departments["civil"])
    Case.objects.filter(pk=overdue.pk).update(due_at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
    civil_officer = officer("civil_officer", areas["township"], departments["civil"])
    social_officer = officer("social_officer", areas["township"], departments["social"])
    clerk = {c.kind: c for c in queue_counts_for(users["window_clerk"])}["test_hall"]
    assert (clerk.waiting, clerk.overdue) == (1, 0)
    civil = {c.kind: c for c in queue_counts_for(civil_officer)}["test_hall"]
    assert (civil.waiting, civil.overdue) == (1, 1)
    social = {c.kind: c for c in queue_counts_for(social_officer)}["test_hall"]
    assert (social.waiting, social.overdue) == (0, 0)


def test_moves_for_a_user_come_from_routing_permissions_and_checks(hall, users, areas):
    waiting = case_in("submitted", users, areas)
    assert case_moves_for(waiting, users["window_clerk"]) == [
        "accept"
    ]  # withdraw needs a permission nobody has
    assert case_moves_for(waiting, users["township_reviewer"]) == []
    in_review = case_in("review", users, areas)
    assert case_moves_for(in_review, users["township_reviewer"]) == ["approve"]
    done = case_in("done", users, areas)
    done.closed_at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    assert case_moves_for(done, users["township_admin"], now=done.closed_at + dt.timedelta(days=6)) == [
        "reopen"
    ]
    assert case_moves_for(done, users["township_admin"], now=done.closed_at + dt.timedelta(days=8)) == []


def test_a_system_move_is_made_by_the_engine_but_offered_to_nobody(hall, users, areas):
    in_review = case_in("review", users, areas)
    for user in (users["township_reviewer"], users["township_admin"], users["window_clerk"]):
        assert "lapse" not in case_moves_for(in_review, user)
    moved = case_move(case=in_review, verb="lapse", actor=None)
    assert (moved.state, moved.closed_at is not None) == ("done", True)
    assert Case.objects.get(pk=in_review.pk).state == "done"


def test_a_case_move_returns_the_fresh_case_and_leaves_the_callers_alone(hall, users, areas):
    waiting = case_in("submitted", users, areas)
    moved = case_move(case=waiting, verb="accept", actor=users["window_clerk"], note="材料齐全")
    assert moved is not waiting
    assert moved.state == "review"
    assert waiting.state == "submitted"  # the caller's instance is as it was; it reads the returned one
    assert CaseEvent.objects.get(case=waiting, verb="accept").to_state == "review"
    with pytest.raises(Conflict, match="当前状态为“待审批”，不能受理"):
        case_move(
            case=waiting, verb="accept", actor=users["window_clerk"]
        )  # refused by the locked row's state
    assert Case.objects.get(pk=waiting.pk).state == "review"


def test_a_case_type_must_name_its_states_for_routing():
    with pytest.raises(AssertionError, match="roles for unknown states"):
        CaseType(kind="x", label="x", states={"a": "A"}, initial="a", moves=(),
                 state_roles={"b": FRONT})  # fmt: skip


def test_one_role_per_department_and_area(users, areas, departments):
    civil_officer = officer("civil_officer", areas["township"], departments["civil"])
    # The same role in another department of the same township is another assignment …
    RoleAssignment.objects.create(user=civil_officer, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                                  area_path=areas["township"].path, department=departments["social"])  # fmt: skip
    # … the same one twice is refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=civil_officer, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                                      area_path=areas["township"].path, department=departments["civil"])  # fmt: skip


def test_the_moves_partial_offers_the_pages_forms_the_user_may_use_in_the_pages_order(users):
    from gongzhi.cases.presentation import MoveForm, case_move_forms
    from gongzhi.situations import actions

    note = actions.situation_post(actor=users["resident"], category="roads", place="3组村道桥头",
                                  body="桥头路面塌了一个坑，晚上很危险。")  # fmt: skip
    note = actions.situation_accept(actor=users["community_staff"], situation=note)
    note = actions.situation_resolve(actor=users["community_staff"], situation=note, handled_note="已修补")
    forms = [MoveForm("rate", button="提交评价"), MoveForm("reopen"), MoveForm("accept")]
    offered = case_move_forms(note, users["resident"], forms, url_name="situations:{verb}")
    assert [(m.verb, m.url, m.button) for m in offered] == [
        ("rate", f"/situations/{note.pk}/rate/", "提交评价"),
        ("reopen", f"/situations/{note.pk}/reopen/", "重新办理"),  # the move's label from the type
    ]
    assert case_move_forms(note, users["community_staff"], forms, url_name="situations:{verb}") == []


def test_the_security_admin_assigns_a_role_in_a_department_of_the_township(users, areas, departments):
    from gongzhi.accounts.actions import role_assign
    from gongzhi.accounts.scopes import department_ids_for
    from gongzhi.audit.models import AuditEvent
    from gongzhi.core.errors import DomainError

    target = make_user("lin")
    role_assign(actor=users["sec_admin"], user=target, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                department=departments["civil"])  # fmt: skip
    assert department_ids_for(target) == {departments["civil"].pk}
    assert AuditEvent.objects.get(verb="role.assigned").summary == {
        "role": "township_reviewer", "area": "永安镇民政办", "department": "民政办"}  # fmt: skip
    with pytest.raises(DomainError):  # the same again
        role_assign(actor=users["sec_admin"], user=target, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                    department=departments["civil"])  # fmt: skip
    with pytest.raises(DomainError) as error:  # a department is held over its own township
        role_assign(actor=users["sec_admin"], user=target, role=Role.COMMUNITY_STAFF, area=areas["village"],
                    department=departments["social"])  # fmt: skip
    assert error.value.field == "department"
    assert RoleAssignment.objects.filter(user=target).count() == 1
