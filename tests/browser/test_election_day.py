"""One community's election in real Chromium, from the roll to the result filed with the township: the staff
generate and publish the roll, a resident objects and the committee answers; the committee records the joint
nominations, confirms more candidates than seats, publishes them, opens the vote and records its box and the
box's paper, all through the pages; on election day two clerks on two phones count one box, disagree, one corrects, the scrutineers sign, the result is announced and public, the
township files it and its board shows the community as filed."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongzhi.accounts.roles import Role
from gongzhi.elections.actions.rounds import committee_member_add, election_add, round_open
from gongzhi.elections.models import Election, Poll, PollKind
from gongzhi.residents.models import Resident
from tests.conftest import make_user

from .conftest import log_in
from .test_phone import LayoutCheck

pytestmark = pytest.mark.browser

PEOPLE = (
    ("赵建国", "M"),
    ("钱秀英", "F"),
    ("孙志强", "M"),
    ("李明", "M"),
    ("周红", "F"),
    ("吴刚", "M"),
    ("郑平", "M"),
    ("王芳", "F"),
)
CANDIDATES = ("赵建国", "钱秀英", "孙志强", "李明")


def _pick(page, name: str, key: str) -> None:
    """Find a voter on the roll by name and pick them (no script: the search and the pick are plain GETs)."""
    page.get_by_label("在选民名单中查找（姓名或拼音首字母）").fill(name)
    page.get_by_test_id("search").click()
    page.get_by_test_id("match").filter(has_text=name).get_by_test_id(f"pick-{key}").click()


def _nominate_and_accept(desk, *, candidate: str, signers: tuple[str, ...]) -> None:
    """The committee records one paper nomination form (联名: the candidate and the voters who signed it) and
    confirms the candidate."""
    _pick(desk, candidate, "candidate")
    expect(desk.get_by_test_id("chosen-candidate")).to_have_text(candidate)
    for signer in signers:
        _pick(desk, signer, "nominators")
    expect(desk.get_by_test_id("chosen-nominator")).to_have_count(len(signers))
    desk.get_by_test_id("submit").click()
    expect(desk.get_by_text(f"已登记{candidate}的提名，请选举委员会审核。")).to_be_visible()
    row = desk.get_by_test_id("nomination").filter(has_text=candidate)
    expect(row).to_contain_text(f"{len(signers)} 人联名")
    row.get_by_test_id("decide").click()
    desk.get_by_label("确认为候选人").check()
    desk.get_by_test_id("submit").click()
    expect(desk.get_by_text(f"已确认{candidate}为候选人。")).to_be_visible()
    expect(desk.get_by_test_id("nomination").filter(has_text=candidate)).to_contain_text("已确认")


def _candidates_and_the_box_through_the_pages(desk, *, election: Election) -> Poll:
    """Nominations, the candidates' publication (差额), the first-round poll, its box and the box's paper:
    clicked through the committee's pages."""
    desk.goto(f"/elections/{election.pk}/")
    desk.get_by_test_id("to-nominations").click()
    for name in CANDIDATES:
        _nominate_and_accept(desk, candidate=name, signers=("周红", "吴刚"))
    desk.get_by_test_id("to-publish").click()
    expect(desk.get_by_test_id("rule")).to_contain_text("应选 3 名，现已确认候选人 4 名")
    desk.get_by_test_id("submit").click()
    expect(desk.get_by_text("候选人名单已公布。")).to_be_visible()
    published = desk.get_by_test_id("candidates-published")
    for name in CANDIDATES:
        expect(published).to_contain_text(name)

    # Election day: the vote, held today at the meeting, its one central box and the box's paper.
    desk.get_by_test_id("to-poll-open").click()
    expect(desk.get_by_label("选举", exact=True)).to_be_checked()
    desk.get_by_label("投票日期").fill(timezone.localdate().isoformat())
    desk.get_by_label("选举大会会场").fill("村委会大院")
    desk.get_by_test_id("submit").click()
    expect(desk.get_by_text("已登记选举，请登记票箱。")).to_be_visible()
    desk.get_by_test_id("to-box-add").click()
    expect(desk.get_by_label("中心会场")).to_be_checked()
    desk.get_by_label("地点", exact=True).fill("村委会大院")
    desk.get_by_label("工作人员", exact=True).fill("王会计、李出纳")
    desk.get_by_test_id("submit").click()
    expect(desk.get_by_text("已登记票箱「村委会大院」。")).to_be_visible()
    # 8 on the roll, 8 ballots issued, 7 returned, 1 spoiled: 6 valid, each naming up to three of four.
    desk.get_by_test_id("to-box-paper").click()
    desk.get_by_label("发出选票（张）").fill("8")
    desk.get_by_label("收回选票（张）").fill("7")
    desk.get_by_label("其中无效选票（张）").fill("1")
    desk.get_by_test_id("submit").click()
    expect(desk.get_by_test_id("box")).to_contain_text("发出选票 8 张，收回 7 张，无效 1 张")
    return Poll.objects.get(election=election, kind=PollKind.FIRST)


def _enter(page, figures: dict[str, int]) -> None:
    form = page.get_by_test_id("sheet-form")
    for name, votes in figures.items():
        form.get_by_label(name).fill(str(votes))
    form.get_by_test_id("save-sheet").click()


def test_one_communitys_election_from_the_roll_to_the_filed_result(
    browser_run, users, areas, make_resident, tmp_path
):
    check_layout = LayoutCheck(tmp_path)
    today = timezone.localdate()
    admin, staff = users["township_admin"], users["community_staff"]
    make_user("clerk2", Role.COMMUNITY_STAFF, areas["village"], display_name="第二录入员")
    round_ = round_open(actor=admin, township=areas["township"], term=11, name="第十一届村(社区)三委换届选举")
    election = election_add(
        actor=admin,
        round_=round_,
        community=areas["village"],
        election_day=today + dt.timedelta(days=25),
        seats=3,
    )
    people = {name: make_resident(name=name, gender=gender) for name, gender in PEOPLE}
    me = make_resident(name="冯居民")
    Resident.objects.filter(pk=me.pk).update(user=users["resident"])
    committee_member_add(
        actor=staff, election=election, resident=people["郑平"], post="chair", joined_on=today
    )

    # The staff generate the roll from the register and publish it.
    desk = browser_run.new_page()
    log_in(desk, "community_staff")
    desk.goto(f"/elections/{election.pk}/")
    desk.get_by_test_id("roll-generate").click()
    expect(desk.get_by_test_id("roll")).to_contain_text("登记选民 9 人")
    desk.get_by_test_id("roll-publish").click()
    expect(desk.get_by_text("选民名单已公布。")).to_be_visible()

    # A resident objects on the published roll's page: 王芳 lives elsewhere for good.
    resident = browser_run.new_page(phone=True)
    log_in(resident, "resident")
    resident.goto(f"/elections/{election.pk}/roll/")
    resident.get_by_label("要提出异议的人（姓名）").fill("王芳")
    resident.get_by_role("button", name="查找").click()
    objection = resident.get_by_test_id("objection-form")
    objection.get_by_label("异议类型").select_option("wrongly_on")
    objection.get_by_label("异议理由").fill("已迁往外省定居多年，不在本村居住")
    objection.get_by_role("button", name="提交异议").click()
    expect(resident.get_by_text("异议已提交")).to_be_visible()

    # The committee answers: upheld, 王芳 is struck off in the same step.
    desk.goto(f"/elections/{election.pk}/")
    line = desk.get_by_test_id("objection")
    line.locator('select[name="upheld"]').select_option("yes")
    line.locator('input[name="answer"]').fill("经核实已迁出，予以除名")
    line.get_by_role("button", name="作出处理决定").click()
    expect(desk.get_by_test_id("roll")).to_contain_text("登记选民 8 人")
    resident.goto(f"/elections/{election.pk}/roll/")
    expect(resident.get_by_test_id("answers")).to_contain_text("经核实已迁出，予以除名")

    poll = _candidates_and_the_box_through_the_pages(desk, election=election)

    # Election day: two clerks on two phones count the box, each alone.
    first = browser_run.new_page(phone=True)
    log_in(first, "community_staff")
    first.goto(f"/elections/{election.pk}/")
    first.get_by_test_id("poll").get_by_role("link", name="计票").click()
    first.get_by_test_id("enter").click()
    check_layout(first, "election-day-01-entry")
    _enter(first, {"赵建国": 5, "钱秀英": 4, "孙志强": 4, "李明": 2})
    expect(first.get_by_test_id("box")).to_contain_text("还须另一位录入员独立录入")

    second = browser_run.new_page(phone=True)
    log_in(second, "clerk2")
    second.goto(f"/elections/polls/{poll.pk}/count/")
    second.get_by_test_id("enter").click()
    expect(second.get_by_test_id("sheet-form").get_by_label("赵建国")).to_have_value(
        ""
    )  # never the first's figures
    _enter(second, {"赵建国": 5, "钱秀英": 3, "孙志强": 4, "李明": 2})

    # The count page shows the disagreement, in red, with both figures; nobody may sign yet.
    first.reload()
    counted = first.get_by_test_id("box")
    expect(counted).to_have_class(re.compile(r"\bgz-disagree\b"))
    expect(counted.get_by_test_id("disagreement")).to_be_visible()
    expect(counted.locator("tbody tr")).to_have_text(re.compile(r"钱秀英\s*4\s*3"))
    expect(first.get_by_test_id("to-sign")).to_have_count(0)
    check_layout(first, "election-day-02-disagreement")

    # The second clerk checks the ballots again and corrects their own sheet: the line in red is the one.
    second.goto(f"/elections/polls/{poll.pk}/count/")
    second.get_by_test_id("correct").click()
    expect(second.locator("label.gz-disagree")).to_contain_text("钱秀英")
    _enter(second, {"钱秀英": 4})
    expect(second.get_by_test_id("agreed")).to_be_visible()

    # The scrutineers sign; the tally before the button; the result announced on the spot.
    first.reload()
    first.get_by_test_id("to-sign").click()
    check_layout(first, "election-day-03-sign")
    first.get_by_label("吴刚").check()
    first.get_by_label("周红").check()
    first.get_by_test_id("sign").click()
    expect(first.get_by_test_id("valid")).to_contain_text("参加投票 7 人")
    for name in ("赵建国", "钱秀英", "孙志强"):
        expect(first.get_by_test_id("elected")).to_contain_text(name)
    expect(first.get_by_test_id("without-woman")).to_have_count(0)
    check_layout(first, "election-day-04-tally")
    first.get_by_test_id("announce").click()
    expect(first.get_by_test_id("announced")).to_be_visible()

    # The public notice, without an account.
    visitor = browser_run.new_page(phone=True)
    visitor.goto(f"/elections/{election.pk}/notice/")
    for name in ("赵建国", "钱秀英", "孙志强"):
        expect(visitor.get_by_test_id("elected")).to_contain_text(name)
    expect(visitor.get_by_test_id("elected")).not_to_contain_text("李明")

    # The township files the result; its board shows 青山村 as filed.
    township = browser_run.new_page()
    log_in(township, "township_admin")
    township.goto(f"/elections/{election.pk}/")
    township.get_by_test_id("to-file").click()
    township.get_by_test_id("file").click()
    expect(township.get_by_text("选举结果已报备乡镇。")).to_be_visible()
    township.goto(f"/elections/rounds/{round_.pk}/")
    row = township.get_by_test_id("board-row").filter(has_text="青山村")
    expect(row.locator('[data-step="result"]')).to_have_attribute("data-done", "yes")
    election.refresh_from_db()
    assert election.result_filed_at is not None
    check_layout.assert_clean()
    browser_run.assert_clean()
