"""Exports that need approval — full IDs and phones, or a masked export over 200 rows: a stated purpose,
a second person's approval, one audited download, and a full file that imports again unchanged
(issue 8; SECURITY-TARGETS §7 row 33)."""

import datetime as dt
import hashlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.core.crypto import decrypt
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.notices.models import Notice
from gongzhi.residents import actions
from gongzhi.residents.export_actions import (
    FULL_EXPORT_FIELDS,
    export_request_decide,
    export_request_download,
    export_request_submit,
)
from gongzhi.residents.exports import resident_export
from gongzhi.residents.imports import resident_import_start
from gongzhi.residents.models import ExportRequest, Household, Resident, ResidentEvent
from tests.conftest import make_user


@pytest.fixture
def second_admin(areas):
    return make_user("township_admin_2", Role.TOWNSHIP_ADMIN, areas["township"], display_name="第二管理员")


@pytest.fixture
def village(users, areas, make_resident):
    """Two households of 青山村 (one in a building-less grid, heads first) and a loner with tags."""
    staff = users["community_staff"]
    one = actions.household_create(
        actor=staff, area=areas["grid_a1"], number="QS-0001", address="青山村1组8号"
    )
    two = actions.household_create(actor=staff, area=areas["grid_a2"], number="QS-0002")
    people = [
        make_resident("grid_a1", name="张大山", phone="13800138000", relation_to_head="户主", tags="党员"),
        make_resident(
            "grid_a1", name="李秀英", relation_to_head="配偶", birth=dt.date(1962, 2, 1), gender="F"
        ),
        make_resident("grid_a2", name="王五", relation_to_head="户主", phone="13900139000"),
        make_resident("grid_a2", name="赵六", birth=dt.date(1990, 7, 9), tags="低保、党员"),
    ]
    for person, household in zip(people, [one, one, two, None], strict=True):
        Resident.objects.filter(pk=person.pk).update(household=household)
    return people


def _state():
    return (
        set(ExportRequest.objects.values_list("pk", "status", "decided_by_id", "sha256")),
        AuditEvent.objects.count(),
        Notice.objects.count(),
    )


def _ask(users, areas, who="community_staff", **kw):
    return export_request_submit(
        actor=users[who],
        area=kw.pop("area", areas["village"]),
        reason=kw.pop("reason", "低保年审核对身份信息"),
        **kw,
    )


def test_a_request_states_its_purpose_is_audited_and_tells_the_approvers(users, areas, village, second_admin):
    request = _ask(users, areas)
    assert (request.status, request.row_count) == ("pending", 4)
    event = AuditEvent.objects.get(verb="resident.export_requested")
    assert event.summary["reason"] == "低保年审核对身份信息"
    assert event.summary["rows"] == 4
    assert event.summary["fields"] == FULL_EXPORT_FIELDS
    told = set(Notice.objects.filter(kind="export_requested").values_list("recipient__username", flat=True))
    assert told == {"township_admin", "township_admin_2"}


@pytest.mark.parametrize(
    ("who", "kw", "error"),
    [
        ("community_staff", {"reason": "  "}, DomainError),
        ("community_staff", {"reason": "看看"}, DomainError),
        ("community_staff", {"filters": {"q": "无此人"}}, DomainError),
        ("grid_worker", {}, NotPermitted),
        ("window_clerk", {}, NotPermitted),
        ("township_reviewer", {}, NotPermitted),
        ("other_staff", {}, NotPermitted),  # 东街社区's staff over 青山村
    ],
)
def test_requests_without_reason_rows_or_rights_are_refused_and_change_nothing(
    who, kw, error, users, areas, village
):
    before = _state()
    with pytest.raises(error):
        _ask(users, areas, who, **kw)
    assert _state() == before


def test_a_request_nobody_else_could_approve_is_refused(users, areas, village):
    before = _state()  # the only township officer asks: there is no second person
    with pytest.raises(DomainError) as info:
        _ask(users, areas, "township_admin")
    assert info.value.code == "no_approver"
    assert _state() == before


def test_nobody_approves_their_own_request(users, areas, village, second_admin):
    request = _ask(users, areas, "township_admin")
    before = _state()
    with pytest.raises(DomainError) as info:
        export_request_decide(actor=users["township_admin"], request=request, approve=True)
    assert info.value.code == "self_approval"
    assert "不能审批自己" in info.value.message
    assert _state() == before
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it as well
        ExportRequest.objects.filter(pk=request.pk).update(decided_by=users["township_admin"])
    export_request_decide(actor=second_admin, request=request, approve=True)
    assert ExportRequest.objects.get(pk=request.pk).status == "approved"


def test_only_the_township_office_approves(users, areas, village):
    request = _ask(users, areas)
    before = _state()
    for who in ("community_staff", "window_clerk", "grid_worker", "township_reviewer", "audit_admin"):
        with pytest.raises(NotPermitted):
            export_request_decide(actor=users[who], request=request, approve=True)
    assert _state() == before


def test_a_refusal_needs_a_reason_and_blocks_the_download(users, areas, village):
    request = _ask(users, areas)
    with pytest.raises(DomainError):
        export_request_decide(actor=users["township_admin"], request=request, approve=False, note="")
    export_request_decide(
        actor=users["township_admin"], request=request, approve=False, note="用途不需要完整号码"
    )
    assert AuditEvent.objects.filter(verb="resident.export_refused").exists()
    told = Notice.objects.get(recipient=users["community_staff"], kind="export_decided")
    assert "未获批准" in told.title
    assert "用途不需要完整号码" in told.body
    before = _state()
    with pytest.raises(DomainError) as info:
        export_request_download(actor=users["community_staff"], request=request)
    assert info.value.code == "not_approved"
    assert _state() == before
    with pytest.raises(DomainError):  # decided once
        export_request_decide(actor=users["township_admin"], request=request, approve=True)


def test_an_approval_serves_one_audited_download_by_the_requester(users, areas, village):
    request = _ask(users, areas)
    export_request_decide(actor=users["township_admin"], request=request, approve=True, note="同意")
    assert Notice.objects.get(recipient=users["community_staff"], kind="export_decided").title.endswith(
        "已批准"
    )
    before = _state()
    with pytest.raises(DomainError) as info:  # the approver may not take the file
        export_request_download(actor=users["township_admin"], request=request)
    assert info.value.code == "not_requester"
    assert _state() == before
    data, count = export_request_download(actor=users["community_staff"], request=request)
    assert count == 4
    event = AuditEvent.objects.get(verb="resident.export_downloaded")
    digest = hashlib.sha256(data).hexdigest()
    assert event.summary["sha256"] == digest
    assert event.summary["rows"] == 4
    assert event.summary["reason"] == "低保年审核对身份信息"
    assert event.summary["fields"] == FULL_EXPORT_FIELDS
    assert ExportRequest.objects.get(pk=request.pk).sha256 == digest
    full_id = decrypt(village[0].id_ciphertext, context="resident.id_number")
    assert full_id not in str(event.summary)
    book = load_workbook(BytesIO(data))
    assert book.worksheets[0].title.startswith(f"居民-申请{request.pk}")  # watermark: the request, the day
    assert "community_staff" in book.properties.creator
    assert any("community_staff" in (c.value or "") for c in book["说明"]["A"])
    before = _state()
    with pytest.raises(DomainError) as info:
        export_request_download(actor=users["community_staff"], request=request)
    assert info.value.code == "downloaded"
    assert _state() == before


def test_approvals_and_requests_expire(users, areas, village):
    request = _ask(users, areas)
    ExportRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    before = _state()
    with pytest.raises(DomainError) as info:
        export_request_decide(actor=users["township_admin"], request=request, approve=True)
    assert info.value.code == "expired"
    assert _state() == before
    request = _ask(users, areas)
    export_request_decide(actor=users["township_admin"], request=request, approve=True)
    approved = ExportRequest.objects.get(pk=request.pk)
    assert dt.timedelta(hours=23) < approved.expires_at - approved.decided_at <= dt.timedelta(hours=24)
    ExportRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    before = _state()
    with pytest.raises(DomainError) as info:
        export_request_download(actor=users["community_staff"], request=request)
    assert info.value.code == "expired"
    assert _state() == before


def test_the_masked_export_stays_the_default(users, areas, village):
    data, _count = resident_export(actor=users["community_staff"], filters={"status": "active"})
    rows = list(load_workbook(BytesIO(data)).active.iter_rows(values_only=True))
    assert "身份证号(后四位)" in rows[0]
    assert "身份证号" not in rows[0]
    text = " ".join(str(v) for row in rows for v in row)
    assert decrypt(village[0].id_ciphertext, context="resident.id_number") not in text
    assert "13800138000" not in text


def _snapshot(residents):
    result = {}
    for r in residents.select_related("household", "area").prefetch_related("tags"):
        result[decrypt(r.id_ciphertext, context="resident.id_number")] = (
            r.name, r.gender, r.birth_date, r.ethnicity, r.political_status, r.education, r.marital_status,
            decrypt(r.phone_ciphertext, context="resident.phone") if r.phone_ciphertext else "",
            r.registered_address, r.current_address, r.residence_type, r.area_id, r.community_id,
            r.household.number if r.household else "", r.relation_to_head, sorted(t.name for t in r.tags.all()),
            r.name_pinyin, r.name_sort,
        )  # fmt: skip
    return result


def test_a_full_export_imports_again_into_an_emptied_community(users, areas, village):
    before = _snapshot(Resident.objects.filter(community=areas["village"]))
    assert len(before) == 4
    request = _ask(users, areas)
    export_request_decide(actor=users["township_admin"], request=request, approve=True)
    data, _count = export_request_download(actor=users["community_staff"], request=request)

    # The community's register is emptied (as in a new installation), then the file is imported.
    ResidentEvent.objects.all().delete()
    Resident.tags.through.objects.all().delete()
    Resident.objects.all().delete()
    Household.objects.all().delete()
    job = resident_import_start(
        actor=users["community_staff"], upload=SimpleUploadedFile("完整导出.xlsx", data)
    )
    assert job.status == "succeeded", (job.message, job.row_errors)
    assert _snapshot(Resident.objects.filter(community=areas["village"])) == before
    assert Household.objects.get(number="QS-0001").members.count() == 2


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_pages_work_without_javascript(users, areas, village):
    staff, admin = _client(users["community_staff"]), _client(users["township_admin"])
    assert "导出申请（需审批）" in staff.get(reverse("residents:list")).content.decode()
    form = staff.get(reverse("residents:export_request_new")).content.decode()
    assert "用途" in form
    assert "青山村" in form
    refused = staff.post(reverse("residents:export_request_new"), {"area": areas["village"].pk, "status": "active",
                                                                     "reason": ""})  # fmt: skip
    assert refused.status_code == 200
    assert not ExportRequest.objects.exists()
    response = staff.post(reverse("residents:export_request_new"), {"area": areas["village"].pk, "status": "active",
                                                                      "reason": "低保年审核对身份信息", "full_data": "on"})  # fmt: skip
    request = ExportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:export_request_detail", args=[request.pk])
    detail = admin.get(reverse("residents:export_request_detail", args=[request.pk])).content.decode()
    assert "提交审批" in detail
    assert "低保年审核对身份信息" in detail
    assert (
        "提交审批"
        not in staff.get(reverse("residents:export_request_detail", args=[request.pk])).content.decode()
    )
    admin.post(
        reverse("residents:export_request_decide", args=[request.pk]), {"decision": "approve", "note": ""}
    )
    detail = staff.get(reverse("residents:export_request_detail", args=[request.pk]))
    assert "下载 Excel（完整信息）" in detail.content.decode()
    assert detail["Cache-Control"] == "no-store"
    download = staff.post(reverse("residents:export_request_download", args=[request.pk]))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    again = staff.post(reverse("residents:export_request_download", args=[request.pk]), follow=True)
    assert "只能下载一次" in again.content.decode()
    assert "已下载" in staff.get(reverse("residents:export_requests")).content.decode()


# --- Many masked rows also need an approval (row 33: "Export 201+ rows") -------------------


def test_a_large_masked_export_needs_an_approval(users, areas, village, settings):
    settings.GONGZHI_EXPORT_APPROVAL_ROWS = 3  # the village has 4 residents
    before = _state()
    with pytest.raises(DomainError) as info:
        resident_export(actor=users["community_staff"], filters={"status": "active"})
    assert info.value.code == "needs_approval"
    assert _state() == before
    response = _client(users["community_staff"]).get(
        reverse("residents:export") + "?q=z"
    )  # 张大山, 赵六: 2 rows
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd")
    response = _client(users["community_staff"]).get(reverse("residents:export") + "?status=active")
    assert response.status_code == 302
    assert "full=0" in response["Location"]
    form = _client(users["community_staff"]).get(response["Location"]).content.decode()
    assert 'name="full_data"' in form
    assert 'name="full_data" checked' not in form.replace('" checked', " checked")


def test_a_small_masked_export_needs_no_request(users, areas, village):
    before = _state()
    with pytest.raises(DomainError) as info:
        _ask(users, areas, full_data=False)
    assert info.value.code == "no_approval_needed"
    assert _state() == before


def test_an_approved_masked_export_is_masked_watermarked_and_audited(users, areas, village, settings):
    settings.GONGZHI_EXPORT_APPROVAL_ROWS = 3
    request = _ask(users, areas, full_data=False)
    assert "脱敏" in Notice.objects.filter(kind="export_requested").first().body
    export_request_decide(actor=users["township_admin"], request=request, approve=True)
    data, count = export_request_download(actor=users["community_staff"], request=request)
    book = load_workbook(BytesIO(data))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert count == 4
    assert "身份证号(后四位)" in rows[0]
    assert "身份证号" not in rows[0]
    text = " ".join(str(v) for row in rows for v in row)
    assert decrypt(village[0].id_ciphertext, context="resident.id_number") not in text
    assert "13800138000" not in text
    assert any("脱敏" in (c.value or "") for c in book["说明"]["A"])
    event = AuditEvent.objects.get(verb="resident.export_downloaded")
    assert event.summary["full"] is False
    assert event.summary["sha256"] == hashlib.sha256(data).hexdigest()
