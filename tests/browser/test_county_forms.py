"""On a desktop: the township office uploads the county's .xlsx template (built here with openpyxl), sees a bad
one refused with its cell named, types the hand-typed values for a quarter and downloads the workbook filled; the
download holds the figures the township's page shows for that quarter."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from gongzhi.meetings.models import Meeting, MeetingState
from gongzhi.oversight.models import CountyForm, HandFact

from .conftest import log_in

pytestmark = pytest.mark.browser


def _workbook(rows: list[list], path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "基本情况"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


TEMPLATE = [
    ["村(社区)基本情况表（{{manual:填报单位}}）"],
    ["全镇代表会议次数", "{{meetings.representatives}}"],
    ["村(社区)", "代码", "代表会议", "专职网格员"],
    ["{{community.name}}", "{{community.code}}", "{{meetings.representatives}}", "{{manual:专职网格员人数}}"],
]


def test_the_township_office_fills_a_county_form_from_the_page_figures(
    browser_run, page, users, areas, tmp_path
):
    year = timezone.localdate().year
    # The second quarter: two representatives' meetings in the village, one in the urban community; one in the
    # first quarter, which the quarter's form must leave out.
    held = [(areas["village"], 4), (areas["village"], 5), (areas["urban"], 6), (areas["village"], 2)]
    for number, (community, month) in enumerate(held):
        kind = "village" if community.community_type == "village" else "residents"
        Meeting.objects.create(
            body_kind=f"{kind}_representatives_meeting", area=community, area_path=community.path,
            held_on=dt.date(year, month, 10), present=20, members=25, recorded_by=users["community_staff"],
            state=MeetingState.HELD, title=f"第{number + 1}次代表会议",
        )  # fmt: skip
    log_in(page, "township_admin")
    page.goto(f"/oversight/t/{areas['township'].pk}/")
    page.get_by_test_id("county-forms-link").click()

    # A template naming an unknown figure is refused with its cell; nothing is kept.
    upload = page.get_by_test_id("county-form-upload")
    upload.get_by_label("报表名称").fill("村(社区)基本情况表")
    bad = _workbook([["在册人口", "{{residents.people}}"], ["未知", "{{no.such}}"]], tmp_path / "bad.xlsx")
    upload.locator('input[type="file"]').set_input_files(str(bad))
    upload.get_by_role("button", name="上传并检查").click()
    problems = page.get_by_test_id("county-form-problems")
    expect(problems).to_contain_text("基本情况!B2")
    expect(problems).to_contain_text("{{no.such}}")
    assert not CountyForm.objects.exists()
    # The refusal answers 400 (the page re-shown with the cells): expected here, and the only such answer.
    assert browser_run.problems == [
        f"HTTP 400: POST {browser_run.base_url}/oversight/t/{areas['township'].pk}/forms/",
        f"console error: Failed to load resource: the server responded with a status of 400 (Bad Request) "
        f"({browser_run.base_url}/oversight/t/{areas['township'].pk}/forms/)",
    ]
    browser_run.problems.clear()

    # The good one is kept and opens on its page.
    upload = page.get_by_test_id("county-form-upload")
    upload.get_by_label("报表名称").fill("村(社区)基本情况表")
    upload.locator('input[type="file"]').set_input_files(str(_workbook(TEMPLATE, tmp_path / "county.xlsx")))
    upload.get_by_role("button", name="上传并检查").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("村(社区)基本情况表")

    # The period: the second quarter of this year.
    period = page.get_by_test_id("oversight-period")
    period.locator('select[name="year"]').select_option(str(year))
    period.locator('select[name="quarter"]').select_option("2")
    period.get_by_role("button", name="查看").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{year}年第2季度")

    # The hand-typed values: the township's, and each community's on the per-community row.
    facts = page.get_by_test_id("county-form-facts")
    facts.locator("fieldset").filter(has_text="填报单位").get_by_label("全镇").fill("永安镇社治办")
    staffed = facts.locator("fieldset").filter(has_text="专职网格员人数")
    staffed.get_by_label("青山村").fill("3")
    staffed.get_by_label("东街社区").fill("2")
    facts.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存手工填报的数据。")).to_be_visible()
    assert {(f.area_id, f.key, f.value, f.quarter) for f in HandFact.objects.all()} == {
        (areas["township"].pk, "填报单位", "永安镇社治办", 2),
        (areas["village"].pk, "专职网格员人数", "3", 2),
        (areas["urban"].pk, "专职网格员人数", "2", 2),
    }

    with page.expect_download() as download:
        page.get_by_test_id("county-form-download").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    # The township's page for the same quarter: its total and each community's row.
    page.goto(f"/oversight/t/{areas['township'].pk}/?year={year}&quarter=2")
    code = '[data-code="meetings.representatives"]'
    total = page.get_by_test_id("oversight-total").locator(code).inner_text()
    shown = {
        community.name: page.locator(
            f'[data-testid="oversight-row"][data-community="{community.pk}"] {code}'
        ).inner_text()
        for community in (areas["village"], areas["urban"])
    }
    assert total == "3"
    assert shown == {"青山村": "2", "东街社区": "1"}

    assert rows[0][0] == "村(社区)基本情况表（永安镇社治办）"
    assert str(rows[1][1]) == total
    # One row per community, in the order of their area codes (东街社区 ...001 before 青山村 ...201).
    assert [r[0] for r in rows[3:5]] == ["东街社区", "青山村"]
    assert [r[1] for r in rows[3:5]] == [areas["urban"].code, areas["village"].code]
    assert {r[0]: str(r[2]) for r in rows[3:5]} == shown
    assert {r[0]: str(r[3]) for r in rows[3:5]} == {"东街社区": "2", "青山村": "3"}
