"""On a desktop: the township office opens the oversight page, the chart renders (ECharts from our own static files,
no console error), the Excel download holds the page's figure and the yearly report is a PDF naming the community."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from gongzhi.meetings.models import Meeting, MeetingState

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_the_township_office_reads_charts_and_downloads_the_excel_and_the_pdf(
    browser_run, page, users, areas
):
    year = timezone.localdate().year
    for month in (1, 4, 7):
        Meeting.objects.create(
            body_kind="village_representatives_meeting", area=areas["village"], area_path=areas["village"].path,
            held_on=dt.date(year, month, 8), present=20, members=25, recorded_by=users["community_staff"],
            state=MeetingState.HELD, title=f"{month}月村民代表会议",
        )  # fmt: skip
    log_in(page, "township_admin")
    page.goto("/oversight/")
    expect(page.get_by_test_id("oversight-table")).to_be_visible()
    page.get_by_test_id("oversight-period").get_by_role("button", name="查看").click()
    expect(page.get_by_test_id("oversight-chart").locator("canvas")).to_have_count(1)
    total = page.get_by_test_id("oversight-total").locator('[data-code="meetings.representatives"]')
    expect(total).to_have_text("3")
    page.get_by_test_id("oversight-chart-pick").select_option(label="代表会议召开次数（次）")

    with page.expect_download() as excel:
        page.get_by_test_id("oversight-excel").click()
    sheet = load_workbook(io.BytesIO(Path(excel.value.path()).read_bytes())).active
    header = [c.value for c in sheet[3]]
    column = header.index("代表会议召开次数（次）")
    rows = {r[0].value: r[column].value for r in sheet.iter_rows(min_row=4)}
    assert str(rows["全镇合计"]) == total.inner_text()

    page.get_by_test_id("oversight-row").filter(has_text="青山村").get_by_role("link", name="青山村").click()
    expect(page.get_by_test_id("oversight-community")).to_be_visible()
    with page.expect_download() as pdf:
        page.get_by_test_id("oversight-pdf").click()
    data = Path(pdf.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "青山村" in text
