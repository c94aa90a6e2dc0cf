"""The finance board from plan to public board in Chromium: 青山村's staff record a plan and an expenditure with a
voucher photo, two other staff members approve it, the supervisory committee's member passes it (民主理财), the
staff generate the quarter's board, the member reviews it, the staff publish it, and a visitor reads it on the
community's public board with opening + income − spending = closing."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from gongzhi.accounts.roles import Role
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.funds.actions import fund_create, income_record
from gongzhi.funds.models import Board, BoardState, Expenditure, FundKind, IncomeSource
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import make_user, migration_rows_restore
from tests.funds.conftest import jpeg, last_year

from .conftest import log_in

pytestmark = pytest.mark.browser


def _figure(text: str) -> Decimal:
    return Decimal(text.replace("元", "").replace(",", "").strip())


def test_a_spending_reaches_the_public_board_and_adds_up(browser_run, users, areas, make_resident, tmp_path):
    migration_rows_restore()
    staff, village = users["community_staff"], areas["village"]
    year = last_year()
    fund = fund_create(actor=staff, community=village, year=year, kind=FundKind.objects.get(code="special"))
    income_record(actor=staff, fund=fund, source=IncomeSource.objects.get(code="finance"), amount="50000",
                  received_on=dt.date(year, 1, 15))  # fmt: skip
    make_user("funds_approver1", Role.COMMUNITY_STAFF, village)
    make_user("funds_approver2", Role.COMMUNITY_STAFF, village)
    body = body_ensure(actor=staff, area=village, kind=BodyKind.SUPERVISORY)
    seat = make_resident("grid_a1", name="监委委员", birth=dt.date(1968, 5, 1))
    Resident.objects.filter(pk=seat.pk).update(user=users["supervisor"])
    member_ensure(actor=staff, body=body, resident=seat, post=Post.MEMBER, started_on=dt.date(2020, 1, 1))
    photo = tmp_path / "发票.jpg"
    photo.write_bytes(jpeg())

    keeper = browser_run.new_page()
    log_in(keeper, "community_staff")
    keeper.goto(f"/funds/f/{fund.pk}/")
    keeper.locator('input[name="title"]').fill("修缮文化活动室")
    keeper.locator('form:has(input[name="title"]) input[name="amount"]').fill("3000")
    keeper.get_by_role("button", name="制定支出计划").click()
    expect(keeper.get_by_test_id("remaining")).to_contain_text("3000")
    keeper.locator('input[name="amount"]').fill("1200.50")
    keeper.locator('input[name="payee"]').fill("青山建材店")
    keeper.locator('input[name="spent_on"]').fill(dt.date(year, 3, 10).isoformat())
    keeper.locator('input[name="purpose"]').fill("购买水泥")
    keeper.locator('input[name="vouchers"]').set_input_files(str(photo))
    keeper.get_by_role("button", name="登记支出").click()
    spending = Expenditure.objects.get()
    assert spending.vouchers.count() == 1

    for name in ("funds_approver1", "funds_approver2"):
        approver = browser_run.new_page()
        log_in(approver, name)
        approver.goto(f"/funds/e/{spending.pk}/")
        expect(approver.get_by_test_id("voucher").first).to_be_visible()
        approver.get_by_test_id("approve").click()
        expect(approver.get_by_test_id("approve")).to_have_count(0)
    spending.refresh_from_db()
    assert spending.approved_at is not None
    assert spending.approvals.count() == 2

    member = browser_run.new_page()
    log_in(member, "supervisor")
    member.goto(f"/funds/e/{spending.pk}/")
    member.locator('input[name="verdict"][value="passed"]').check()
    member.get_by_test_id("review").click()
    expect(member.get_by_test_id("verdict")).to_contain_text("审核通过")

    keeper.goto(f"/funds/c/{village.pk}/?year={year}")
    keeper.locator('input[name="period"]').fill(f"{year}-Q1")
    keeper.get_by_role("button", name="生成").click()
    board = Board.objects.get()
    member.goto(f"/funds/b/{board.pk}/")
    member.get_by_test_id("board-review").click()
    expect(member.get_by_test_id("board-review")).to_have_count(0)
    keeper.goto(f"/funds/b/{board.pk}/")
    keeper.get_by_test_id("publish").click()
    board.refresh_from_db()
    assert board.state == BoardState.PUBLISHED

    visitor = browser_run.new_page(phone=True)
    visitor.goto(f"/disclosures/c/{village.pk}/?category=finance")
    expect(visitor.get_by_text(board.disclosure.title).first).to_be_visible()
    visitor.goto(f"/funds/public/{board.pk}/")
    table = visitor.get_by_test_id("board-table")
    expect(table).to_be_visible()
    figures = {
        label: _figure(
            table.locator("tr", has=visitor.get_by_role("rowheader", name=label)).locator("td").inner_text()
        )
        for label in ("期初余额", "本期收入", "本期支出", "期末余额")
    }
    assert figures["本期收入"] == Decimal("50000")
    assert figures["本期支出"] == Decimal("1200.50")
    assert figures["期初余额"] + figures["本期收入"] - figures["本期支出"] == figures["期末余额"]
    expect(table).to_contain_text("1200.50")
    expect(table).to_contain_text("50000.00")
