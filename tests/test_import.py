"""Excel import: every row validated; any bad row imports nothing and yields a report."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from openpyxl import Workbook, load_workbook

from gongzhi.audit.models import AuditEvent
from gongzhi.core.crypto import decrypt
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.residents.actions import id_index_of
from gongzhi.residents.imports import import_dir, import_prepared, resident_import_start, validate_file
from gongzhi.residents.models import Household, Resident, ResidentEvent
from gongzhi.residents.spreadsheet import COLUMNS, template_workbook
from tests.idnumbers import make_id

HEADERS = [header for _key, header, _required in COLUMNS]


def row(**values):
    by_header = {header: values.get(key, "") for key, header, _r in COLUMNS}
    return [by_header[h] for h in HEADERS]


def workbook(rows, headers=HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buffer = BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("居民.xlsx", buffer.getvalue())


def person(n, **extra):
    base = {
        "name": f"测试{'甲乙丙丁戊己庚辛壬癸'[n % 10]}",
        "id_number": make_id(dt.date(1970, 1, 1) + dt.timedelta(days=n), n),
        "community": "青山村",
        "grid": "1组网格",
    }
    base.update(extra)
    return row(**base)


def report_rows(job):
    wb = load_workbook(import_dir() / job.report_name, read_only=True)
    return [tuple(r) for r in wb.active.iter_rows(min_row=2, values_only=True)]


def test_template_has_the_columns_and_code_lists():
    wb = load_workbook(BytesIO(template_workbook()))
    assert [c.value.rstrip("*") for c in wb["居民"][1]] == HEADERS
    assert "汉族" in [c.value for c in wb["代码表"]["A"]]


def test_good_file_imports_atomically_with_new_households(users, areas):
    rows = [
        person(
            1, household_number="H-001", relation_to_head="户主", current_address="青山村1组8号", tags="党员"
        ),
        person(2, household_number="H-001", relation_to_head="配偶", gender="", phone="13800138000"),
        person(3, community="东街社区", grid="第1网格", building="1-1栋"),
    ]
    job = resident_import_start(actor=users["township_admin"], upload=workbook(rows))
    assert job.status == "succeeded", job.message
    assert job.imported_rows == 3
    assert Resident.objects.count() == 3
    household = Household.objects.get(number="H-001")
    assert household.members.count() == 2
    assert household.address == "青山村1组8号"
    head = household.members.get(relation_to_head="02")
    assert head.tags.filter(name="党员").exists()
    spouse = household.members.get(relation_to_head="10")
    assert decrypt(spouse.phone_ciphertext, context="resident.phone") == "13800138000"
    assert Resident.objects.get(area=areas["building"]).community_id == areas["urban"].pk
    event = AuditEvent.objects.get(verb="resident.imported")
    assert event.summary["rows"] == 3
    assert event.summary["households_created"] == 1
    assert not (import_dir() / job.stored_name).exists()  # the upload does not outlive the job
    assert not (import_dir() / f"{job.stored_name}.rows").exists()  # nor do its prepared rows
    registered = ResidentEvent.objects.filter(kind="registered", resident__in=household.members.all())
    assert registered.count() == 2
    assert {e.to_area_id for e in registered} == {head.area_id}
    assert all(e.recorded_by_id == users["township_admin"].pk for e in registered)
    head_id = person(1)[HEADERS.index("身份证号")]
    assert (head.name, head.name_pinyin, head.name_initials) == ("测试乙", "ceshiyi", "csy")
    assert head.id_last4 == head_id[-4:]
    assert head.id_index == id_index_of(head_id)
    assert decrypt(head.id_ciphertext, context="resident.id_number") == head_id


def test_rows_join_an_existing_household_and_get_fresh_keys(users, areas, make_resident):
    head = make_resident("grid_a1", name="老户主")
    household = Household.objects.create(
        number="OLD-1", area=areas["grid_a1"], area_path=areas["grid_a1"].path, community=areas["village"]
    )
    Resident.objects.filter(pk=head.pk).update(household=household)
    last = Resident.objects.order_by("-pk").first()
    job = resident_import_start(
        actor=users["township_admin"],
        upload=workbook([person(11, household_number="OLD-1", relation_to_head="子")]),
    )
    assert job.status == "succeeded", job.message
    newcomer = Resident.objects.get(household=household, relation_to_head="20")
    assert newcomer.pk > last.pk
    assert newcomer.community_id == areas["village"].pk


def test_register_changed_after_validation_imports_nothing(users, areas, tmp_path):
    """Someone registers the same person between the validating pass and the insert."""
    upload = workbook([person(21), person(22, household_number="NEW-9", relation_to_head="户主")])
    path = tmp_path / "file.xlsx"
    path.write_bytes(upload.read())
    result = validate_file(
        path, actor=users["township_admin"], progress=lambda *a: None, total=2, spool=tmp_path / "rows"
    )
    assert not result.errors
    assert result.prepared is not None
    assert result.prepared.rows == 2
    clash = person(22)[HEADERS.index("身份证号")]
    Resident.objects.create(
        name="抢先", id_ciphertext="x", id_index=id_index_of(clash), id_last4=clash[-4:], gender="F",
        birth_date=dt.date(1970, 1, 1), area=areas["grid_a1"], area_path=areas["grid_a1"].path,
        community=areas["village"],
    )  # fmt: skip
    before = (Resident.objects.count(), Household.objects.count(), AuditEvent.objects.count())
    with pytest.raises(IntegrityError), transaction.atomic():
        import_prepared(
            result.prepared,
            actor=users["township_admin"],
            filename="f.xlsx",
            source_ip="",
            progress=lambda *a: None,
        )
    assert (Resident.objects.count(), Household.objects.count(), AuditEvent.objects.count()) == before


def test_a_bad_row_stops_the_preparing_and_leaves_no_spool(users, tmp_path):
    upload = workbook([person(31), person(32, phone="12345"), person(33)])
    path = tmp_path / "file.xlsx"
    path.write_bytes(upload.read())
    spool = tmp_path / "rows"
    result = validate_file(
        path, actor=users["township_admin"], progress=lambda *a: None, total=3, spool=spool
    )
    assert [e.row for e in result.errors] == [3]
    assert result.prepared is None
    assert not spool.exists()


def test_one_bad_row_imports_nothing_and_the_report_names_it(users, make_resident):
    existing = make_resident("grid_a1", name="已在册")
    existing_id = decrypt(existing.id_ciphertext, context="resident.id_number")
    good = person(1)
    bad_checksum = person(2)
    bad_checksum[HEADERS.index("身份证号")] = bad_checksum[HEADERS.index("身份证号")][:-1] + (
        "0" if bad_checksum[HEADERS.index("身份证号")][-1] != "0" else "1"
    )
    rows = [
        good,
        bad_checksum,  # row 3
        person(3, grid="不存在的网格"),  # row 4
        person(4, birth_date="1980-13-01"),  # row 5
        person(5, phone="12345"),  # row 6
        person(1),  # row 7: same ID as row 2
        person(6, id_number=existing_id),  # row 8: already in the register
        person(7, household_number="NOPE", relation_to_head="子"),  # row 9: unknown household
        person(8, community="东街社区", grid="第1网格", ethnicity="火星族"),  # row 10
    ]
    before = (Resident.objects.count(), Household.objects.count())
    job = resident_import_start(actor=users["township_admin"], upload=workbook(rows))
    assert job.status == "rejected"
    assert (Resident.objects.count(), Household.objects.count()) == before
    found = {(r, c) for r, c, _reason in report_rows(job)}
    assert found == {
        (3, "身份证号"),
        (4, "网格"),
        (5, "出生日期"),
        (6, "手机号"),
        (7, "身份证号"),
        (8, "身份证号"),
        (9, "户编号"),
        (10, "民族"),
    }
    reasons = {r: reason for r, _c, reason in report_rows(job)}
    assert "校验位" in reasons[3]
    assert "第2行" in reasons[7]
    assert "已在居民登记" in reasons[8]
    assert AuditEvent.objects.filter(verb="resident.import_rejected", success=False).exists()


def test_staff_cannot_import_into_another_community(users):
    job = resident_import_start(
        actor=users["community_staff"], upload=workbook([person(1, community="东街社区", grid="第1网格")])
    )
    assert job.status == "rejected"
    assert [c for _r, c, _reason in report_rows(job)] == ["网格"]
    assert not Resident.objects.exists()


@pytest.mark.parametrize("role", ["grid_worker", "window_clerk", "party_member", "resident", "audit_admin"])
def test_roles_without_bulk_rights_cannot_import(role, users):
    with pytest.raises(NotPermitted):
        resident_import_start(actor=users[role], upload=workbook([person(1)]))
    assert not Resident.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.csv", b"x,y"), ".xlsx"),
        (SimpleUploadedFile("a.xlsx", b""), "空"),
        (SimpleUploadedFile("a.xlsx", b"PK\x03\x04 not really a zip"), "无法读取"),
        (SimpleUploadedFile("a.xlsx", b"<html>hello</html>"), "无法读取"),
    ],
)
def test_unreadable_files_get_a_clear_message(users, upload, message):
    with pytest.raises(DomainError) as info:
        resident_import_start(actor=users["township_admin"], upload=upload)
    assert message in info.value.message


def test_missing_required_columns_are_named(users):
    job = resident_import_start(actor=users["township_admin"], upload=workbook([["张三"]], headers=["姓名"]))
    assert job.status == "rejected"
    assert "身份证号" in job.message
    assert "网格" in job.message


def test_empty_sheet_is_rejected(users):
    job = resident_import_start(actor=users["township_admin"], upload=workbook([]))
    assert job.status == "rejected"
    assert "没有数据" in job.message


def test_two_heads_for_one_new_household(users):
    rows = [
        person(1, household_number="H-9", relation_to_head="户主"),
        person(2, household_number="H-9", relation_to_head="户主"),
    ]
    job = resident_import_start(actor=users["township_admin"], upload=workbook(rows))
    assert job.status == "rejected"
    assert [(r, c) for r, c, _ in report_rows(job)] == [(3, "与户主关系")]


def test_large_file_runs_as_a_background_job(users, settings, django_capture_on_commit_callbacks):
    settings.GONGZHI_IMPORT_SYNC_ROWS = 2
    with django_capture_on_commit_callbacks(execute=True):
        job = resident_import_start(
            actor=users["township_admin"], upload=workbook([person(n) for n in range(1, 6)])
        )
        assert job.status == "queued"
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert Resident.objects.count() == 5


def test_import_pages(client, users):
    client.force_login(users["community_staff"])
    response = client.get("/residents/import/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    response = client.post("/residents/import/", {"file": workbook([person(1), person(2, id_number="123")])})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "有错误，未导入" in page.content.decode()
    report = client.get(response["Location"] + "report.xlsx")
    assert report.status_code == 200
    rows = list(load_workbook(BytesIO(b"".join(report.streaming_content))).active.iter_rows(values_only=True))
    assert rows[1][:2] == (3, "身份证号")
    # Another user cannot see the job or its report.
    client.force_login(users["township_admin"])
    assert client.get(response["Location"]).status_code == 404
    assert client.get(response["Location"] + "report.xlsx").status_code == 404


def test_export_is_masked_scoped_and_audited(client, users, make_resident):
    mine = make_resident("grid_a1", name="张三", phone="13800138000")
    make_resident("grid_b1", name="李四")
    client.force_login(users["community_staff"])
    response = client.get("/residents/export.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["张三"]
    full_id = decrypt(mine.id_ciphertext, context="resident.id_number")
    flat = " ".join(str(v) for r in rows for v in r)
    assert full_id not in flat
    assert "13800138000" not in flat
    assert rows[1][1] == "*" * 14 + full_id[-4:]
    assert rows[1][3] == mine.birth_date.year
    event = AuditEvent.objects.get(verb="resident.exported")
    assert event.summary["rows"] == 1
    assert len(event.summary["sha256"]) == 64


def test_export_neutralises_formulas(client, users, make_resident):
    make_resident("grid_a1", name="张三", current_address='=HYPERLINK("http://x")')
    client.force_login(users["community_staff"])
    rows = list(
        load_workbook(BytesIO(client.get("/residents/export.xlsx").content)).active.iter_rows(
            values_only=True
        )
    )
    assert rows[1][10].startswith("'=")
