"""The same key pages on a phone (390×844, touch): no sideways scrolling, fingers fit."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gongzhi.core.crypto import decrypt

from .conftest import PHONE, log_in
from .workbooks import BAD_ROW, TEMPLATE_HEADER, write_workbook

pytestmark = pytest.mark.browser

WIDTH = PHONE["viewport"]["width"]
MIN_TARGET = 44  # CSS px, the usual touch-target guidance (WCAG 2.5.5, Apple HIG)
TAP_TARGETS = (
    "button, a[role=button], input:not([type=hidden]), select, textarea, summary, "
    "header nav a, .gz-pager a, .gz-card h3 a"
)
# Measured in the page: every visible control and how big it is.
MEASURE = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.checkVisibility())
  .map(el => {
    // A radio or checkbox is tapped through its label (around it or pointing at it).
    const r = ((el.type === 'radio' || el.type === 'checkbox') && (el.closest('label') || el.labels[0]) || el).getBoundingClientRect();
    const name = (el.innerText || el.value || el.name || el.getAttribute('aria-label') || '').trim();
    return {tag: el.tagName.toLowerCase(), name: name.slice(0, 30), width: r.width, height: r.height,
            left: r.left, right: r.right};
  })"""


@pytest.fixture
def screenshots(tmp_path_factory) -> Path:
    """Where the screenshots go: $GONGZHI_SCREENSHOT_DIR if set, else pytest's temp dir."""
    chosen = os.environ.get("GONGZHI_SCREENSHOT_DIR")
    if chosen:
        path = Path(chosen)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("phone")


class LayoutCheck:
    """No horizontal scrolling, every control on screen and big enough to tap; keep a screenshot.

    Findings are collected over all pages so one run shows every page that needs work."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.findings: list[str] = []

    def __call__(self, page: Page, name: str) -> None:
        page.screenshot(path=self.directory / f"{name}.png", full_page=True)
        size = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,"
            " body: document.body.scrollWidth})"
        )
        if size["inner"] != WIDTH:
            self.findings.append(f"{name}: the layout viewport grew to {size['inner']}px")
        if max(size["scroll"], size["body"]) > size["inner"]:
            self.findings.append(f"{name}: scrolls sideways {size}")
        controls = page.evaluate(MEASURE, TAP_TARGETS)
        if not controls:
            self.findings.append(f"{name}: nothing to tap?")
        for c in controls:
            if c["height"] < MIN_TARGET or c["width"] < MIN_TARGET:
                self.findings.append(f"{name}: tap target under {MIN_TARGET}px: {c}")
            if c["left"] < 0 or c["right"] > WIDTH + 0.5:
                self.findings.append(f"{name}: control outside the screen: {c}")

    def assert_clean(self) -> None:
        assert self.findings == [], "\n".join(self.findings)


def test_key_pages_fit_a_phone(browser_run, phone_page, make_resident, users, screenshots, tmp_path):
    page = phone_page
    check_layout = LayoutCheck(screenshots)
    zhang_san = make_resident("grid_a1", name="张三", birth=dt.date(1960, 5, 17))
    make_resident("grid_a1", name="欧阳秀英", birth=dt.date(1938, 11, 2), current_address="青山村2组老街东头")
    number = decrypt(zhang_san.id_ciphertext, context="resident.id_number")

    page.goto("/accounts/login/")
    check_layout(page, "01-login")
    page.get_by_label("用户名或手机号").tap()
    page.get_by_label("用户名或手机号").fill("community_staff")
    page.get_by_label("密码").fill("wrong-password-1")
    page.get_by_role("button", name="登录").tap()
    expect(page.get_by_role("alert")).to_contain_text("用户名（手机号）或密码错误")
    browser_run.problems.clear()  # the refused login answers 200 with an error, nothing else
    check_layout(page, "02-login-error")
    log_in(page, "community_staff")
    page.goto("/residents/")

    expect(page.get_by_test_id("resident-row")).to_have_count(2)
    check_layout(page, "03-list")
    page.get_by_test_id("search").tap()
    page.get_by_test_id("search").press_sequentially("zs", delay=50)
    expect(page).to_have_url(re.compile(r"[?&]q=zs"))
    expect(page.get_by_test_id("resident-row")).to_have_count(1)
    check_layout(page, "04-search")

    page.get_by_role("link", name="张三").tap()
    expect(page.locator("#id-number")).to_have_text("*" * 14 + zhang_san.id_last4)
    check_layout(page, "05-detail")
    page.get_by_text("查看完整身份证号").tap()
    page.get_by_test_id("reveal-reason").fill("办理低保复核")
    page.get_by_test_id("reveal").tap()
    expect(page.get_by_test_id("revealed-id")).to_have_text(number)
    check_layout(page, "06-revealed")

    page.goto("/residents/import/")
    check_layout(page, "07-import")
    page.get_by_test_id("import-file").set_input_files(
        write_workbook(tmp_path / "居民.xlsx", TEMPLATE_HEADER, spoil_row=BAD_ROW)
    )
    page.get_by_test_id("import-submit").tap()
    expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "rejected")
    check_layout(page, "08-import-rejected")

    supervisor = browser_run.new_page(phone=True)
    log_in(supervisor, "supervisor")
    supervisor.goto("/audit/")
    expect(supervisor.get_by_test_id("audit-row").filter(has_text="查看完整身份证号")).to_have_count(1)
    check_layout(supervisor, "09-audit")
    check_layout.assert_clean()
    browser_run.assert_clean()
