"""The catalogue's Excel export and import: round trip, updates and additions, all-or-nothing with a
row-level error report on the page and as a download."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from gongzhi.audit.models import AuditEvent
from gongzhi.hall.actions.catalogue import catalogue_starter_load
from gongzhi.hall.exports import catalogue_export
from gongzhi.hall.imports import catalogue_import
from gongzhi.hall.models import Material, Matter, MatterStep


def snapshot(township):
    matters = Matter.objects.filter(township=township).order_by("code")
    return (
        [(m.code, m.name, m.parent_id, m.department_id, m.mode, m.levels, m.is_active, m.legal_basis, m.updated_at)
         for m in matters],
        list(MatterStep.objects.filter(matter__township=township).order_by("id").values_list("id", "name", "amount", "unit")),
        list(Material.objects.filter(matter__township=township).order_by("id").values_list()),
    )  # fmt: skip


def workbook_file(book) -> io.BytesIO:
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_importing_the_export_changes_nothing(users, areas, department):
    admin, township = users["township_admin"], areas["township"]
    catalogue_starter_load(admin, township)
    Matter.objects.filter(code="GA-103").update(is_active=False, fee="=HYPERLINK(1)")
    before = snapshot(township)
    audit_rows = AuditEvent.objects.count()
    data = catalogue_export(admin, township)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["事项", "时限", "材料"]
    assert book["事项"].max_row == Matter.objects.filter(township=township).count() + 1
    result = catalogue_import(admin, township, io.BytesIO(data))
    assert result.ok
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == Matter.objects.filter(township=township).count()
    assert snapshot(township) == before
    assert AuditEvent.objects.count() == audit_rows + 1  # the export only


def test_import_updates_existing_codes_and_adds_new_ones(users, areas, department):
    admin, township = users["township_admin"], areas["township"]
    catalogue_starter_load(admin, township)
    book = load_workbook(io.BytesIO(catalogue_export(admin, township)))
    matters, steps, materials = book["事项"], book["时限"], book["材料"]
    for row in matters.iter_rows(min_row=2):
        if row[0].value == "MZ-103":
            row[1].value = "临时救助(急难型)"
    matters.append(["MZ-105", "低保边缘家庭认定", "MZ-100", "民政办", "村(社区)级、乡镇级", "村级受理·乡级办结", "否",
                    "", "《社会救助暂行办法》", "", "", "", "", "是", "是", "否", "是", 5])  # fmt: skip
    steps.append(["MZ-105", 1, "审核", 20, "工作日"])
    materials.append(["MZ-105", 1, "申请书", "是", "原件", 1, "申请人提供", "", "", ""])
    materials.append(["MZ-105", 2, "身份证", "是", "复印件", 1, "由系统根据登记信息生成", "身份证号", "", ""])
    result = catalogue_import(admin, township, workbook_file(book))
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    assert Matter.objects.get(township=township, code="MZ-103").name == "临时救助(急难型)"
    new = Matter.objects.get(township=township, code="MZ-105")
    assert new.parent.code == "MZ-100"
    assert new.department == department
    assert list(new.materials.values_list("name", "register_fact")) == [
        ("申请书", ""),
        ("身份证", "id_number"),
    ]
    assert AuditEvent.objects.filter(verb="hall.catalogue_imported").count() == 1


def test_import_with_errors_writes_nothing_and_reports_each_row(client, users, areas, department):
    admin, township = users["township_admin"], areas["township"]
    catalogue_starter_load(admin, township)
    book = load_workbook(io.BytesIO(catalogue_export(admin, township)))
    book["事项"]["B2"].value = "改了名字"  # a valid change that must not land
    book["事项"].append(["XX-1", "新事项", "", "不存在的办", "乡镇级", "随便", "也许"])
    book["时限"].append(["XX-1", 1, "审核", 0, "工作日"])
    book["材料"].append(["NO-SUCH", 1, "申请书", "是", "原件", 1, "申请人提供", "", "", ""])
    before = snapshot(township)
    client.force_login(admin)
    upload = workbook_file(book)
    upload.name = "catalogue.xlsx"
    response = client.post(reverse("hall:catalogue_import"), {"file": upload, "t": township.pk})
    assert response.status_code == 200
    errors = {(e.sheet, e.row, e.column) for e in response.context["result"].errors}
    row = book["事项"].max_row
    assert ("事项", row, "办理方式") in errors
    assert ("事项", row, "村级初审") in errors
    assert ("事项", row, "审批部门") in errors
    assert ("时限", book["时限"].max_row, "时限") in errors
    assert ("材料", book["材料"].max_row, "事项编码") in errors
    html = response.content.decode()
    assert "本镇没有名为「不存在的办」的部门" in html
    assert "没有导入任何内容" in html
    assert snapshot(township) == before
    report = client.get(reverse("hall:catalogue_import_report"))
    rows = list(load_workbook(io.BytesIO(report.content))["错误报告"].iter_rows(values_only=True))
    assert rows[0] == ("工作表", "行", "列", "问题")
    assert ("事项", row, "审批部门", "本镇没有名为「不存在的办」的部门。") in rows


def test_import_rule_broken_at_write_rolls_everything_back(users, areas, department):
    admin, township = users["township_admin"], areas["township"]
    catalogue_starter_load(admin, township)
    book = load_workbook(io.BytesIO(catalogue_export(admin, township)))
    book["事项"]["B2"].value = "改了名字"
    # A village-to-township matter without a department: the action's own rule, reported on its row.
    for row in book["事项"].iter_rows(min_row=2):
        if row[0].value == "NY-101":
            row[3].value = ""
            bad_row = row[0].row
    before = snapshot(township)
    result = catalogue_import(admin, township, workbook_file(book))
    assert not result.ok
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("事项", bad_row, "审批部门")]
    assert snapshot(township) == before


def test_not_a_workbook(users, areas):
    result = catalogue_import(users["township_admin"], areas["township"], io.BytesIO(b"name,code\n"))
    assert not result.ok
    assert "无法读取文件" in result.errors[0].message


def test_export_page_downloads_the_workbook(client, users, areas, department):
    catalogue_starter_load(users["township_admin"], areas["township"])
    client.force_login(users["township_admin"])
    response = client.get(reverse("hall:catalogue_export"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    codes = [row[0] for row in book["事项"].iter_rows(min_row=2, values_only=True)]
    assert codes.index("MZ-100") < codes.index("MZ-101")  # main items before their sub-items
