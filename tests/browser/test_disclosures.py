"""The public board in Chromium on a phone: staff publish (a phone number refused first, as typed and on
submit), revise with a reason; a visitor without an account — and without JavaScript — reads the board, the
item and its change log, and nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in
from .test_phone import LayoutCheck

pytestmark = pytest.mark.browser


def test_staff_publish_and_a_visitor_reads_the_board_on_a_phone(
    browser_run, phone_page, users, areas, tmp_path
):
    page, check_layout = phone_page, LayoutCheck(tmp_path)
    log_in(page, "community_staff")
    page.goto("/disclosures/")
    expect(page.get_by_test_id("community-status")).to_have_count(1)
    page.get_by_role("link", name="发布和管理").tap()
    page.get_by_test_id("publish").tap()
    page.get_by_label("公开类别").select_option("finance")
    page.get_by_label("标题").fill("2026年10月财务收支公开")
    page.get_by_label("公开内容").fill("出纳张三 13812345678，收入土地租金三万元。")
    expect(page.locator("#text-check")).to_contain_text("手机号")  # the check under the form, as typed
    page.get_by_test_id("submit-disclosure").tap()
    expect(page.get_by_test_id("field-error")).to_contain_text("手机号")
    page.get_by_label("公开内容").fill("收入：土地租金三万元。支出：道路维修一万元。")
    page.get_by_test_id("submit-disclosure").tap()
    expect(page.get_by_test_id("disclosure-body")).to_contain_text("土地租金三万元")
    check_layout(page, "item-staff")
    page.get_by_test_id("revise").tap()
    page.get_by_label("公开内容").fill("收入：土地租金三万五千元。支出：道路维修一万元。")
    page.get_by_label("修改理由").fill("租金数额更正")
    page.get_by_test_id("submit-revision").tap()
    expect(page.get_by_test_id("revision")).to_have_count(2)

    visitor = browser_run.new_page(phone=True, javascript=False)
    visitor.goto(f"/disclosures/c/{areas['village'].pk}/")
    expect(visitor.get_by_test_id("section-finance").get_by_test_id("disclosure")).to_have_count(1)
    expect(visitor.get_by_test_id("overdue")).to_be_visible()  # nothing in the last quarter: every category
    check_layout(visitor, "board")
    visitor.get_by_role("link", name="2026年10月财务收支公开").click()
    expect(visitor.get_by_test_id("disclosure-body")).to_contain_text("三万五千元")
    expect(visitor.get_by_test_id("history")).to_contain_text("租金数额更正")
    check_layout(visitor, "item")
    visitor.get_by_test_id("print-link").click()
    expect(visitor.get_by_test_id("print-sheet")).to_contain_text("第2稿")
    check_layout.assert_clean()
