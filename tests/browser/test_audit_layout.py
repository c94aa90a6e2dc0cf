"""The audit list is readable on a desktop (1366×900) and a phone (390×844), measured, not eyeballed."""

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect

from gongzhi.audit.actions import audit_event_record

from .conftest import log_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
MIN_CHARS = 4  # no cell narrower than four characters of its own text

# Every visible cell of the first rows: its box, its font size, the label column a phone card gives it.
MEASURE = """() => {
  const table = document.querySelector('table.gz-audit');
  const rows = [...table.querySelectorAll('tbody tr[data-testid=audit-row]')].slice(0, 8);
  return {
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    table: table.getBoundingClientRect().width,
    box: table.parentElement.clientWidth,
    rowDisplay: getComputedStyle(rows[0]).display,
    cells: rows.flatMap(tr => [...tr.querySelectorAll('td')].filter(td => td.checkVisibility()).map(td => {
      const style = getComputedStyle(td);
      const label = style.display === 'grid' ? parseFloat(style.gridTemplateColumns.split(' ')[0]) : 0;
      return {cls: td.className, width: td.getBoundingClientRect().width, label,
              font: parseFloat(style.fontSize), text: td.innerText.slice(0, 20)};
    })),
  };
}"""


@pytest.fixture
def busy_trail(users, areas, make_resident):
    """The kinds of rows that used to squash the table: long summaries, lists, refusals."""
    make_resident("grid_a1", name="欧阳秀英")
    with transaction.atomic():
        audit_event_record(actor=users["community_staff"], verb="resident.exported", area=areas["village"],
                           summary={"rows": 128, "filters": {"tag": "低保户", "status": "active", "q": "欧阳"},
                                    "fields": ["姓名", "身份证号(后四位)", "性别", "出生年份", "民族"] * 3,
                                    "sha256": "ab" * 32})  # fmt: skip
        audit_event_record(actor=users["township_admin"], verb="area.updated", target=areas["village"],
                           summary={"name": ["青山", "青山村"], "code": ["511423101201", "511423101202"]})  # fmt: skip
        holidays = [
            [name, f"2031-{m:02d}-01", f"2031-{m:02d}-07"]
            for m, name in enumerate(
                ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"], start=1
            )
        ]
        audit_event_record(actor=users["township_admin"], verb="calendar_year.entered",
                           summary={"year": 2031, "holidays": holidays, "workdays": ["2031-01-19"] * 9,
                                    "note": "按国务院办公厅通知" * 5})  # fmt: skip
        audit_event_record(actor=users["resident"], verb="access.refused", success=False,
                           summary={"method": "GET", "path": "/residents/4711/reveal/very/long/path/segment/",
                                    "status": 404, "via": "page"})  # fmt: skip
        # A probe with a long unbroken path: the kind of value that squeezed every other column to one character.
        audit_event_record(actor=users["resident"], verb="access.refused", success=False,
                           summary={"method": "GET", "path": "/api/v1/residents/" + "9" * 180, "status": 404,
                                    "via": "api"})  # fmt: skip


def check_readable(page: Page, name: str) -> dict:
    found = page.evaluate(MEASURE)
    assert found["scroll"] <= found["inner"], (
        f"{name}: the page scrolls sideways {found['scroll']}>{found['inner']}"
    )
    narrow = [c for c in found["cells"] if c["width"] - c["label"] < MIN_CHARS * c["font"]]
    assert not narrow, f"{name}: cells narrower than {MIN_CHARS} characters: {narrow}"
    return found


def test_the_audit_list_is_readable_on_a_desktop_and_a_phone(browser_run, busy_trail):
    # On a desktop: a table whose event column takes the room it needs
    page = browser_run.new_page()
    page.set_viewport_size(DESKTOP)
    log_in(page, "audit_admin")
    page.goto("/audit/")
    expect(page.get_by_test_id("audit-sentence").first).to_be_visible()
    found = check_readable(page, "desktop")
    assert found["rowDisplay"] == "table-row"
    assert found["table"] <= found["box"] + 1, (
        f"the table scrolls inside its box: {found['table']} > {found['box']}"
    )
    events = [c for c in found["cells"] if "gz-audit-event" in c["cls"]]
    assert events, events
    assert min(c["width"] for c in events) >= max(280, 0.3 * found["table"]), events
    expect(page.get_by_test_id("audit-sentence").first).not_to_contain_text("{")
    expect(page.locator("body")).to_contain_text("导出居民名单 128 行（已脱敏）")

    # On a phone: one card per event, each value at least four characters wide, nothing off screen
    phone = browser_run.new_page(phone=True)
    log_in(phone, "audit_admin")
    phone.goto("/audit/")
    found = check_readable(phone, "phone")
    assert found["rowDisplay"] == "block"
    events = [c for c in found["cells"] if "gz-audit-event" in c["cls"]]
    assert all(c["width"] >= 0.75 * found["table"] for c in events), events

    # And a bad date is told beside its field, in Chinese, on the phone too
    phone.get_by_label("起始日期").fill("2026-03-02")
    phone.get_by_label("截止日期").fill("2026-03-01")
    phone.get_by_role("button", name="筛选").tap()
    expect(phone.get_by_test_id("filter-error")).to_have_text("截止日期不能早于起始日期。")
    expect(phone.get_by_label("截止日期")).to_have_attribute("aria-invalid", "true")
    browser_run.assert_clean()
