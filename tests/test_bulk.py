"""gongzhi.core.bulk: keys reserved for a bulk insert are never anyone else's, and rows land as written."""

import datetime as dt

import pytest
from django.db import transaction

from gongzhi.core.bulk import BulkTable, reserve_ids
from gongzhi.residents.models import Household


@pytest.mark.django_db
def test_reserved_keys_are_fresh_even_after_the_newest_row_is_deleted(areas):
    grid = areas["grid_a1"]

    def make(number):
        return Household.objects.create(
            number=number, area=grid, area_path=grid.path, community=areas["village"]
        )

    make("A")
    newest = make("B")
    newest_pk = newest.pk
    newest.delete()
    with transaction.atomic():
        keys = reserve_ids(Household, 3)
        assert len(set(keys)) == 3
        assert min(keys) > newest_pk
        table = BulkTable(Household)
        now = dt.datetime(2026, 11, 1, 8, 30, tzinfo=dt.UTC)
        rows = []
        for pk, number in zip(keys, ["C", "D", "E"], strict=True):
            household = Household(
                pk=pk,
                number=number,
                area=grid,
                area_path=grid.path,
                community=areas["village"],
                address="村口",
            )
            rows.append(table.values_of(household, now))
        assert table.insert(rows) == 3
    later = make("F")  # the table's own key allocation steps past the reserved keys
    assert later.pk > max(keys)
    stored = Household.objects.get(number="D")
    assert stored.pk == keys[1]
    assert stored.address == "村口"
    assert stored.created_at == now


def test_unknown_columns_are_refused():
    with pytest.raises(ValueError, match="nope"):
        BulkTable(Household, ("id", "nope"))
