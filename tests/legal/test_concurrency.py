"""Residents booking the same consultation slot at once, on both databases: one booking, the others told it is
taken. Each resident runs in their own thread and connection, released together (tests/threads.py): on
PostgreSQL the slot's row lock makes the second wait and then find it taken (and the partial unique index would
refuse it regardless); SQLite serialises writers (IMMEDIATE transactions) on a file copy of the test database."""

import pytest

from gongzhi.accounts.roles import Role
from gongzhi.core.errors import Conflict
from gongzhi.legal.actions import consultation_book
from tests.conftest import make_user
from tests.threads import at_once, count_in, database_for_threads, rows_in


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("residents", [2, 8])
def test_residents_booking_one_slot_at_once_get_one_booking(
    residents, areas, slot, audit_triggers_for_flush, tmp_path
):
    from gongzhi.legal.models import Consultation

    people = [make_user(f"rush{n}", Role.RESIDENT, areas["village"]) for n in range(residents)]
    target = slot()
    database = database_for_threads(tmp_path, "legal.sqlite3")
    outcomes = at_once(
        database,
        lambda n: consultation_book(actor=people[n], slot=target, topic="土地承包纠纷"),
        range(residents),
    )
    booked = [o for o in outcomes if isinstance(o, Consultation)]
    taken = [o for o in outcomes if isinstance(o, Conflict) and o.code == "slot_taken"]
    assert len(booked) == 1, outcomes
    assert len(taken) == residents - 1, outcomes
    assert count_in(database, Consultation.objects.filter(slot_id=target.pk)) == 1
    audited = rows_in(
        database, "SELECT COUNT(*) FROM audit_auditevent WHERE verb = %s", ["legal.consultation_booked"]
    )
    assert audited == [(1,)]
