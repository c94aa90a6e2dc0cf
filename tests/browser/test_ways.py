"""Ways in on a phone (390×844, touch): the staff menu folds into one button; the start and home pages fit."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in
from .test_phone import LayoutCheck
from .test_phone import screenshots as screenshots_fixture

pytestmark = pytest.mark.browser
shots = screenshots_fixture  # the phone tests' fixture: $GONGZHI_SCREENSHOT_DIR or a temp dir

VISIBLE_MENU_BUTTONS = "summary:visible, button:visible"


def test_the_staff_menu_is_one_button_on_a_phone_and_opens_when_tapped(browser_run, phone_page, users, shots):
    page = phone_page
    check_layout = LayoutCheck(shots)

    # An anonymous visitor: the township's start page, with a login link and how to get an account.
    page.goto("/")
    expect(page.get_by_test_id("community")).to_have_count(2)
    expect(page.get_by_test_id("login-link")).to_be_visible()
    expect(page.get_by_test_id("how-to-get-an-account")).to_contain_text("便民服务窗口")
    check_layout(page, "start")

    # Community staff on a phone: one menu button in the header, the menu's items hidden.
    log_in(page, "community_staff")
    header = page.locator("header")
    expect(header.locator(VISIBLE_MENU_BUTTONS)).to_have_count(1)
    expect(page.get_by_test_id("menu-button")).to_be_visible()
    queue_links = header.locator('a[href="/wishes/queue/"]')
    expect(queue_links).to_have_count(2)  # in the wide row and in the menu: both hidden
    for link in queue_links.all():
        expect(link).to_be_hidden()
    expect(page.get_by_test_id("menu-logout")).to_be_hidden()
    expect(page.get_by_test_id("home-wish-queue")).to_be_visible()
    check_layout(page, "home-menu-closed")

    # Tapped: every item shows, each a full-width target of at least 44px, and nothing scrolls sideways.
    page.get_by_test_id("menu-button").tap()
    menu = page.get_by_test_id("menu")
    for name in ("心愿墙", "心愿办理", "民情办理", "居民登记", "通知"):
        expect(menu.get_by_role("link", name=name, exact=False).first).to_be_visible()
    expect(page.get_by_test_id("menu-logout")).to_be_visible()
    check_layout(page, "home-menu-open")

    # It works as a menu: tap an item, land there.
    menu.get_by_role("link", name="心愿办理").tap()
    expect(page).to_have_url(f"{browser_run.base_url}/wishes/queue/")
    expect(page.get_by_test_id("menu-button")).to_be_visible()
    check_layout(page, "queue")
    check_layout.assert_clean()
    browser_run.assert_clean()


def test_on_a_desktop_the_menu_is_a_row_of_links(browser_run, page, users):
    log_in(page, "community_staff")
    expect(page.get_by_test_id("menu-button")).to_be_hidden()
    expect(page.locator("header .gz-wide").get_by_role("link", name="心愿办理")).to_be_visible()
    expect(page.get_by_test_id("logout")).to_be_visible()
    browser_run.assert_clean()
