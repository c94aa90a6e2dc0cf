"""Excel import in the browser: a file with one bad row is refused whole, with a report."""

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from gongzhi.residents.models import Resident

from .conftest import log_in
from .workbooks import BAD_ROW, PEOPLE, TEMPLATE_HEADER, write_workbook

pytestmark = pytest.mark.browser


def upload(page: Page, path: Path) -> None:
    page.goto("/residents/import/")
    page.get_by_test_id("import-file").set_input_files(path)
    page.get_by_test_id("import-submit").click()
    expect(page).to_have_url(re.compile(r"/residents/import/\d+/$"))


def test_import_refuses_a_file_with_one_bad_row_and_reports_it(browser_run, page, users, tmp_path):
    log_in(page, "community_staff")
    page.goto("/residents/")
    page.get_by_role("button", name="Excel 导入").click()
    expect(page.get_by_role("heading", name="Excel 导入居民")).to_be_visible()

    # The template downloads as an .xlsx with the expected header.
    with page.expect_download() as download_info:
        page.get_by_test_id("template").click()
    download = download_info.value
    assert download.suggested_filename == "居民导入模板.xlsx"
    template_path = tmp_path / "template.xlsx"
    download.save_as(template_path)
    template = load_workbook(template_path)
    assert template.sheetnames == ["居民", "代码表", "填写说明"]
    header = [cell.value for cell in template["居民"][1]]
    assert header == TEMPLATE_HEADER

    # Given a file with three good rows and one whose ID checksum is wrong.
    bad_file = write_workbook(tmp_path / "有错误.xlsx", header, spoil_row=BAD_ROW)

    # When it is uploaded, the whole file is refused.
    upload(page, bad_file)
    status = page.get_by_test_id("job-status")
    expect(status).to_have_attribute("data-status", "rejected")
    expect(status).to_contain_text("发现1处错误，整个文件未导入")
    assert not Resident.objects.exists()

    # And the error report names exactly that row, the column and the reason.
    with page.expect_download() as download_info:
        page.get_by_test_id("report").click()
    report_path = tmp_path / "report.xlsx"
    download_info.value.save_as(report_path)
    rows = list(load_workbook(report_path).active.iter_rows(values_only=True))
    assert rows == [("行号", "列", "原因"), (BAD_ROW, "身份证号", "身份证号校验位错误，请核对后重新输入。")]

    # When the corrected file is uploaded, everyone is imported.
    good_file = write_workbook(tmp_path / "已改正.xlsx", header, spoil_row=None)
    upload(page, good_file)
    expect(status).to_have_attribute("data-status", "succeeded")
    expect(status).to_contain_text(f"已导入{len(PEOPLE)}位居民")
    assert Resident.objects.count() == len(PEOPLE)

    # Then they are in the register.
    page.get_by_role("link", name="查看居民登记").click()
    expect(page.locator("#results")).to_contain_text(f"共 {len(PEOPLE)} 人")
    cards = page.get_by_test_id("resident-row")
    expect(cards).to_have_count(len(PEOPLE))
    for name, _birth, _gender in PEOPLE:
        expect(cards.filter(has_text=name)).to_have_count(1)

    # And the import page lists both attempts.
    page.goto("/residents/import/")
    recent = page.locator("table.gz-table tbody tr")
    expect(recent).to_have_count(2)
    expect(recent.filter(has_text="有错误.xlsx")).to_contain_text("有错误，未导入")
    browser_run.assert_clean()
