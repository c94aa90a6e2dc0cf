"""A resident proposal reaching its statutory threshold, through the pages, in three residents' browsers.

青山村 has 30 adults in the register, so one tenth (村民委员会组织法第二十一条) is 3. A resident proposes on
a phone and opens it for signatures; two neighbours sign (one on a phone); the third signature reaches the
threshold: the proposal is submitted to the party organisation and its public page, read without login,
says a villagers' meeting must be convened. Co-signers are counted, never named.
"""

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongzhi.selfgov.models import Proposal
from tests.selfgov.proposals_kit import adults, citizen

from .conftest import log_in
from .test_wish_life import fits_phone

pytestmark = pytest.mark.browser
SHOTS = Path(tempfile.gettempdir())

TITLE = "修缮村口的便民桥"
TEXT = "村口的便民桥桥面破损，雨天很滑，老人孩子过桥不安全，建议召开村民会议商量修缮。"


def test_a_resident_proposal_reaches_its_threshold(browser_run, users, make_resident):
    citizen(make_resident, "proposer", name="王秀兰")
    citizen(make_resident, "neighbour", name="赵大山")
    citizen(make_resident, "farmer", name="钱小河")
    adults(make_resident, 27)
    findings: list[str] = []

    # 1. The proposer, on a phone, writes the proposal and opens it for signatures.
    phone = browser_run.new_page(phone=True)
    log_in(phone, "proposer")
    phone.goto("/selfgov/proposals/")
    findings += fits_phone(phone, "proposals (resident)", buttons=".gz-actions")
    phone.get_by_test_id("propose").tap()
    expect(phone).to_have_url(re.compile(r"/selfgov/proposals/new/$"))
    phone.get_by_label("标题").fill(TITLE)
    phone.get_by_label("提案内容（为什么、想怎么办）").fill(TEXT)
    expect(phone.get_by_label("召集村(居)民会议")).to_be_checked()
    expect(phone.get_by_label("只显示姓氏（如 王**）")).to_be_checked()
    findings += fits_phone(phone, "proposal form", buttons="main form")
    phone.get_by_test_id("save-proposal").tap()
    expect(phone).to_have_url(re.compile(r"/selfgov/proposals/\d+/$"))
    path = re.search(r"/selfgov/proposals/\d+/$", phone.url).group(0)
    expect(phone.get_by_test_id("proposal-state")).to_have_text("草稿")
    phone.get_by_test_id("open").tap()
    expect(phone.locator(".gz-messages")).to_contain_text("提案已公开，开始征集联名。")
    expect(phone.get_by_test_id("count-headline")).to_have_text("已有 1 人联名，须 3 人")
    expect(phone.get_by_test_id("count")).to_contain_text("村民委员会组织法第二十一条")
    findings += fits_phone(phone, "proposal opened", buttons='[data-testid="proposal-actions"]')

    # 2. A neighbour at a desk finds it in the village's list and signs with one tap.
    desk = browser_run.new_page()
    log_in(desk, "neighbour")
    desk.goto("/selfgov/proposals/")
    desk.get_by_test_id("own-community").click()
    card = desk.get_by_test_id("proposal-card").filter(has_text=TITLE)
    expect(card).to_contain_text("已有 1 人联名，须 3 人")
    expect(card).to_contain_text("王**")
    card.get_by_role("link", name=TITLE).click()
    desk.get_by_test_id("sign").click()
    expect(desk.locator(".gz-messages")).to_contain_text("您已联名这项提案。")
    expect(desk.get_by_test_id("count-headline")).to_have_text("已有 2 人联名，须 3 人")
    expect(desk.get_by_test_id("proposal-state")).to_have_text("征集联名")
    # Signing again is refused with a clear message, and nothing changes.
    expect(desk.get_by_test_id("sign")).to_have_count(0)
    expect(desk.get_by_test_id("signed")).to_be_visible()

    # 3. A third villager, on a phone, signs: the threshold is reached.
    third = browser_run.new_page(phone=True)
    log_in(third, "farmer")
    third.goto(path)
    third.get_by_test_id("sign").tap()
    expect(third.get_by_test_id("count-headline")).to_have_text("已有 3 人联名，须 3 人")
    expect(third.get_by_test_id("proposal-state")).to_have_text("已提交，待党组织答复")
    expect(third.get_by_test_id("meeting-due")).to_contain_text("应当召集村民会议")

    # 4. Anyone, without logging in, reads the count and the duty to convene; no co-signer is named.
    visitor = browser_run.new_page(phone=True)
    visitor.goto(path)
    expect(visitor.get_by_test_id("count-headline")).to_have_text("已有 3 人联名，须 3 人")
    expect(visitor.get_by_test_id("meeting-due")).to_contain_text(
        "依照村民委员会组织法第二十一条，应当召集村民会议"
    )
    body = visitor.locator("main").inner_text()
    for name in ("赵大山", "钱小河", "王秀兰"):
        assert name not in body
    findings += fits_phone(visitor, "public proposal")
    visitor.screenshot(path=str(SHOTS / "proposal-public.png"), full_page=True)

    proposal = Proposal.objects.get(title=TITLE)
    assert (proposal.state, proposal.reached_route, proposal.reached_count) == ("submitted", "adults", 3)
    assert proposal.meeting_due_on is not None
    assert findings == [], "\n".join(findings)
