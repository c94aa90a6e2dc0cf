"""In real Chromium: a resident is warned of a phone number as they type; staff see it marked and
publish the wish with it redacted; a visitor never sees it."""

import re

import pytest
from playwright.sync_api import expect

from gongzhi.audit.models import AuditEvent
from gongzhi.wishes.models import Wish

from .conftest import log_in

pytestmark = pytest.mark.browser

NUMBER = "13812345678"
TITLE = "想请人帮忙修水管"
STORY = f"厨房的水管漏水了，想请人帮忙修一下。有事打我电话{NUMBER}"


def test_a_phone_number_is_warned_of_as_typed_then_redacted_before_anyone_sees_it(browser_run, users):
    # 1. The resident, on a phone, types the wish: the warning appears under the form as they type.
    phone = browser_run.new_page(phone=True)
    log_in(phone, "resident")
    phone.goto("/wishes/new/")
    phone.get_by_label("心愿标题").fill(TITLE)
    phone.get_by_label("心愿内容").press_sequentially(STORY[-20:], delay=5)
    warning = phone.get_by_test_id("pii-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("手机号")
    expect(warning).to_contain_text("138****5678")
    expect(warning).not_to_contain_text(NUMBER)
    phone.get_by_label("心愿内容").fill(STORY)
    phone.get_by_label("类别").select_option(label="生活用品")
    phone.get_by_test_id("submit-wish").tap()
    # Warned already (as they typed): the wish goes in on the first send.
    expect(phone).to_have_url(re.compile(r"/wishes/\d+/$"))
    wish = Wish.objects.select_related("case").get(case__title=TITLE)
    expect(phone.locator("mark.gz-pii")).to_have_text(NUMBER)  # the author sees what staff will see

    # 2. Community staff see the number marked, and publish with it redacted.
    staff = browser_run.new_page()
    log_in(staff, "community_staff")
    staff.goto(f"/wishes/{wish.pk}/")
    expect(staff.get_by_test_id("pii-found")).to_contain_text("手机号")
    expect(staff.locator("[data-testid=wish-story] mark.gz-pii")).to_have_text(NUMBER)
    choice = staff.get_by_test_id("pii-choice")
    expect(choice.get_by_label("隐去后发布（原文保存在审计记录中）")).to_be_checked()
    staff.get_by_label("公开范围").select_option("public")
    staff.get_by_test_id("publish").click()
    expect(staff.locator(".gz-messages")).to_contain_text("已发布到心愿墙。")
    expect(staff.get_by_test_id("wish-story")).to_contain_text("〔手机号已隐去〕")
    expect(staff.get_by_test_id("pii-found")).to_have_count(0)
    assert AuditEvent.objects.get(verb="case.redacted").summary["original"]["case.body"] == STORY

    # 3. A visitor reads the wall and the wish: no number anywhere.
    visitor = browser_run.new_page(phone=True)
    visitor.goto("/wishes/")
    visitor.get_by_test_id("wish-card").filter(has_text=TITLE).get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_test_id("wish-story")).to_contain_text("〔手机号已隐去〕")
    assert NUMBER not in visitor.content()
    assert visitor.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"


def test_without_the_warning_seen_a_sensitive_public_wish_comes_back_once(browser_run, users):
    # JavaScript off: the form comes back once with the warning and the safe tier chosen.
    page = browser_run.new_page(javascript=False)
    log_in(page, "resident")
    page.goto("/wishes/new/")
    page.get_by_label("心愿标题").fill("想请人陪我去复查")
    page.get_by_label("心愿内容").fill("去年中风了，一个人住，想请人陪我去县医院复查。")
    page.get_by_label("类别").select_option(label="其他")
    page.get_by_role("radio", name=re.compile("^公开")).check()
    page.get_by_test_id("submit-wish").click()
    expect(page.get_by_test_id("review-asked")).to_be_visible()
    expect(page.get_by_test_id("sensitive-hint")).to_contain_text("健康状况")
    expect(page.get_by_role("radio", name=re.compile("^仅工作人员和认领人"))).to_be_checked()
    page.get_by_test_id("submit-wish").click()
    expect(page).to_have_url(re.compile(r"/wishes/\d+/$"))
    assert Wish.objects.get().case.privacy == "restricted"
