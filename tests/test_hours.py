"""Service hours in the kernel: one crediting action for every feature, scoped reads, and the move of the
table from the wishes app (rows kept) on SQLite and PostgreSQL."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from gongzhi.core.errors import NotPermitted
from gongzhi.hours import sources
from gongzhi.hours.actions import hours_credit
from gongzhi.hours.models import ServiceCredit
from gongzhi.hours.selectors import hours_credit_list_for
from gongzhi.hours.sources import HoursSource, hours_source, hours_source_register


@pytest.fixture
def visit(monkeypatch):
    """A later feature's source (pairing visits), with a permission the fixtures' party member holds over the village."""
    monkeypatch.setitem(sources._SOURCES, "visit", HoursSource("visit", "结对走访", "offers.publish"))
    return "visit"


def credit(users, areas, source, *, actor=None, source_id=1, hours="1.5", helper=None):
    with transaction.atomic():
        return hours_credit(actor=actor or users["party_member"], target=areas["village"], source=source,
                            source_id=source_id, helper_id=(helper or users["party_member"]).pk,
                            hours=Decimal(hours), community_id=areas["village"].pk)  # fmt: skip


def test_the_features_register_their_sources():
    assert {"wish", "service"} <= {source.name for source in sources.hours_sources()}
    assert hours_source("wish").permission == "wishes.confirm"
    assert hours_source("service").permission == "offers.serve"


def test_a_source_registers_once_the_same_way(visit):
    assert hours_source_register("visit", label="结对走访", permission="offers.publish") == hours_source(
        "visit"
    )
    with pytest.raises(ValueError, match="already registered"):
        hours_source_register("visit", label="走访", permission="offers.serve")
    with pytest.raises(ValueError, match="1 to 20 characters"):
        hours_source_register("x" * 21, label="太长", permission="offers.serve")


@pytest.mark.django_db
def test_a_credit_is_written_once_per_source_item_and_helper(users, areas, visit):
    first = credit(users, areas, visit)
    assert (first.source, first.source_id, first.hours, first.helper) == (
        "visit",
        1,
        Decimal("1.5"),
        users["party_member"],
    )
    assert credit(users, areas, visit, hours="2") is None
    assert ServiceCredit.objects.get().hours == Decimal("1.5")
    assert credit(users, areas, visit, source_id=2).pk != first.pk


@pytest.mark.django_db
def test_crediting_needs_the_sources_permission_and_changes_nothing_without_it(users, areas, visit):
    with pytest.raises(NotPermitted):
        credit(users, areas, visit, actor=users["resident"])
    assert not ServiceCredit.objects.exists()


@pytest.mark.django_db
def test_crediting_refuses_an_unknown_source(users, areas, visit):
    with pytest.raises(LookupError):
        credit(users, areas, "unregistered")
    assert not ServiceCredit.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_crediting_refuses_a_call_outside_the_crediting_actions_transaction(users, areas, visit,
                                                                             audit_triggers_for_flush):  # fmt: skip
    with pytest.raises(RuntimeError, match="transaction"):
        hours_credit(actor=users["party_member"], target=areas["village"], source=visit, source_id=1,
                     helper_id=users["party_member"].pk, hours=Decimal(1), community_id=areas["village"].pk)  # fmt: skip
    assert not ServiceCredit.objects.exists()


@pytest.mark.django_db
def test_reads_are_scoped_to_the_helper_and_the_staff_over_the_community(users, areas, visit):
    credit(users, areas, visit, hours="1.5")
    credit(users, areas, visit, source_id=2, hours="2")
    helper = users["party_member"]
    for viewer in (helper, users["community_staff"]):
        assert sum(c.hours for c in hours_credit_list_for(viewer=viewer, helper_id=helper.pk)) == Decimal(
            "3.5"
        )
    assert hours_credit_list_for(viewer=users["township_admin"], source=visit).count() == 2
    for outsider in ("other_staff", "resident", "volunteer", "nobody"):
        assert not hours_credit_list_for(viewer=users[outsider]).exists(), outsider


BEFORE = [("wishes", "0002_wish_contact"), ("hours", None)]  # main before the move


def migrate_to(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1] is not None]).apps


def leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_move_from_wishes_keeps_every_credit(users, areas, audit_triggers_for_flush):
    """Migrate back to where main's wishes app held the table, write a credit there, migrate forward."""
    leaves = leaf_nodes()
    old_apps = migrate_to(BEFORE)
    try:
        assert "wishes_servicecredit" in connection.introspection.table_names()
        OldCredit = old_apps.get_model("wishes", "ServiceCredit")
        OldCredit.objects.create(helper_id=users["party_member"].pk, hours=Decimal("2.5"), source="wish",
                                 source_id=7, community_id=areas["village"].pk)  # fmt: skip
    finally:
        migrate_to(leaves)
    tables = connection.introspection.table_names()
    assert "hours_servicecredit" in tables
    assert "wishes_servicecredit" not in tables
    moved = ServiceCredit.objects.get()
    assert (moved.helper, moved.hours, moved.source, moved.source_id, moved.community) == (
        users["party_member"],
        Decimal("2.5"),
        "wish",
        7,
        areas["village"],
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # the once-only constraint came along
        ServiceCredit.objects.create(helper=users["party_member"], hours=1, source="wish", source_id=7,
                                     community=areas["village"])  # fmt: skip
