"""In real Chromium: after a claim, the claimer and the wisher talk in the wish's private thread, and the
claimer sees the wisher's phone only once the wisher agrees."""

import re

import pytest
from playwright.sync_api import expect

from gongzhi.wishes import actions

from .conftest import log_in

pytestmark = pytest.mark.browser

TITLE = "想请人帮忙换个灯泡"


def test_the_claimer_and_the_wisher_reach_each_other(browser_run, users):
    wish = actions.wish_post(actor=users["resident"], title=TITLE, story="厨房的灯泡坏了，够不着。", category="goods",
                             contact_phone="13912345678", meeting_place="村委会门口")  # fmt: skip
    actions.wish_publish(actor=users["community_staff"], wish=wish)

    # 1. The party member, on a phone, claims it: the deadline shows, no contact yet, and a thread.
    helper = browser_run.new_page(phone=True)
    log_in(helper, "party_member")
    helper.goto(f"/wishes/{wish.pk}/")
    expect(helper.get_by_test_id("thread")).to_have_count(0)  # nothing to read before a claim
    helper.get_by_test_id("claim").tap()
    expect(helper.locator(".gz-messages")).to_contain_text("认领成功")
    expect(helper.get_by_test_id("claim-due")).to_be_visible()
    expect(helper.get_by_test_id("no-contact")).to_be_visible()
    expect(helper.get_by_test_id("contact-phone")).to_have_count(0)
    helper.get_by_test_id("message-body").fill("周六上午来帮您换，可以吗？")
    helper.get_by_test_id("send-message").tap()
    expect(helper.locator(".gz-messages")).to_contain_text("留言已发送")
    expect(helper.get_by_test_id("message")).to_have_count(1)

    # 2. The wisher reads it, answers, and lets the claimer see the phone number.
    wisher = browser_run.new_page()
    log_in(wisher, "resident")
    wisher.goto(f"/wishes/{wish.pk}/")
    expect(wisher.get_by_test_id("message")).to_contain_text("周六上午来帮您换")
    wisher.get_by_test_id("message-body").fill("可以，我上午在家。")
    wisher.get_by_test_id("send-message").click()
    expect(wisher.get_by_test_id("message")).to_have_count(2)
    form = wisher.get_by_test_id("contact-form")
    expect(form).to_have_attribute("open", "")
    form.get_by_label("让认领人看到电话和地点").check()
    form.get_by_test_id("save-contact").click()
    expect(wisher.locator(".gz-messages")).to_contain_text("联系方式已保存")

    # 3. The claimer now sees the phone (a tap calls it) and the place, and the answer.
    helper.goto(f"/wishes/{wish.pk}/")
    expect(helper.get_by_test_id("contact-phone").get_by_role("link")).to_have_attribute(
        "href", "tel:13912345678"
    )
    expect(helper.get_by_test_id("contact-place")).to_have_text("村委会门口")
    expect(helper.get_by_test_id("message").nth(1)).to_contain_text("可以，我上午在家。")

    # 4. Another volunteer sees the public wish, but neither the thread nor the phone.
    other = browser_run.new_page(phone=True)
    log_in(other, "volunteer")
    other.goto(f"/wishes/{wish.pk}/")
    expect(other).to_have_url(re.compile(rf"/wishes/{wish.pk}/$"))
    expect(other.get_by_test_id("thread")).to_have_count(0)
    assert "13912345678" not in other.content()
    assert "周六上午" not in other.content()
