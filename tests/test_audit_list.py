"""The audit list: sentences, filters (validated, kept in the pager), scope, masking, queries, export."""

import datetime as dt
import hashlib
import io
import re

import pytest
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.accounts.roles import Role
from gongzhi.audit.actions import audit_event_record
from gongzhi.audit.models import AuditEvent
from gongzhi.audit.presentation import audit_lines_for
from gongzhi.audit.selectors import audit_list_for
from gongzhi.offers import actions as offers
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def record(verb="area.updated", *, actor=None, area=None, target=None, summary=None, **extra):
    with transaction.atomic():
        return audit_event_record(
            actor=actor, verb=verb, area=area, target=target, summary=summary or {}, **extra
        )


def rows_of(response) -> list[str]:
    body = response.content.decode()
    return re.findall(r'data-testid="audit-sentence">(.*?)</td>', body, flags=re.S)


def test_the_list_shows_sentences_not_dicts(client, users, areas, make_resident):
    make_resident("grid_a1", name="李秀英")
    client.force_login(users["audit_admin"])
    body = client.get("/audit/").content.decode()
    assert "登记居民「李秀英(**************" in body
    assert "{" not in "".join(rows_of(client.get("/audit/")))
    assert "&#x27;" not in body
    assert "{&#x27;" not in body


def test_filters_by_actor_verb_area_target_and_dates(client, users, areas, make_resident):
    resident = make_resident("grid_a1", name="李秀英")
    make_resident("grid_b1", name="王五")
    client.force_login(users["audit_admin"])

    def sentences(query):
        response = client.get("/audit/?" + query)
        assert response.status_code == 200
        return rows_of(response)

    by_name = sentences("actor=community_staff")
    assert by_name
    assert all("李秀英" in s or "户" in s or "居民" in s for s in by_name)
    assert not any("王五" in s for s in by_name)
    assert sentences("actor=other_staff")
    assert all("王五" in s for s in sentences("verb=resident.created&actor=other_staff"))
    assert len(sentences("verb=resident.created")) == 2
    village = sentences(f"verb=resident.created&area={areas['village'].pk}")
    assert len(village) == 1
    assert "李秀英" in village[0]
    by_id = sentences(f"target_type=residents.resident&target={resident.pk}")
    assert by_id
    assert all("李秀英" in s for s in by_id)
    assert len(sentences("target=王五")) == 1
    today = timezone.localdate()
    assert len(sentences(f"verb=resident.created&date_from={today}&date_to={today}")) == 2
    assert sentences(f"verb=resident.created&date_to={today - dt.timedelta(days=1)}") == []
    assert sentences(f"verb=resident.created&date_from={today + dt.timedelta(days=1)}") == []


def test_bad_filters_get_a_chinese_message_beside_the_field(client, users, make_resident):
    make_resident("grid_a1", name="李秀英")
    client.force_login(users["audit_admin"])
    response = client.get("/audit/?date_from=2026-13-45&actor=community_staff")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_date_from-error"' in body
    assert "请输入有效的日期" in body
    assert 'aria-describedby="id_date_from-error"' in body
    assert 'aria-invalid="true"' in body
    assert rows_of(response), "the valid filters still apply"
    response = client.get("/audit/?date_from=2026-03-02&date_to=2026-03-01")
    assert "截止日期不能早于起始日期" in response.content.decode()
    for nasty in ("date_to=99999-01-01", "verb=made.up", "area=abc", "area=99999999999999999999", "page=x"):
        assert client.get("/audit/?" + nasty).status_code == 200, nasty


def test_the_pager_keeps_the_filters(client, users):
    with transaction.atomic():
        for n in range(60):
            audit_event_record(actor=users["sys_admin"], verb="tag.created", summary={"name": f"标签{n}"})
    client.force_login(users["audit_admin"])
    body = client.get("/audit/?verb=tag.created&actor=sys_admin").content.decode()
    assert 'href="?verb=tag.created&amp;actor=sys_admin&amp;page=2"' in body
    second = client.get("/audit/?verb=tag.created&actor=sys_admin&page=2")
    assert len(rows_of(second)) == 10


QUERIES = {"audit_admin": 7, "supervisor": 8}


@pytest.mark.parametrize("viewer", ["audit_admin", "supervisor"])
def test_the_list_takes_a_fixed_number_of_queries(viewer, client, users, areas, django_assert_num_queries):
    def add(n):
        with transaction.atomic():
            for i in range(n):
                audit_event_record(actor=users["community_staff"], verb="tag.created", area=areas["village"],
                                   summary={"name": f"标签{i}"})  # fmt: skip
                audit_event_record(actor=users["resident"], verb="booking.cancelled", area=areas["village"],
                                   summary={"offer": i})  # fmt: skip

    client.force_login(users[viewer])
    add(2)
    client.get("/audit/")
    # session, user, roles, the header's unread notices, the count, the page (areas joined), its role holders (masked rows only)
    expected = QUERIES[viewer]
    with django_assert_num_queries(expected):
        assert client.get("/audit/").status_code == 200
    add(20)
    with django_assert_num_queries(expected):
        response = client.get("/audit/")
    assert len(rows_of(response)) >= 42


def test_scope_audit_admin_sees_all_supervisor_only_their_community(client, users, areas, make_resident):
    make_resident("grid_a1", name="李秀英")
    make_resident("grid_b1", name="王五")
    record("access.refused", actor=users["resident"], summary={"method": "GET", "path": "/x/", "status": 404})
    supervisor = audit_list_for(viewer=users["supervisor"])
    assert supervisor.exists()
    assert all(e.area_path.startswith(areas["village"].path) for e in supervisor)
    assert not supervisor.filter(verb__startswith="access.").exists()
    admin = audit_list_for(viewer=users["audit_admin"])
    assert admin.filter(area_path__startswith=areas["urban"].path).exists()
    assert admin.filter(verb="access.refused").exists()
    for role in ("community_staff", "resident", "township_admin", "sys_admin", "nobody"):
        assert not audit_list_for(viewer=users[role]).exists(), role
    client.force_login(users["supervisor"])
    body = client.get(f"/audit/?area={areas['urban'].pk}").content.decode()
    assert "王五" not in body
    assert "王**" not in body
    assert 'data-testid="audit-refusals"' not in body
    assert 'data-testid="audit-export"' not in body


# --- The supervisor reads names the way the app shows them to a role without the register ---------


def test_a_supervisor_sees_a_booker_masked_as_the_offerer_does(client, users, areas, make_resident):
    # Given a resident with an account who books a service, and one a clerk books for
    booker = users["resident"]
    booker.display_name = "王建国"
    booker.save(update_fields=["display_name"])
    start = timezone.now() + dt.timedelta(days=3)
    offer = offers.offer_publish(actor=users["party_member"], community=areas["village"], title="义务理发",
                                 description="周六上午为老人理发。", place="村委会", starts_at=start,
                                 ends_at=start + dt.timedelta(hours=2), places=5)  # fmt: skip
    offers.booking_create(actor=booker, offer=offer)
    elder = make_resident("grid_a1", name="李秀英")
    # When the supervisor and the audit administrator read the trail
    client.force_login(users["supervisor"])
    supervisor_page = client.get("/audit/").content.decode()
    client.force_login(users["audit_admin"])
    admin_page = client.get("/audit/").content.decode()
    # Then the supervisor sees the private persons masked (王**, 李**) and the cadres named
    assert "王建国" not in supervisor_page
    assert "王**" in supervisor_page
    assert "李秀英" not in supervisor_page
    assert "李**" in supervisor_page
    assert "party_member(party_member)" in supervisor_page
    assert "community_staff(community_staff)" in supervisor_page
    # and the audit administrator sees who it was
    assert "王建国" in admin_page
    assert "李秀英" in admin_page
    # And the supervisor cannot find the name by searching for it either
    client.force_login(users["supervisor"])
    assert rows_of(client.get("/audit/?actor=王建国")) == []
    assert rows_of(client.get("/audit/?target=李秀英")) == []
    assert rows_of(client.get(f"/audit/?target={elder.pk}&target_type=residents.resident"))


def test_a_supervisor_who_reads_the_register_sees_names_there(users, areas, make_resident):
    make_resident("grid_a1", name="李秀英")
    both = make_user("both", Role.SUPERVISOR, areas["village"])
    from gongzhi.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=both, role=Role.COMMUNITY_STAFF, area=areas["village"],
                                  area_path=areas["village"].path)  # fmt: skip
    lines = audit_lines_for(viewer=both, events=audit_list_for(viewer=both, verb="resident.created"))
    assert lines
    assert all("李秀英" in line.sentence and not line.masked for line in lines)


# --- Export ----------------------------------------------------------------------------------------


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_audit_admin_exports_the_filtered_trail_and_the_export_is_audited(
    client, users, areas, make_resident
):
    make_resident("grid_a1", name="李秀英")
    evil = make_user(
        "evil", Role.COMMUNITY_STAFF, areas["urban"], display_name='=HYPERLINK("http://x","点我")'
    )
    make_resident("grid_b1", name="王五", actor=evil)  # an actor label that would run as a formula
    client.force_login(users["audit_admin"])
    response = client.get("/audit/export/?verb=resident.created")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("编号", "时间", "操作人", "操作", "说明")
    assert len(rows) == 3
    assert all(not str(cell).startswith("=") for row in rows for cell in row if cell is not None)
    assert any(str(row[2]).startswith("'=HYPERLINK") for row in rows)
    assert any("登记居民「李秀英" in str(row[4]) for row in rows)
    exported = AuditEvent.objects.filter(verb="audit.exported").get()
    assert exported.actor == users["audit_admin"]
    assert exported.summary["rows"] == 2
    assert exported.summary["filters"] == {"verb": "resident.created"}
    assert exported.summary["sha256"] == hashlib.sha256(response.content).hexdigest()


def test_the_export_is_bounded_with_a_clear_message(client, users, settings, make_resident):
    settings.GONGZHI_AUDIT_EXPORT_ROW_LIMIT = 2
    for name in ("甲一", "乙二", "丙三"):
        make_resident("grid_a1", name=name)
    client.force_login(users["audit_admin"])
    before = AuditEvent.objects.count()
    response = client.get("/audit/export/?verb=resident.created", follow=True)
    assert "一次最多导出2条" in response.content.decode()
    assert response.redirect_chain[-1][0] == "/audit/?verb=resident.created"
    assert AuditEvent.objects.count() == before


def test_the_export_refuses_bad_filters_and_other_roles(client, users):
    client.force_login(users["audit_admin"])
    response = client.get("/audit/export/?date_from=bad", follow=True)
    assert "请先改正筛选条件" in response.content.decode()
    assert not AuditEvent.objects.filter(verb="audit.exported").exists()
    client.force_login(users["supervisor"])
    assert client.get("/audit/export/").status_code == 403
    assert not AuditEvent.objects.filter(verb="audit.exported").exists()
