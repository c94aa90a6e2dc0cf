"""Community staff finds a resident by pinyin initials, reveals the ID; the audit shows it."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from gongzhi.audit.models import AuditEvent
from gongzhi.core.crypto import decrypt

from .conftest import log_in

pytestmark = pytest.mark.browser

MASK = "*" * 14


@pytest.fixture
def register(make_resident):
    """张三 in the staff's village, 李四 beside him, and another 张松 (also "zs") in 东街社区."""
    zhang_san = make_resident("grid_a1", name="张三", birth=dt.date(1960, 5, 17))
    li_si = make_resident("grid_a1", name="李四", birth=dt.date(1971, 3, 9))
    elsewhere = make_resident("grid_b1", name="张松", birth=dt.date(1980, 1, 2))
    return {"zhang_san": zhang_san, "li_si": li_si, "elsewhere": elsewhere}


def full_id(resident) -> str:
    return decrypt(resident.id_ciphertext, context="resident.id_number")


def test_staff_finds_by_initials_reveals_id_and_the_audit_shows_it(browser_run, page, register, users):
    zhang_san = register["zhang_san"]
    number = full_id(zhang_san)

    # Given community staff logged in through the form, on the register.
    log_in(page, "community_staff")
    page.goto("/residents/")  # staff land on their home page; the register is one tap away
    expect(page).to_have_url(re.compile(r"/residents/$"))
    rows = page.get_by_test_id("resident-row")
    expect(rows).to_have_count(2)
    assert page.evaluate("typeof window.htmx") == "object", "htmx did not load"

    # When they type pinyin initials, htmx swaps the results in without a page load.
    page.evaluate("window.__sameDocument = true")
    page.get_by_test_id("search").press_sequentially("zs", delay=50)
    expect(page).to_have_url(re.compile(r"[?&]q=zs"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("张三")
    expect(rows.first).to_contain_text(MASK + zhang_san.id_last4)
    expect(page.locator("#results")).to_have_count(1)  # swapped, not nested inside the old one
    expect(page.locator("#results")).not_to_contain_text("张松")
    expect(page.locator("#results")).not_to_contain_text("李四")
    assert page.evaluate("window.__sameDocument") is True, "the search reloaded the page"

    # And the detail page shows the masked ID and the birth year only.
    rows.first.get_by_role("link", name="张三").click()
    expect(page).to_have_url(re.compile(rf"/residents/{zhang_san.pk}/$"))
    expect(page.locator("#id-number")).to_have_text(MASK + zhang_san.id_last4)
    expect(page.locator(".gz-dl")).to_contain_text("1960年")
    body = page.locator("body").inner_text()
    assert number not in body
    assert "1960-05-17" not in body
    assert "19600517" not in body
    assert "1960年5月" not in body

    # When they reveal the ID with a reason.
    page.get_by_text("查看完整身份证号").click()
    page.get_by_test_id("reveal-reason").fill("办理低保复核")
    page.get_by_test_id("reveal").click()

    # Then the 18-digit number appears in place (htmx), and the page stays no-store.
    revealed = page.get_by_test_id("revealed-id")
    expect(revealed).to_have_text(number)
    assert re.fullmatch(r"\d{17}[\dX]", revealed.inner_text())
    assert page.url.endswith(f"/residents/{zhang_san.pk}/")
    reveal = AuditEvent.objects.get(verb="resident.id_revealed")
    assert reveal.actor_id == users["community_staff"].pk
    assert reveal.target_id == str(zhang_san.pk)
    assert reveal.summary == {"reason": "办理低保复核"}

    # When the supervisory committee member opens the audit log in their own browser.
    supervisor = browser_run.new_page()
    log_in(supervisor, "supervisor")
    supervisor.goto("/audit/")
    supervisor.locator("select[name=verb]").select_option(label="查看完整身份证号")
    supervisor.get_by_role("button", name="筛选").click()

    # Then exactly one row names the staff user and the verb; the resident is masked as 张**, the way the
    # app shows a resident to a role that may not read the register (the supervisor has no register rights).
    audit_rows = supervisor.get_by_test_id("audit-row")
    expect(audit_rows).to_have_count(1)
    row = audit_rows.first
    expect(row).to_contain_text("查看完整身份证号")
    expect(row).to_contain_text("community_staff")
    expect(row).to_contain_text("查看居民「张**」的完整身份证号，事由：办理低保复核")
    expect(row).not_to_contain_text("张三")
    expect(row).not_to_contain_text(number)
    browser_run.assert_clean()


def test_search_and_reveal_work_without_javascript(browser_run, register, users):
    zhang_san = register["zhang_san"]
    page = browser_run.new_page(javascript=False)

    log_in(page, "community_staff")
    page.goto("/residents/")
    page.get_by_test_id("search").fill("zs")
    page.get_by_role("button", name="查询").click()

    expect(page).to_have_url(re.compile(r"[?&]q=zs"))
    rows = page.get_by_test_id("resident-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("张三")
    expect(page.locator("#results")).to_contain_text("共 1 人")

    rows.first.get_by_role("link", name="张三").click()
    page.get_by_text("查看完整身份证号").click()
    page.get_by_test_id("reveal-reason").fill("核对户籍")
    page.get_by_test_id("reveal").click()

    # The plain POST answers with a page of its own.
    expect(page.get_by_test_id("revealed-id")).to_have_text(full_id(zhang_san))
    expect(page.get_by_role("link", name="返回")).to_be_visible()
    assert AuditEvent.objects.filter(verb="resident.id_revealed", target_id=str(zhang_san.pk)).count() == 1
    browser_run.assert_clean()


def test_staff_cannot_open_a_resident_outside_their_community(browser_run, page, register):
    """The other community's 张松 is not found by search, and its URL is a plain 404."""
    log_in(page, "community_staff")
    response = page.goto(f"/residents/{register['elsewhere'].pk}/")
    assert response is not None
    assert response.status == 404
    browser_run.problems.clear()  # the 404 above was the point of this test
    assert not AuditEvent.objects.filter(verb="resident.id_revealed").exists()


def test_leaving_the_search_box_sends_nothing_and_the_filters_still_swap_in_place(
    browser_run, page, register
):
    # Regression: the form listened to every "change", so the blur of the search box
    # (a click on a result) fired a second search whose history push cancelled the
    # click's navigation.
    log_in(page, "community_staff")
    page.goto("/residents/")  # staff land on their home page; the register is one tap away
    searches: list[str] = []
    page.on("request", lambda r: searches.append(r.url) if r.headers.get("hx-request") else None)
    page.evaluate("window.__sameDocument = true")
    page.get_by_test_id("search").press_sequentially("zs", delay=50)
    expect(page).to_have_url(re.compile(r"[?&]q=zs"))
    expect(page.get_by_test_id("resident-row")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    assert len(searches) == 1, searches

    page.locator("h1").click()  # the search box loses focus and fires "change"
    page.wait_for_timeout(600)
    assert len(searches) == 1, searches

    # A select still filters without a page load.
    page.locator("select[name=status]").select_option("moved_out")
    expect(page).to_have_url(re.compile(r"[?&]status=moved_out"))
    expect(page.locator("#results")).to_contain_text("没有符合条件的居民。")
    assert len(searches) == 2, searches
    assert page.evaluate("window.__sameDocument") is True

    # And the result link is followed at the first click.
    page.locator("select[name=status]").select_option("active")
    expect(page.get_by_test_id("resident-row")).to_have_count(1)
    page.get_by_role("link", name="张三").click()
    expect(page).to_have_url(re.compile(rf"/residents/{register['zhang_san'].pk}/$"))
