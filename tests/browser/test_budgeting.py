"""The participatory budget in Chromium on a phone: a resident of 青山村 proposes a project with a photo during the
proposing window; the staff screen it, the 议事会 ranks and decides (through the actions), and a visitor on a phone
reads the result page and the project's public page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongzhi.accounts.roles import Role
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.budgeting import actions
from gongzhi.budgeting.models import Project, ProjectState
from gongzhi.funds.actions import fund_create, income_record
from gongzhi.funds.models import FundKind, IncomeSource
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import make_user, migration_rows_restore
from tests.funds.conftest import jpeg

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_a_resident_proposes_on_a_phone_and_reads_the_result(
    browser_run, users, areas, make_resident, tmp_path
):
    migration_rows_restore()
    staff, village = users["community_staff"], areas["village"]
    today = timezone.localdate()
    fund = fund_create(actor=staff, community=village, year=today.year,
                       kind=FundKind.objects.get(code="public_service"))  # fmt: skip
    income_record(actor=staff, fund=fund, source=IncomeSource.objects.get(code="finance"), amount="30000",
                  received_on=dt.date(today.year, 1, 1))  # fmt: skip
    own = make_resident("grid_a1", name="李秀兰", birth=dt.date(1968, 3, 8))
    Resident.objects.filter(pk=own.pk).update(user=users["resident"])
    round_ = actions.round_create(actor=staff, community=village, year=today.year, opens_on=today,
                                  closes_on=dt.date(today.year, 12, 31))  # fmt: skip
    actions.round_open(actor=staff, round_=round_)
    photo = tmp_path / "路口.jpg"
    photo.write_bytes(jpeg())

    resident = browser_run.new_page(phone=True)
    log_in(resident, "resident")
    resident.goto(f"/budgeting/r/{round_.pk}/")
    resident.get_by_role("link", name="提出项目").click()
    resident.get_by_label("项目名称").fill("修路灯")
    resident.get_by_label("项目内容（要解决什么问题、怎么做）").fill(
        "村口到小学的路段晚上没有灯，老人和孩子走夜路不安全。"
    )
    resident.get_by_label("地点").fill("村口至青山小学")
    resident.get_by_label("估算金额（元）").fill("8000")
    resident.get_by_label("类别").select_option(label="道路照明（优先支持）")
    resident.get_by_label("照片（可不传，最多3张）").set_input_files(str(photo))
    resident.get_by_role("button", name="提交项目").click()
    expect(resident.get_by_test_id("project-state")).to_have_text("待审查")
    project = Project.objects.get()
    assert (project.proposer, project.photos.count()) == (users["resident"], 1)
    width = resident.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the proposing pages fit a phone's width"

    # Screened, ranked by the 议事会's three members, decided at its meeting.
    actions.project_screen(actor=staff, project=project, eligible=True)
    actions.round_close(actor=staff, round_=round_)
    body = body_ensure(actor=staff, area=village, kind=BodyKind.COUNCIL)
    for n, post in enumerate((Post.CHAIR, Post.MEMBER, Post.MEMBER), start=1):
        user = make_user(f"council{n}", Role.RESIDENT, village)
        seat = make_resident("grid_a1", name=("王议一", "陈议二", "刘议三")[n - 1], birth=dt.date(1965, 1, n))
        Resident.objects.filter(pk=seat.pk).update(user=user)
        seat.refresh_from_db()
        member_ensure(actor=staff, body=body, resident=seat, post=post, started_on=dt.date(2024, 1, 1))
        actions.ranking_submit(actor=user, round_=round_, order=[project.pk])
    actions.round_decide(actor=staff, round_=round_,
                         vote=actions.CouncilVote(held_on=today, present=3, in_favour=3))  # fmt: skip
    project.refresh_from_db()
    assert project.state == ProjectState.FUNDED

    visitor = browser_run.new_page(phone=True)
    visitor.goto(f"/budgeting/public/{round_.pk}/")
    result = visitor.get_by_test_id("result")
    expect(result).to_contain_text("修路灯")
    expect(result).to_contain_text("已立项")
    expect(visitor.get_by_text("李秀兰")).to_have_count(0)
    visitor.get_by_role("link", name="修路灯").click()
    expect(visitor.get_by_test_id("spending")).to_contain_text("还没有经审批的支出")
    expect(visitor.get_by_test_id("score")).to_contain_text("还没有评分")
    expect(visitor.get_by_role("img", name="项目照片")).to_be_visible()
