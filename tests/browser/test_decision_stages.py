"""One 四议两公开 decision through all six stages, in two people's browsers.

The village's staff (on a phone) start a decision from the power list (a collective asset's lease, which must
go through every stage) and convene the party organisation's meeting from the decision's page: held with too few
present, it is short of its quorum, takes no vote and cannot decide the stage; convened again, quorate, its roll
call vote is taken as the proposal. The joint meeting, the party members' meeting and the representatives'
resolution are paper meetings of the day the matter was registered, recorded after the fact (the form behind
the fold; the first try short of a quorum is refused, nothing recorded); publish the resolution; carry it out as a task with progress notes; the
supervisory committee's member accepts the execution; the staff publish the result and download the 登记表.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gongzhi.selfgov.actions.decisions import power_list_adopt, power_template_install
from gongzhi.selfgov.models import Decision, PowerItem
from tests.selfgov.decisions_kit import village_bodies

from .conftest import log_in

pytestmark = pytest.mark.browser


def state_of(page: Page):
    return page.get_by_test_id("decision-state")


def record(page: Page, present: int, in_favour: int, against: int = 0) -> None:
    page.get_by_test_id("record-stage").click()
    page.get_by_test_id("after-the-fact").click()
    page.locator("input[name=present]").fill(str(present))
    page.locator("input[name=in_favour]").fill(str(in_favour))
    page.locator("input[name=against]").fill(str(against))
    page.get_by_test_id("stage-submit").click()


def convene(page: Page, day: str) -> None:
    form = page.get_by_test_id("convene-form")
    form.locator("input[name=held_on]").fill(day)
    form.locator("input[name=place]").fill("村委会会议室")
    form.locator("select[name=method]").select_option("roll_call")
    form.locator("textarea[name=urgency_reason]").fill("汛期前须议定仓库出租方案")
    page.get_by_test_id("convene-submit").click()


def hold(page: Page, present: int) -> None:
    """On the meeting's page: mark the first `present` of the roll present, the rest absent; close the roll."""
    page.get_by_test_id("roll").click()
    for n, line in enumerate(page.locator("form[data-testid=roll-form] select").all()):
        line.select_option("present" if n < present else "absent")
    page.get_by_test_id("save-roll").click()
    page.get_by_test_id("roll-close").click()


def test_a_decision_through_all_six_stages(browser_run, users, areas, make_resident):
    staff_user = users["community_staff"]
    village_bodies(
        staff=staff_user,
        community=areas["village"],
        make=lambda name, party=False: make_resident(
            name=name, political_status="中共党员" if party else "群众"
        ),
        supervisor_user=users["supervisor"],
    )
    power_template_install(actor=users["township_admin"], township=areas["township"])
    power_list_adopt(actor=staff_user, community=areas["village"])
    lease = PowerItem.objects.get(area=areas["village"], code="A03")
    today = timezone.localdate().isoformat()

    # 1. The staff start the decision from the power list.
    staff = browser_run.new_page(phone=True)
    log_in(staff, "community_staff")
    staff.goto("/selfgov/decisions/")
    staff.get_by_test_id("decision-start").click()
    staff.locator("input[name=title]").fill("出租村集体仓库")
    staff.locator("textarea[name=body]").fill("村集体闲置仓库约600平方米公开招租，租期三年。")
    staff.locator("select[name=power_item]").select_option(str(lease.pk))
    staff.get_by_test_id("decision-start-submit").click()
    expect(state_of(staff)).to_have_text("待党组织提议")
    decision = Decision.objects.get()

    # 2. The party organisation's meeting, convened from the decision: one of three comes, no quorum, no vote.
    staff.get_by_test_id("record-stage").click()
    expect(staff.get_by_test_id("no-meetings")).to_be_visible()
    convene(staff, today)
    expect(staff.get_by_test_id("meeting-state")).to_have_text("已通知")
    hold(staff, present=1)
    expect(staff.get_by_test_id("quorum")).to_contain_text("不足法定人数")
    expect(staff.get_by_test_id("vote")).to_have_count(0)
    staff.goto(f"/selfgov/decisions/{decision.pk}/stage/")
    expect(staff.get_by_test_id("short-meetings")).to_contain_text("不足法定人数")
    expect(staff.get_by_test_id("usable-votes")).to_have_count(0)
    staff.goto(f"/selfgov/decisions/{decision.pk}/")
    expect(state_of(staff)).to_have_text("待党组织提议")

    # Convened again, all three come; the roll-call vote is taken as the proposal.
    staff.get_by_test_id("record-stage").click()
    convene(staff, today)
    hold(staff, present=3)
    staff.get_by_test_id("vote").click()
    for choice in staff.locator("form[data-testid=vote-form] select").all():
        choice.select_option("for")
    staff.get_by_test_id("record-vote").click()
    staff.goto(f"/selfgov/decisions/{decision.pk}/stage/")
    staff.get_by_test_id("usable-votes").locator("textarea[name=opinion]").fill("同意提交两委会商议")
    staff.get_by_test_id("take-vote").click()
    expect(state_of(staff)).to_have_text("待两委会商议")
    expect(staff.get_by_test_id("verdict-proposal")).to_contain_text("通过")
    expect(staff.get_by_test_id("stage-meeting-proposal")).to_be_visible()

    # 3. The joint meeting (recorded after the fact: too few present is refused, nothing recorded),
    # 4. the party members' meeting, 5. the representatives' resolution.
    record(staff, 2, 2)
    expect(staff.locator("form[data-testid=stage-form]")).to_contain_text("不足法定人数")
    staff.goto(f"/selfgov/decisions/{decision.pk}/")
    expect(state_of(staff)).to_have_text("待两委会商议")
    record(staff, 6, 5, 1)
    expect(state_of(staff)).to_have_text("待党员大会审议")
    record(staff, 3, 3)
    expect(state_of(staff)).to_have_text("待村(居)民会议决议")
    staff.get_by_test_id("record-stage").click()
    expect(staff.get_by_test_id("stage-body")).to_contain_text("村民代表会议")
    staff.get_by_test_id("after-the-fact").click()
    staff.locator("input[name=present]").fill("8")
    staff.locator("input[name=in_favour]").fill("7")
    staff.locator("input[name=against]").fill("1")
    staff.get_by_test_id("stage-submit").click()
    expect(state_of(staff)).to_have_text("待决议公开")

    # 6. The resolution is published on the public board; the execution starts.
    staff.get_by_test_id("publish").click()
    staff.locator("textarea[name=text]").fill("经村民代表会议决议，村集体闲置仓库公开招租，租期三年。")
    staff.get_by_test_id("publish-submit").click()
    expect(state_of(staff)).to_have_text("实施中")
    staff.locator("[data-testid=task-form] input[name=title]").fill("发布招租公告并签约")
    staff.get_by_test_id("task-add").click()
    staff.get_by_test_id("tasks").get_by_role("link", name="发布招租公告并签约").click()
    staff.get_by_test_id("task-start").click()
    expect(staff.get_by_test_id("task-state")).to_have_text("实施中")
    staff.locator("[data-testid=task-move-progress] textarea[name=note]").fill("招租公告已张贴")
    staff.get_by_test_id("task-progress").click()
    expect(staff.get_by_test_id("task-timeline")).to_contain_text("招租公告已张贴")
    staff.locator("[data-testid=task-move-finish] textarea[name=note]").fill("已签订租赁合同")
    staff.get_by_test_id("task-finish").click()
    expect(staff.get_by_test_id("task-state")).to_have_text("已完成")

    # 7. The supervisory committee's member accepts the execution.
    supervisor = browser_run.new_page()
    log_in(supervisor, "supervisor")
    supervisor.goto(f"/selfgov/decisions/{decision.pk}/")
    supervisor.locator("[data-testid=accept-form] textarea[name=note]").fill("合同和租金到账无误")
    supervisor.get_by_test_id("accept").click()
    expect(state_of(supervisor)).to_have_text("待实施结果公开")

    # 8. The staff publish the result; every stage has its 登记表.
    staff.goto(f"/selfgov/decisions/{decision.pk}/")
    staff.get_by_test_id("publish").click()
    staff.locator("textarea[name=text]").fill("仓库已出租，年租金三万元，已入村集体账户。")
    staff.get_by_test_id("publish-submit").click()
    expect(state_of(staff)).to_have_text("已完成")
    for stage in ("proposal", "consultation", "review", "resolution", "disclosure", "result"):
        link = staff.get_by_test_id(f"register-{stage}")
        href = link.get_attribute("href")
        assert href is not None
        assert re.search(rf"/register/{stage}\.pdf$", href)
        response = staff.request.get(href)
        assert response.ok
        assert response.body()[:5] == b"%PDF-"
