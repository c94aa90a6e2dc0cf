"""Funds, income, plans, expenditures with vouchers, two approvals, 民主理财 and the finance board."""

import datetime as dt
from decimal import Decimal

import pytest

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.core.fund_decisions import _SOURCES, FundDecision, fund_decision_source_register
from gongzhi.disclosures.models import Disclosure, DisclosureCategory
from gongzhi.funds import actions, selectors
from gongzhi.funds.models import (
    Board,
    BoardState,
    Expenditure,
    FundKind,
    IncomeSource,
    Plan,
    Verdict,
    Voucher,
)
from tests.funds.conftest import jpeg, last_year

pytestmark = pytest.mark.django_db


def test_catalogues_are_seeded_as_data():
    assert FundKind.objects.get(code="public_service").name == "公共服务资金"
    assert set(FundKind.objects.values_list("name", flat=True)) >= {"专项经费", "办公经费"}
    assert list(IncomeSource.objects.values_list("name", flat=True)) == [
        "财政",
        "部门",
        "共驻共建",
        "捐赠",
        "其他",
    ]


def test_fund_for_and_totals(fund, areas):
    assert selectors.fund_for(areas["village"], last_year(), "special") == fund
    assert selectors.fund_for(areas["village"], last_year(), "office") is None
    totals = selectors.fund_totals(fund)
    assert totals.allocated == Decimal("120000.50")
    assert (totals.planned, totals.spent, totals.balance) == (
        Decimal("0.00"),
        Decimal("0.00"),
        totals.allocated,
    )


def test_a_fund_is_made_once_and_only_by_its_staff(fund, users, areas):
    with pytest.raises(DomainError, match="已经建立"):
        actions.fund_create(actor=users["community_staff"], community=areas["village"], year=last_year(),
                            kind=FundKind.objects.get(code="special"))  # fmt: skip
    with pytest.raises(NotPermitted):
        actions.fund_create(actor=users["other_staff"], community=areas["village"], year=last_year(),
                            kind=FundKind.objects.get(code="office"))  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "message"), [("abc", "应为数字"), ("-5", "应大于零"), ("1.005", "精确到分"), ("0", "应大于零")]
)
def test_bad_income_is_refused(fund, users, amount, message):
    before = selectors.fund_totals(fund).allocated
    with pytest.raises(DomainError, match=message):
        actions.income_record(actor=users["community_staff"], fund=fund, source=IncomeSource.objects.first(),
                              amount=amount, received_on=dt.date(last_year(), 3, 1))  # fmt: skip
    assert selectors.fund_totals(fund).allocated == before


def test_income_outside_the_funds_year_is_refused(fund, users):
    with pytest.raises(DomainError, match="年内"):
        actions.income_record(actor=users["community_staff"], fund=fund, source=IncomeSource.objects.first(),
                              amount="10", received_on=dt.date(last_year() - 1, 3, 1))  # fmt: skip


def test_plan_within_the_unplanned_balance(fund, users, plan, areas):
    actions.policy_set(actor=users["township_admin"], township=areas["township"], decision_above="200000",
                       monthly_above=30)  # fmt: skip
    assert selectors.fund_totals(fund).planned == Decimal("30000.00")
    with pytest.raises(DomainError, match="尚未安排的余额90,000.50元"):
        actions.create_plan(users["community_staff"], fund, "修路", "90000.51")
    assert Plan.objects.count() == 1
    actions.create_plan(users["community_staff"], fund, "修路", "40000", origin=("budgeting", 7, "村道硬化"))
    assert selectors.plans_of_origin("budgeting", 7).get().origin_label == "村道硬化"


def test_plan_above_the_amount_needs_a_four_two_decision(fund, users, areas):
    with pytest.raises(DomainError, match="四议两公开"):
        actions.create_plan(users["community_staff"], fund, "新建广场", "60000")
    seen = {}

    def resolved(community):
        return [FundDecision("selfgov", 3, "新建广场（四议两公开）", True)]

    def get(community, decision_id):
        seen["community"] = community
        return FundDecision("selfgov", 3, "新建广场（四议两公开）", True) if decision_id == 3 else None

    before = _SOURCES.get("selfgov")
    fund_decision_source_register("selfgov", label="四议两公开", resolved=resolved, get=get)
    try:
        with pytest.raises(DomainError, match="已办结"):
            actions.create_plan(users["community_staff"], fund, "新建广场", "60000", decision=("selfgov", 4))
        made = actions.create_plan(
            users["community_staff"], fund, "新建广场", "60000", decision=("selfgov", 3)
        )
    finally:
        if before is not None:
            _SOURCES["selfgov"] = before
    assert (made.decision_app, made.decision_id) == ("selfgov", 3)
    assert seen["community"] == areas["village"]


def _spend(plan, users, amount="1200.50", **extra):
    return actions.expenditure_record(
        actor=users["community_staff"], plan=plan, amount=amount, payee="青山建材店",
        spent_on=extra.pop("spent_on", dt.date(last_year(), 3, 10)), purpose="购买水泥", vouchers=[jpeg()], **extra,
    )  # fmt: skip


def test_expenditure_with_a_voucher_and_two_approvals(plan, users, second_staff, township_admin_approver):
    spending = _spend(plan, users)
    assert Voucher.objects.get(expenditure=spending).photo_id is not None
    assert selectors.fund_totals(plan.fund).spent == Decimal("0.00")
    with pytest.raises(DomainError, match="登记这笔支出的人不能审批"):
        actions.expenditure_approve(actor=users["community_staff"], expenditure=spending)
    actions.expenditure_approve(actor=second_staff, expenditure=spending)
    with pytest.raises(DomainError, match="还需要另一人"):
        actions.expenditure_approve(actor=second_staff, expenditure=spending)
    spending.refresh_from_db()
    assert spending.approved_at is None
    with pytest.raises(DomainError, match="只有1人审批"):
        actions.expenditure_spent_check(spending)
    actions.expenditure_approve(actor=township_admin_approver, expenditure=spending)
    spending.refresh_from_db()
    assert spending.approved_at is not None
    totals = selectors.fund_totals(plan.fund)
    assert (totals.spent, totals.balance) == (Decimal("1200.50"), Decimal("118800.00"))
    assert AuditEvent.objects.filter(verb="funds.expenditure_approved").count() == 2


@pytest.fixture
def township_admin_approver(areas):
    from gongzhi.accounts.roles import Role
    from tests.conftest import make_user

    return make_user("funds_staff3", Role.COMMUNITY_STAFF, areas["village"])


def test_expenditure_above_the_plan_is_refused(plan, users):
    _spend(plan, users, amount="29000")
    with pytest.raises(DomainError, match="剩余的1,000.00元"):
        _spend(plan, users, amount="1000.01")
    assert Expenditure.objects.count() == 1


def test_expenditure_needs_a_voucher(plan, users):
    with pytest.raises(DomainError, match="凭证"):
        actions.expenditure_record(actor=users["community_staff"], plan=plan, amount="10", payee="甲",
                                   spent_on=dt.date(last_year(), 3, 1), purpose="购买", vouchers=[])  # fmt: skip
    with pytest.raises(DomainError, match="照片"):
        actions.expenditure_record(actor=users["community_staff"], plan=plan, amount="10", payee="甲",
                                   spent_on=dt.date(last_year(), 3, 1), purpose="购买",
                                   vouchers=[b"not an image"])  # fmt: skip
    assert not Expenditure.objects.exists()
    assert not Voucher.objects.exists()


def _approved(plan, users, approvers, **extra):
    spending = _spend(plan, users, **extra)
    for person in approvers:
        actions.expenditure_approve(actor=person, expenditure=spending)
    spending.refresh_from_db()
    return spending


def test_review_question_and_answer(plan, users, second_staff, township_admin_approver, supervisory):
    unapproved = _spend(plan, users)
    with pytest.raises(DomainError, match="须经两人审批"):
        actions.expenditure_review(actor=users["supervisor"], expenditure=unapproved, verdict="passed")
    spending = _approved(plan, users, [second_staff, township_admin_approver])
    with pytest.raises(DomainError, match="审核意见"):
        actions.expenditure_review(actor=users["supervisor"], expenditure=spending, verdict="questioned")
    actions.expenditure_review(actor=users["supervisor"], expenditure=spending, verdict="questioned",
                               remark="单价偏高，请说明")  # fmt: skip
    with pytest.raises(DomainError, match="还没有答复"):
        actions.expenditure_review(actor=users["supervisor"], expenditure=spending, verdict="passed")
    actions.expenditure_answer(
        actor=users["community_staff"], expenditure=spending, answer="含运费，已附运单"
    )
    actions.expenditure_review(actor=users["supervisor"], expenditure=spending, verdict="passed")
    spending.refresh_from_db()
    assert spending.verdict == Verdict.PASSED
    assert spending.answer


def test_only_a_seated_supervisor_reviews(plan, users, second_staff, township_admin_approver):
    spending = _approved(plan, users, [second_staff, township_admin_approver])
    with pytest.raises(NotPermitted):
        actions.expenditure_review(actor=users["supervisor"], expenditure=spending, verdict="passed")


def test_the_board_adds_up_is_reviewed_and_published(plan, users, second_staff, township_admin_approver,
                                                     supervisory, areas):  # fmt: skip
    year = last_year()
    first = _approved(plan, users, [second_staff, township_admin_approver], amount="1000.25",
                      spent_on=dt.date(year, 2, 10))  # fmt: skip
    second = _approved(plan, users, [second_staff, township_admin_approver], amount="500",
                       spent_on=dt.date(year, 4, 2))  # fmt: skip
    board = actions.board_generate(actor=users["community_staff"], community=areas["village"],
                                   day=dt.date(year, 5, 1))  # fmt: skip
    assert board.period == f"{year}-Q2"
    assert (board.opening, board.income, board.spending, board.closing) == (
        Decimal("119000.25"), Decimal("0.00"), Decimal("500.00"), Decimal("118500.25"),
    )  # fmt: skip
    with pytest.raises(DomainError, match="审核后才能公开"):
        actions.board_publish(actor=users["community_staff"], board=board)
    with pytest.raises(DomainError, match="未审核通过"):
        actions.board_review(actor=users["supervisor"], board=board)
    actions.expenditure_review(actor=users["supervisor"], expenditure=second, verdict="passed")
    actions.board_review(actor=users["supervisor"], board=board)
    board = actions.board_publish(actor=users["community_staff"], board=board)
    assert board.state == BoardState.PUBLISHED
    disclosure = Disclosure.objects.get(pk=board.disclosure_id)
    assert disclosure.category == DisclosureCategory.FINANCE
    assert disclosure.period == f"{year}-Q2"
    assert "118,500.25" in disclosure.body
    q1 = actions.board_generate(actor=users["community_staff"], community=areas["village"],
                                day=dt.date(year, 1, 5))  # fmt: skip
    assert (q1.opening, q1.income, q1.spending) == (Decimal("0.00"), Decimal("120000.50"), Decimal("1000.25"))
    assert first.verdict == Verdict.NONE


def test_a_board_that_does_not_add_up_is_not_published(plan, users, second_staff, township_admin_approver,
                                                       supervisory, areas):  # fmt: skip
    year = last_year()
    board = actions.board_generate(actor=users["community_staff"], community=areas["village"],
                                   day=dt.date(year, 8, 1))  # fmt: skip
    actions.board_review(actor=users["supervisor"], board=board)
    Board.objects.filter(pk=board.pk).update(
        lines={"income": [{"source": "财政", "amount": "5.00"}], "spending": []}
    )
    board.refresh_from_db()
    with pytest.raises(DomainError, match="账目不平"):
        actions.board_publish(actor=users["community_staff"], board=board)
    assert not Disclosure.objects.exists()


def test_a_board_stale_against_the_ledger_is_refused(plan, users, second_staff, township_admin_approver,
                                                      supervisory, areas):  # fmt: skip
    year = last_year()
    board = actions.board_generate(actor=users["community_staff"], community=areas["village"],
                                   day=dt.date(year, 8, 1))  # fmt: skip
    actions.board_review(actor=users["supervisor"], board=board)
    actions.income_record(actor=users["community_staff"], fund=plan.fund, source=IncomeSource.objects.first(),
                          amount="10", received_on=dt.date(year, 8, 3))  # fmt: skip
    with pytest.raises(DomainError, match="重新生成"):
        actions.board_publish(actor=users["community_staff"], board=board)


def test_monthly_when_many_transactions(fund, users, areas):
    from gongzhi.funds.models import FundPolicy

    FundPolicy.objects.create(township=areas["township"], area_path=areas["township"].path, monthly_above=1,
                              updated_by=users["township_admin"])  # fmt: skip
    day = dt.date(last_year(), 2, 20)
    assert selectors.period_of(areas["village"], day)[2] == f"{last_year()}-02"
    assert selectors.period_of(areas["village"], dt.date(last_year(), 5, 2))[2] == f"{last_year()}-Q2"


def test_funds_summary(plan, users, second_staff, township_admin_approver, areas):
    _approved(plan, users, [second_staff, township_admin_approver])
    summary = selectors.funds_summary([areas["village"].pk, areas["urban"].pk], last_year())
    village = summary[areas["village"].pk]
    assert (village.allocated, village.spent, village.unreviewed) == (
        Decimal("120000.50"),
        Decimal("1200.50"),
        1,
    )
    assert village.boards_due == 4
    assert village.boards_published == 0
    assert summary[areas["urban"].pk].allocated == Decimal("0.00")


def test_the_self_governance_feature_offers_its_resolved_decisions(fund, users, areas):
    from gongzhi.core.fund_decisions import fund_decisions_resolved
    from gongzhi.selfgov.models import Decision, DecisionState, MatterType, OriginKind

    def decision(title, state):
        return Decision.objects.create(
            community=areas["village"], area_path=areas["village"].path, title=title, body="修建村广场",
            matter_type=MatterType.PROJECTS, stages=[], state=state, origin_kind=OriginKind.values[0],
            started_by=users["community_staff"],
        )  # fmt: skip

    done = decision("新建村广场", DecisionState.EXECUTING)
    pending = decision("修建停车场", DecisionState.REVIEW)
    offered = fund_decisions_resolved(areas["village"])
    assert [(d.app, d.id) for d in offered] == [("selfgov", done.pk)]
    assert fund_decisions_resolved(areas["urban"]) == []
    with pytest.raises(DomainError, match="已办结"):
        actions.create_plan(
            users["community_staff"], fund, "修建停车场", "60000", decision=("selfgov", pending.pk)
        )
    made = actions.create_plan(
        users["community_staff"], fund, "新建村广场", "60000", decision=("selfgov", done.pk)
    )
    assert made.decision_label.endswith("新建村广场")
