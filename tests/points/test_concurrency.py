"""Redemptions at once, on both databases: never beyond a household's balance, never beyond the stock.

Each redemption runs in its own thread and connection, released together (tests/threads.py). On PostgreSQL the
household's account and the goods are row-locked for the check and the write; SQLite serialises writers
(IMMEDIATE transactions) on a file copy of the test database, as in production.
"""

import pytest

from gongzhi.core.errors import DomainError
from gongzhi.points.actions import entry_decide, goods_add, redemption_make
from gongzhi.points.models import Entry
from tests.threads import at_once, database_for_threads, rows_in

from .test_points import _award


def _balance(database: str, household_id: int) -> int:
    return rows_in(database, "SELECT balance FROM points_account WHERE household_id = %s", [household_id])[0][
        0
    ]


def _stock(database: str, goods_id: int) -> int:
    return rows_in(database, "SELECT quantity FROM points_goods WHERE id = %s", [goods_id])[0][0]


def _redemptions(database: str, goods_id: int) -> int:
    return rows_in(
        database, "SELECT COUNT(*) FROM points_entry WHERE kind = 'redemption' AND goods_id = %s", [goods_id]
    )[0][0]


def _earn(staff, second, catalogue, household, times: int) -> None:
    for _ in range(times):
        entry_decide(actor=second, entry=_award(staff, catalogue, household), approve=True)


@pytest.mark.django_db(transaction=True)
def test_eight_redemptions_at_once_never_overdraw_the_balance(
    staff, second, catalogue, households, audit_triggers_for_flush, tmp_path
):
    zhang = households["zhang"]
    _earn(staff, second, catalogue, zhang, 2)  # 10 points: two goods at 5
    soap = goods_add(actor=staff, community=catalogue.community, name="洗衣粉", price=5, quantity=50)
    database = database_for_threads(tmp_path, "points.sqlite3")
    outcomes = at_once(
        database,
        lambda n: redemption_make(actor=staff, community=catalogue.community, household=zhang, goods=soap),
        range(8),
    )
    done = [o for o in outcomes if isinstance(o, Entry)]
    refused = [o for o in outcomes if isinstance(o, DomainError) and o.code == "balance_short"]
    assert (len(done), len(refused)) == (2, 6), outcomes
    assert _balance(database, zhang.pk) == 0
    assert _stock(database, soap.pk) == 48
    assert _redemptions(database, soap.pk) == 2


@pytest.mark.django_db(transaction=True)
def test_eight_households_at_once_never_take_more_than_the_stock(
    staff, second, catalogue, households, areas, audit_triggers_for_flush, tmp_path
):
    from gongzhi.residents.actions import household_create

    homes = [household_create(actor=staff, area=areas["grid_a1"], number=f"QS-1{n:02d}") for n in range(8)]
    for home in homes:
        _earn(staff, second, catalogue, home, 1)
    towel = goods_add(actor=staff, community=catalogue.community, name="毛巾", price=5, quantity=3)
    database = database_for_threads(tmp_path, "points.sqlite3")
    outcomes = at_once(
        database,
        lambda n: redemption_make(
            actor=staff, community=catalogue.community, household=homes[n], goods=towel
        ),
        range(8),
    )
    done = [o for o in outcomes if isinstance(o, Entry)]
    refused = [o for o in outcomes if isinstance(o, DomainError) and o.code == "out_of_stock"]
    assert (len(done), len(refused)) == (3, 5), outcomes
    assert _stock(database, towel.pk) == 0
    assert _redemptions(database, towel.pk) == 3
    balances = sorted(_balance(database, h.pk) for h in homes)
    assert balances == [0, 0, 0, 5, 5, 5, 5, 5]
