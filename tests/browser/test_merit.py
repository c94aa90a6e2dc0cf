"""On a phone: a resident nominates a neighbour for the merit board 积德榜; the nominee consents by their own account
and chooses how to be named; two members of the 道德评议会 agree; staff post it on the public board (公示); a
volunteer objects and staff answer; the period ends (its end moved into the past, as the calendar would); staff put
it on the board, which anyone reads without signing in — the name as consented, never the register's name."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongzhi.merit.models import Nomination
from tests.merit.conftest import STORY, merit  # noqa: F401  (the fixture)

from .conftest import log_in
from .test_phone import LayoutCheck

pytestmark = pytest.mark.browser


def test_a_nomination_goes_from_consent_through_publicity_to_the_board(
    browser_run,
    phone_page,
    merit,  # noqa: F811  (the fixture imported above)
    users,
    areas,
    tmp_path,
):
    check_layout = LayoutCheck(tmp_path)
    neighbour = phone_page
    log_in(neighbour, "resident")
    neighbour.goto("/merit/")
    neighbour.get_by_test_id("nominate-link").tap()
    neighbour.get_by_label("类别").select_option(label="孝老爱亲")
    neighbour.get_by_label("被提名人姓名").fill("孝媳王秀英")
    neighbour.get_by_label("事迹标题").fill("照顾瘫痪婆婆二十年")
    neighbour.get_by_label("事迹", exact=True).fill(STORY)
    neighbour.get_by_label("证明人（姓名和与被提名人的关系）").fill("邻居李明")
    check_layout(neighbour, "merit-01-nominate")
    neighbour.get_by_role("button", name="提交提名").tap()
    expect(neighbour.get_by_test_id("state")).to_have_text("待本人同意")
    nomination = Nomination.objects.get()

    nominee = browser_run.new_page(phone=True)
    log_in(nominee, "nominee")
    expect(nominee.get_by_test_id("home-merit")).to_contain_text("请确认是否同意")
    nominee.goto(f"/merit/n/{nomination.pk}/")
    nominee.get_by_label("孝某某").check()
    check_layout(nominee, "merit-02-consent")
    nominee.get_by_test_id("consent-button").tap()
    expect(nominee.get_by_test_id("state")).to_have_text("道德评议会评议中")

    for username in ("judge0", "judge1"):
        judge = browser_run.new_page(phone=True)
        log_in(judge, username)
        judge.goto(f"/merit/n/{nomination.pk}/")
        judge.get_by_label("同意上榜").check()
        judge.get_by_label("理由").fill("村里人都知道，事迹属实")
        judge.get_by_test_id("review-button").tap()
        expect(judge.get_by_text("您的评议意见已记录。")).to_be_visible()
    expect(judge.get_by_test_id("state")).to_have_text("评议通过，待公示")

    staff = browser_run.new_page(phone=True)
    log_in(staff, "community_staff")
    staff.goto(f"/merit/n/{nomination.pk}/")
    staff.get_by_test_id("publicise-button").tap()
    expect(staff.get_by_test_id("state")).to_have_text("公示中")

    objector = browser_run.new_page(phone=True)
    log_in(objector, "volunteer")
    objector.goto(f"/merit/board/e/{nomination.pk}/")
    expect(objector.get_by_test_id("display-name")).to_have_text("孝某某")
    objector.get_by_label("异议理由").fill("听说白天有护工，想请核实一下")
    check_layout(objector, "merit-03-objection")
    objector.get_by_role("button", name="提出异议").tap()
    expect(objector.get_by_test_id("my-objection")).to_contain_text("听说白天有护工")

    staff.reload()
    staff.get_by_label("不成立（答复后继续）").check()
    staff.get_by_label("答复", exact=True).fill("经核实，护工每天只来两小时，其余由本人照顾。")
    staff.get_by_test_id("answer-button").tap()
    expect(staff.get_by_test_id("objection")).to_contain_text("异议不成立")
    staff.get_by_test_id("place-button").tap()
    expect(staff.get_by_text("期满后才能上榜")).to_be_visible()  # the 公示 still runs
    Nomination.objects.filter(pk=nomination.pk).update(
        publicity_ends_at=timezone.now() - dt.timedelta(minutes=1)
    )
    staff.get_by_test_id("place-button").tap()
    expect(staff.get_by_test_id("state")).to_have_text("已上榜")
    check_layout(staff, "merit-04-placed")

    visitor = browser_run.new_page(phone=True)
    visitor.goto(f"/merit/board/c/{areas['village'].pk}/")
    entry = visitor.get_by_test_id("entry")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("孝某某")
    expect(entry).to_contain_text("照顾瘫痪婆婆二十年")
    expect(visitor.locator("main")).not_to_contain_text("孝媳王秀英")
    check_layout(visitor, "merit-05-board")
    check_layout.assert_clean()
    browser_run.assert_clean()
