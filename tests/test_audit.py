import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from gongzhi.audit.actions import audit_event_record
from gongzhi.audit.models import GENESIS, AuditEvent
from gongzhi.audit.schema import drop_triggers, install_triggers
from gongzhi.audit.selectors import audit_list_for
from gongzhi.audit.verification import audit_chain_verify


def _record(n, actor=None):
    with transaction.atomic():
        return [audit_event_record(actor=actor, verb="area.updated", summary={"n": i}) for i in range(n)]


def test_rows_are_chained(db):
    rows = _record(3)
    assert rows[0].prev_hash == GENESIS
    assert rows[1].prev_hash == rows[0].row_hash
    assert rows[2].prev_hash == rows[1].row_hash
    assert audit_chain_verify().ok


def test_record_outside_a_transaction_is_refused(audit_triggers_for_flush):
    with pytest.raises(RuntimeError):
        audit_event_record(actor=None, verb="area.updated")


def test_unknown_verb_is_refused(db):
    with pytest.raises(ValueError, match="unregistered audit verb 'made.up'"), transaction.atomic():
        audit_event_record(actor=None, verb="made.up")


def test_update_and_delete_are_refused_by_the_database(db):
    row = _record(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).update(verb="auth.login")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).delete()
    assert AuditEvent.objects.get(pk=row.pk).verb == "area.updated"


def _tamper(sql, params):
    drop_triggers(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        install_triggers(connection)


def test_verify_names_the_row_whose_byte_changed(db, capsys):
    rows = _record(5)
    call_command("verify_audit")
    assert "OK" in capsys.readouterr().out
    target = rows[2]
    # Change one byte of one column of one row, as someone with file access could.
    _tamper("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["匿名X"[:2] + "Y", target.pk])
    with pytest.raises(CommandError) as info:
        call_command("verify_audit")
    assert f"row {target.pk}" in str(info.value)
    report = audit_chain_verify()
    assert report.broken_id == target.pk
    assert report.checked == 2


def test_verify_names_the_row_after_a_deleted_one(db):
    rows = _record(4)
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [rows[1].pk])
    assert audit_chain_verify().broken_id == rows[2].pk


def test_supervisor_sees_only_own_community(users, areas, make_resident):
    make_resident("grid_a1", name="李四")
    make_resident("grid_b1", name="王五")
    supervisor_rows = audit_list_for(viewer=users["supervisor"])
    assert supervisor_rows.exists()
    assert all(r.area_path.startswith(areas["village"].path) for r in supervisor_rows)
    all_rows = audit_list_for(viewer=users["audit_admin"])
    assert all_rows.filter(area_path__startswith=areas["urban"].path).exists()
    assert not audit_list_for(viewer=users["community_staff"]).exists()
