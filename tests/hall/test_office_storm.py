"""Two officers deciding the same applications at once: exactly one decision each, on both databases.

Each officer runs in their own thread and connection and decides every application of the list (one
approving, one rejecting, in opposite orders so that they meet in the middle). The row lock makes the
second wait for the first and then see "已由…处理"; nothing of the loser is written. (The bench runs the
same storm at 200 applications.)
"""

import sqlite3
import threading

import pytest
from django.db import connection, connections

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import CaseEvent
from gongzhi.core.errors import Conflict
from gongzhi.hall.actions import office
from gongzhi.hall.models import Application
from tests.conftest import make_user

N = 8


def _database_for_threads(tmp_path) -> str:
    """SQLite: the threads run on a file copy of the in-memory test database (production runs on a file,
    WAL, IMMEDIATE transactions, a busy timeout); PostgreSQL: as is."""
    if connection.vendor != "sqlite":
        return ""
    path = str(tmp_path / "storm.sqlite3")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [path])
    return path


def _count(database: str, query) -> int:
    if not database:
        return query.count()
    sql, params = query.query.sql_with_params()
    with sqlite3.connect(database) as db:
        return db.execute(f"SELECT COUNT(*) FROM ({sql.replace('%s', '?')})", params).fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_the_same_applications_at_once_make_one_decision_each(
    areas, department, officer, make_matter, make_application, audit_triggers_for_flush, tmp_path
):
    second = make_user("officer2", display_name="民政办副主任")
    RoleAssignment.objects.create(user=second, role=Role.TOWNSHIP_REVIEWER, area=areas["township"],
                                  area_path=areas["township"].path, department=department)  # fmt: skip
    matter = make_matter()
    ids = [make_application(matter, state="township_review").pk for _ in range(N)]
    database = _database_for_threads(tmp_path)
    barrier = threading.Barrier(2)
    outcomes: dict[str, list[str]] = {"approve": [], "reject": []}

    def decide(actor, verb: str, order: list[int]) -> None:
        try:
            if database:
                connections["default"].settings_dict = {
                    **connections["default"].settings_dict,
                    "NAME": database,
                }
            barrier.wait()
            for pk in order:
                application = Application.objects.select_related("case", "matter").get(pk=pk)
                try:
                    office.application_decide(actor=actor, application=application, verb=verb,
                                              opinion="经审核，意见如上。")  # fmt: skip
                    outcomes[verb].append("decided")
                except Conflict as exc:
                    ok = exc.status == 409 and "无需重复办理" in exc.message
                    outcomes[verb].append("refused" if ok else f"wrong refusal: {exc.message}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(officer, "approve", ids)),
        threading.Thread(target=decide, args=(second, "reject", list(reversed(ids)))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes["approve"]) == len(outcomes["reject"]) == N, outcomes
    assert set(outcomes["approve"] + outcomes["reject"]) <= {"decided", "refused"}, outcomes
    assert outcomes["approve"].count("decided") + outcomes["reject"].count("decided") == N
    assert _count(database, AuditEvent.objects.filter(verb="hall.decided")) == N
    decided = CaseEvent.objects.filter(case_id__in=ids, verb__in=["approve", "reject"])
    assert _count(database, decided) == N
    for pk in ids:  # one move out of review per application, none on top of another
        assert _count(database, CaseEvent.objects.filter(case_id=pk, verb__in=["approve", "reject"])) == 1
