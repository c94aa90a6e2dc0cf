"""Bookings of one slot at once, on both databases: one booking, every other refused as overlapping.

Each booker runs in their own thread and connection, released together by a barrier. On PostgreSQL the
bookings really overlap in time: the facility's row lock makes each wait for the one before it, which then sees
the slot taken; under the lock, the exclusion constraint (migration 0003) refuses an overlapping row even when
written around the action. SQLite serialises writers (IMMEDIATE transactions) on a file copy of the test
database, as in production.
"""

import pytest
from django.db import IntegrityError, connection, transaction

from gongzhi.accounts.roles import Role
from gongzhi.core.errors import Conflict
from gongzhi.facilities import actions
from gongzhi.facilities.models import Booking
from tests.conftest import make_user, migration_rows_restore
from tests.facilities.conftest import at
from tests.threads import at_once, count_in, database_for_threads


@pytest.mark.django_db(transaction=True)
def test_twelve_bookings_of_one_slot_at_once_make_one_booking(
    areas, users, audit_triggers_for_flush, tmp_path
):
    migration_rows_restore()
    from gongzhi.facilities.models import FacilityType

    facility = actions.facility_save(
        actor=users["community_staff"], community=areas["village"], facility_type=FacilityType.objects.first(),
        name="文体活动室", opens_at="08:00", closes_at="21:00", bookable=True, capacity=50,
    )  # fmt: skip
    people = [make_user(f"booker{n:02d}", Role.RESIDENT, areas["village"]) for n in range(12)]
    database = database_for_threads(tmp_path, "facilities.sqlite3")

    def book(n: int):
        # Overlapping ranges, not only equal ones: 09:00–11:00 and 10:00–12:00.
        start = 9 + n % 2
        return actions.booking_create(
            actor=people[n], facility=facility, starts_at=at(4, start), ends_at=at(4, start + 2), headcount=5,
            purpose="广场舞排练",
        )  # fmt: skip

    outcomes = at_once(database, book, range(12))
    made = [o for o in outcomes if isinstance(o, Booking)]
    refused = [o for o in outcomes if isinstance(o, Conflict) and o.code == "overlap"]
    assert len(made) == 1, outcomes
    assert len(refused) == 11, outcomes
    assert count_in(database, Booking.objects.filter(facility_id=facility.pk)) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's")
@pytest.mark.django_db
def test_postgresql_refuses_an_overlapping_row_written_around_the_action(users, room):
    facility = room()
    booking = actions.booking_create(
        actor=users["resident"], facility=facility, starts_at=at(3, 9), ends_at=at(3, 11), headcount=5,
        purpose="党小组学习",
    )  # fmt: skip
    values = {f: getattr(booking, f) for f in ("facility", "community", "area_path", "headcount", "purpose")}
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            **values, starts_at=at(3, 10), ends_at=at(3, 12), state="approved", booked_by=users["volunteer"]
        )
    # A refused or cancelled booking holds nothing: the same range may be written beside it.
    Booking.objects.create(
        **values, starts_at=at(3, 10), ends_at=at(3, 12), state="refused", booked_by=users["volunteer"]
    )
