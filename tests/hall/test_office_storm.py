"""Two officers deciding the same applications at once: exactly one decision each, on both databases.

Each officer runs in their own thread and connection and decides every application of the list (one
approving, one rejecting, in opposite orders so that they meet in the middle). The row lock makes the
second wait for the first and then see "已由…处理"; nothing of the loser is written. (The bench runs the
same storm at 200 applications.)
"""

import pytest

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import CaseEvent
from gongzhi.core.errors import Conflict
from gongzhi.hall.actions import office
from gongzhi.hall.models import Application
from tests.conftest import make_user
from tests.threads import at_once, count_in, database_for_threads

N = 8


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_the_same_applications_at_once_make_one_decision_each(
    areas, department, officer, make_matter, make_application, audit_triggers_for_flush, tmp_path
):
    second = make_user("officer2", display_name="民政办副主任")
    RoleAssignment.objects.create(user=second, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                                  area_path=areas["township"].path, department=department)  # fmt: skip
    matter = make_matter()
    ids = [make_application(matter, state="township_review").pk for _ in range(N)]
    database = database_for_threads(tmp_path, "storm.sqlite3")
    outcomes: dict[str, list[str]] = {"approve": [], "reject": []}

    def decide(officer_verb_order) -> None:
        actor, verb, order = officer_verb_order
        for pk in order:
            application = Application.objects.select_related("case", "matter").get(pk=pk)
            try:
                office.application_decide(actor=actor, application=application, verb=verb,
                                          opinion="经审核，意见如上。")  # fmt: skip
                outcomes[verb].append("decided")
            except Conflict as exc:
                ok = exc.status == 409 and "无需重复办理" in exc.message
                outcomes[verb].append("refused" if ok else f"wrong refusal: {exc.message}")

    finished = at_once(database, decide, [(officer, "approve", ids), (second, "reject", list(reversed(ids)))])
    assert finished == [None, None], finished
    assert len(outcomes["approve"]) == len(outcomes["reject"]) == N, outcomes
    assert set(outcomes["approve"] + outcomes["reject"]) <= {"decided", "refused"}, outcomes
    assert outcomes["approve"].count("decided") + outcomes["reject"].count("decided") == N
    assert count_in(database, AuditEvent.objects.filter(verb="hall.decided")) == N
    decided = CaseEvent.objects.filter(case_id__in=ids, verb__in=["approve", "reject"])
    assert count_in(database, decided) == N
    for pk in ids:  # one move out of review per application, none on top of another
        assert count_in(database, CaseEvent.objects.filter(case_id=pk, verb__in=["approve", "reject"])) == 1
