"""The whole life of a wish, in three people's browsers.

A resident posts it on a phone (with a photo), community staff publish it, a
party member claims and fulfils it, the resident confirms and rates it. Each
of them hears of the others' moves in the notice inbox, the timeline shows
every step in order, and the public wall shows it done without naming the
resident. On the phone nothing scrolls sideways and the buttons fit a finger.
"""

import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from gongzhi.hours.models import ServiceCredit
from gongzhi.wishes.models import Wish

from .conftest import PHONE, log_in

pytestmark = pytest.mark.browser

WIDTH = PHONE["viewport"]["width"]
MIN_TARGET = 44  # CSS px, as in test_phone
FULL_NAME = "王秀兰"
TITLE = "想要一台收音机"
STORY = "家里的收音机坏了，想听听戏曲和新闻。"
NOTE = "送去一台收音机，教会了调台"

# Every visible control of a region, with its size.
MEASURE = """(root) => [...root.querySelectorAll('button, a[role=button], input:not([type=hidden]), select, textarea')]
  .filter(el => el.checkVisibility())
  .map(el => {
    // A radio or checkbox is tapped through its label (around it or pointing at it).
    const r = ((el.type === 'radio' || el.type === 'checkbox') && (el.closest('label') || el.labels[0]) || el).getBoundingClientRect();
    const name = (el.innerText || el.value || el.name || '').trim();
    return {tag: el.tagName.toLowerCase(), name: name.slice(0, 30), height: r.height, width: r.width};
  })"""


def jpeg(path: Path) -> Path:
    Image.new("RGB", (64, 48), (200, 120, 40)).save(path, "JPEG", quality=85)
    return path


def fits_phone(page: Page, name: str, *, buttons: str | None = None) -> list[str]:
    """No sideways scrolling; every control in `buttons` (a CSS selector of regions) at least 44px high."""
    findings = []
    size = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    if size["inner"] != WIDTH or size["scroll"] > size["inner"]:
        findings.append(f"{name}: scrolls sideways {size}")
    if buttons:
        regions = page.locator(buttons)
        assert regions.count() > 0, f"{name}: no {buttons}"
        for i in range(regions.count()):
            for c in regions.nth(i).evaluate(MEASURE):
                if c["height"] < MIN_TARGET:
                    findings.append(f"{name}: tap target under {MIN_TARGET}px high: {c}")
    return findings


def notice_titles(page: Page) -> list[str]:
    page.goto("/notices/")
    return [t.strip().lstrip("● ") for t in page.get_by_test_id("notice").locator("h3").all_inner_texts()]


def test_a_wish_from_posting_to_rating(settings, tmp_path, browser_run, users, make_resident):
    # `settings` before `browser_run`: fixtures are torn down in reverse, so the browsers close (and stop
    # loading lazy photos) before DATA_DIR is put back; the other order let a late photo request 404.
    settings.DATA_DIR = tmp_path / "data"
    # The resident is in the register under their full name, and their account is theirs.
    wisher = users["resident"]
    wisher.display_name = FULL_NAME
    wisher.save(update_fields=["display_name"])
    record = make_resident("grid_a1", name=FULL_NAME)
    record.user = wisher
    record.save(update_fields=["user"])
    findings: list[str] = []

    # 1. The resident, on a phone, posts a wish with a photo.
    phone = browser_run.new_page(phone=True)
    log_in(phone, "resident")
    phone.goto("/wishes/")
    findings += fits_phone(phone, "wall (resident)", buttons=".gz-actions")
    phone.get_by_test_id("post-wish").tap()
    expect(phone).to_have_url(re.compile(r"/wishes/new/$"))
    phone.get_by_label("心愿标题").fill(TITLE)
    phone.get_by_label("心愿内容").fill(STORY)
    phone.get_by_label("类别").select_option(label="助老")
    phone.locator("input[name=photo]").set_input_files(jpeg(tmp_path / "radio.jpg"))
    findings += fits_phone(phone, "form", buttons="main form")
    phone.get_by_test_id("submit-wish").tap()
    expect(phone).to_have_url(re.compile(r"/wishes/\d+/$"))
    wish_path = re.search(r"/wishes/\d+/$", phone.url).group(0)
    expect(phone.get_by_test_id("wish-state")).to_have_text("待审核")
    expect(phone.locator(".gz-messages")).to_contain_text("心愿已提交，村(社区)审核后会发布到心愿墙")
    expect(phone.get_by_role("heading", name=TITLE)).to_be_visible()
    findings += fits_phone(phone, "wish submitted", buttons='[data-testid="wish-actions"]')
    wish = Wish.objects.select_related("case").get(case__title=TITLE)
    assert wish.case.resident_id == record.pk
    assert wish.case.author_id == wisher.pk

    # 2. Community staff, at a desk, find it in their queue and publish it.
    staff = browser_run.new_page()
    log_in(staff, "community_staff")
    staff.goto("/wishes/queue/")
    row = staff.get_by_test_id("queue-row").filter(has_text=TITLE)
    expect(row).to_contain_text("待审核")
    expect(row).to_contain_text(FULL_NAME)  # staff see the name
    row.get_by_role("link", name=TITLE).click()
    # The queue's link carries where to go back to.
    expect(staff).to_have_url(re.compile(re.escape(wish_path + "?next=/wishes/queue/") + "$"))
    expect(staff.get_by_test_id("back")).to_have_attribute("href", "/wishes/queue/")
    staff.get_by_label("公开范围").select_option("public")
    staff.get_by_test_id("publish").click()
    expect(staff.locator(".gz-messages")).to_contain_text("已发布到心愿墙。")
    expect(staff.get_by_test_id("wish-state")).to_have_text("待认领")

    # 3. The party member finds it on the wall, claims it and records the fulfilment.
    helper = browser_run.new_page()
    log_in(helper, "party_member")
    helper.goto("/wishes/")
    helper.get_by_test_id("wish-card").filter(has_text=TITLE).get_by_role("link", name=TITLE).click()
    expect(helper).to_have_url(re.compile(wish_path + "$"))
    helper.get_by_test_id("claim").click()
    expect(helper.locator(".gz-messages")).to_contain_text("认领成功")
    expect(helper.get_by_test_id("wish-state")).to_have_text("已认领")
    helper.get_by_label("完成情况").fill(NOTE)
    helper.get_by_label("服务时长（小时，可不填）").fill("1.5")
    helper.get_by_test_id("fulfil").click()
    expect(helper.locator(".gz-messages")).to_contain_text("已登记完成，等待许愿人确认。")
    expect(helper.get_by_test_id("wish-state")).to_have_text("待确认")

    # 4. The resident, on the phone again, confirms and rates it.
    phone.goto(wish_path)
    expect(phone.get_by_test_id("wish-state")).to_have_text("待确认")
    expect(phone.locator(".gz-dl")).to_contain_text(NOTE)
    findings += fits_phone(phone, "wish to confirm", buttons='[data-testid="wish-actions"]')
    phone.get_by_test_id("confirm").tap()
    expect(phone.locator(".gz-messages")).to_contain_text("已确认心愿实现")
    expect(phone.get_by_test_id("wish-state")).to_have_text("已实现")
    findings += fits_phone(phone, "wish to rate", buttons='[data-testid="wish-actions"]')
    phone.locator("select[name=rating]").select_option("5")
    phone.get_by_test_id("rate").tap()
    expect(phone.locator(".gz-messages")).to_contain_text("感谢您的评价。")
    expect(phone.get_by_test_id("wish-rating")).to_contain_text("★★★★★")
    expect(phone.get_by_test_id("wish-actions")).to_have_count(0)  # nothing left to do
    findings += fits_phone(phone, "wish done")
    assert ServiceCredit.objects.filter(helper=users["party_member"], source_id=wish.pk).count() == 1

    # 5a. The timeline shows every step, in order, with who did it.
    steps = phone.get_by_test_id("timeline").locator("li")
    expect(steps).to_have_count(6)
    for i, (who, verb) in enumerate(
        [
            (FULL_NAME, "提交"),
            ("community_staff", "发布上墙 → 待认领"),
            ("party_member", "认领 → 已认领"),
            ("party_member", "登记完成 → 待确认"),
            (FULL_NAME, "确认实现 → 已实现"),
            (FULL_NAME, "评价"),
        ]
    ):
        expect(steps.nth(i)).to_contain_text(f"{who} {verb}")
    expect(steps.nth(3)).to_contain_text(NOTE)  # the wisher sees the notes

    # 5b. The uploaded photo loads on the wish page.
    photo = phone.locator("img.gz-photo")
    expect(photo).to_have_count(1)
    photo.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    assert photo.evaluate("img => img.naturalWidth") == 64

    # 5c. Each heard of the others' moves, and not of their own.
    resident_notices = notice_titles(phone)
    assert resident_notices == [
        f"微心愿「{TITLE}」登记完成，现为“待确认”",  # the claimer's note is in the body, not the title
        f"微心愿「{TITLE}」认领，现为“已认领”",
        f"微心愿「{TITLE}」发布上墙，现为“待认领”",
    ], resident_notices
    findings += fits_phone(phone, "inbox")
    helper_notices = notice_titles(helper)
    assert helper_notices == [
        f"微心愿「{TITLE}」收到5星评价",
        f"微心愿「{TITLE}」确认实现，现为“已实现”",
    ], helper_notices

    # 5d. The public wall shows it done, without the resident's name; so does its page.
    public = browser_run.new_page(phone=True)
    public.goto("/wishes/")
    card = public.get_by_test_id("wish-card").filter(has_text=TITLE)
    expect(card).to_have_count(1)
    expect(card.locator(".gz-state")).to_have_text("已实现")
    expect(card).to_contain_text("王**")
    expect(public.locator("main")).not_to_contain_text(FULL_NAME)
    expect(public.locator("main")).not_to_contain_text(FULL_NAME[1:])
    findings += fits_phone(public, "wall (public)")
    card.get_by_role("link", name=TITLE).tap()
    expect(public).to_have_url(re.compile(wish_path + "$"))
    expect(public.get_by_test_id("wish-state")).to_have_text("已实现")
    expect(public.get_by_test_id("timeline").locator("li")).to_have_count(6)
    expect(public.get_by_test_id("timeline")).to_contain_text("许愿人 提交")
    expect(public.locator("main")).not_to_contain_text(FULL_NAME)
    expect(public.locator("main")).not_to_contain_text(FULL_NAME[1:])
    findings += fits_phone(public, "wish (public)")

    assert findings == [], "\n".join(findings)
    browser_run.assert_clean()
