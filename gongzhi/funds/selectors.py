"""Reads of the funds, scoped to the viewer; totals are computed from the ledger each time, never typed.

`fund_totals(fund)`: allocated (its income), planned (its plans), spent (its approved expenditures) and balance
(allocated − spent), in yuan with fen. An expenditure counts as spent once two people approved it.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import NotFound
from gongzhi.disclosures.models import DisclosureSetting

from .models import (
    DEFAULT_APPROVER_ROLES,
    DEFAULT_DECISION_ABOVE,
    DEFAULT_MONTHLY_ABOVE,
    Board,
    BoardState,
    Expenditure,
    Fund,
    FundKind,
    FundPolicy,
    Income,
    Plan,
    Verdict,
)
from .roles import READERS

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def _sum(query: QuerySet, name: str = "amount") -> Decimal:
    return (query.aggregate(total=Sum(name))["total"] or ZERO).quantize(CENT)


# --- Policy ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    decision_above: Decimal
    monthly_above: int
    approver_roles: frozenset[str]


def township_of(community: Area) -> Area | None:
    area: Area | None = community
    while area is not None and area.kind != AreaKind.TOWNSHIP:
        area = area.parent
    return area


def policy_for(community: Area) -> Policy:
    """The township's funds policy (its row, else the defaults)."""
    township = township_of(community)
    row = FundPolicy.objects.filter(township=township).first() if township is not None else None
    if row is None:
        return Policy(DEFAULT_DECISION_ABOVE, DEFAULT_MONTHLY_ABOVE, frozenset(DEFAULT_APPROVER_ROLES))
    roles = frozenset(row.approver_roles or DEFAULT_APPROVER_ROLES)
    return Policy(row.decision_above, row.monthly_above, roles)


def policy_for_township(township: Area) -> Policy:
    row = FundPolicy.objects.filter(township=township).first()
    if row is None:
        return Policy(DEFAULT_DECISION_ABOVE, DEFAULT_MONTHLY_ABOVE, frozenset(DEFAULT_APPROVER_ROLES))
    return Policy(
        row.decision_above, row.monthly_above, frozenset(row.approver_roles or DEFAULT_APPROVER_ROLES)
    )


def community_of(obj) -> Area | None:
    if obj is None:
        return None
    if isinstance(obj, Area):
        return obj
    return getattr(obj, "community", None) or getattr(getattr(obj, "fund", None), "community", None)


def approver_roles_for(community: Area | None) -> frozenset[str]:
    if community is None:
        return frozenset(DEFAULT_APPROVER_ROLES)
    return policy_for(community).approver_roles


# --- Funds -----------------------------------------------------------------------------------


def fund_for(community: Area, year: int, kind_code: str) -> Fund | None:
    """The community's fund of that kind for that year, or None."""
    return (
        Fund.objects.filter(community=community, year=year, kind__code=kind_code)
        .select_related("kind", "community")
        .first()
    )


def kind_get(code: str) -> FundKind | None:
    return FundKind.objects.filter(code=code).first()


@dataclass(frozen=True)
class Totals:
    allocated: Decimal
    planned: Decimal
    spent: Decimal
    balance: Decimal

    @property
    def unplanned(self) -> Decimal:
        return self.allocated - self.planned


def fund_totals(fund: Fund) -> Totals:
    allocated = _sum(Income.objects.filter(fund=fund))
    planned = _sum(Plan.objects.filter(fund=fund))
    spent = _sum(Expenditure.objects.filter(plan__fund=fund, approved_at__isnull=False))
    return Totals(allocated, planned, spent, allocated - spent)


def plan_expenditures(plan: Plan) -> QuerySet[Expenditure]:
    """The plan's expenditures (approved or awaiting approval), newest first."""
    return (
        Expenditure.objects.filter(plan=plan)
        .select_related("plan", "recorded_by")
        .prefetch_related("approvals", "vouchers")
        .order_by("-spent_on", "-id")
    )


@dataclass(frozen=True)
class PlanTotals:
    amount: Decimal
    committed: (
        Decimal  # every expenditure recorded (approved or not): what the plan still allows is amount − this
    )
    spent: Decimal  # approved ones

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.committed


def plan_totals(plan: Plan) -> PlanTotals:
    committed = _sum(Expenditure.objects.filter(plan=plan))
    spent = _sum(Expenditure.objects.filter(plan=plan, approved_at__isnull=False))
    return PlanTotals(plan.amount, committed, spent)


def plans_of_origin(app: str, origin_id: int) -> QuerySet[Plan]:
    return Plan.objects.filter(origin_app=app, origin_id=origin_id).select_related("fund__kind")


# --- Scoped reads ----------------------------------------------------------------------------


def communities_for(*, viewer, roles=READERS) -> QuerySet[Area]:
    return Area.objects.filter(scope_q(paths_for(viewer, roles), "path"), kind=AreaKind.COMMUNITY).order_by(
        "path"
    )


def community_get_for(*, viewer, community_id: int, roles=READERS) -> Area:
    found = communities_for(viewer=viewer, roles=roles).filter(pk=community_id).first()
    if found is None:
        raise NotFound()
    return found


def funds_for(*, viewer) -> QuerySet[Fund]:
    return Fund.objects.filter(scope_q(paths_for(viewer, READERS))).select_related("kind", "community")


def fund_get_for(*, viewer, fund_id: int) -> Fund:
    found = funds_for(viewer=viewer).filter(pk=fund_id).first()
    if found is None:
        raise NotFound()
    return found


def plans_for(*, viewer) -> QuerySet[Plan]:
    return Plan.objects.filter(scope_q(paths_for(viewer, READERS))).select_related("fund__kind", "community")


def plan_get_for(*, viewer, plan_id: int) -> Plan:
    found = plans_for(viewer=viewer).filter(pk=plan_id).first()
    if found is None:
        raise NotFound()
    return found


def expenditures_for(*, viewer) -> QuerySet[Expenditure]:
    return (
        Expenditure.objects.filter(scope_q(paths_for(viewer, READERS)))
        .select_related("plan__fund__kind", "community", "recorded_by")
        .prefetch_related("approvals__approver", "vouchers")
    )


def expenditure_get_for(*, viewer, expenditure_id: int) -> Expenditure:
    found = expenditures_for(viewer=viewer).filter(pk=expenditure_id).first()
    if found is None:
        raise NotFound()
    return found


def boards_for(*, viewer) -> QuerySet[Board]:
    return Board.objects.filter(scope_q(paths_for(viewer, READERS))).select_related("community")


def board_get_for(*, viewer, board_id: int) -> Board:
    found = boards_for(viewer=viewer).filter(pk=board_id).first()
    if found is None:
        raise NotFound()
    return found


def board_public(board_id: int) -> Board:
    found = Board.objects.filter(pk=board_id, state=BoardState.PUBLISHED).select_related("community").first()
    if found is None:
        raise NotFound()
    return found


# --- Periods and the ledger ------------------------------------------------------------------


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date, str]:
    q = (day.month - 1) // 3
    start = dt.date(day.year, q * 3 + 1, 1)
    end = _month_end(dt.date(day.year, q * 3 + 3, 1))
    return start, end, f"{day.year}-Q{q + 1}"


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def month_of(day: dt.date) -> tuple[dt.date, dt.date, str]:
    start = day.replace(day=1)
    return start, _month_end(start), f"{day.year}-{day.month:02d}"


def transactions_in(community: Area, start: dt.date, end: dt.date) -> int:
    incomes = Income.objects.filter(fund__community=community, received_on__range=(start, end)).count()
    spendings = Expenditure.objects.filter(
        community=community, approved_at__isnull=False, spent_on__range=(start, end)
    ).count()
    return incomes + spendings


def is_monthly(community: Area, day: dt.date) -> bool:
    """Monthly boards when the community publishes its finance monthly (its disclosure setting, 集体财务往来较多)
    or had more than the township's N transactions in the day's quarter; else quarterly."""
    if DisclosureSetting.objects.filter(community=community, finance_monthly=True).exists():
        return True
    start, end, _label = quarter_of(day)
    return transactions_in(community, start, end) > policy_for(community).monthly_above


def period_of(community: Area, day: dt.date) -> tuple[dt.date, dt.date, str]:
    return month_of(day) if is_monthly(community, day) else quarter_of(day)


def period_parse(label: str) -> tuple[dt.date, dt.date] | None:
    """ "2026-Q3" or "2026-11" → its first and last day; None when it is neither."""
    try:
        year_text, part = label.split("-")
        year = int(year_text)
        if part.upper().startswith("Q"):
            q = int(part[1:])
            if not 1 <= q <= 4:
                return None
            start = dt.date(year, (q - 1) * 3 + 1, 1)
            return start, _month_end(dt.date(year, (q - 1) * 3 + 3, 1))
        month = int(part)
        if not 1 <= month <= 12:
            return None
        start = dt.date(year, month, 1)
        return start, _month_end(start)
    except ValueError:
        return None


@dataclass
class Ledger:
    opening: Decimal
    income: Decimal
    spending: Decimal
    closing: Decimal
    income_lines: list[dict] = field(default_factory=list)
    spending_lines: list[dict] = field(default_factory=list)

    @property
    def adds_up(self) -> bool:
        return self.opening + self.income - self.spending == self.closing and (
            sum((Decimal(x["amount"]) for x in self.income_lines), ZERO) == self.income
            and sum((Decimal(x["amount"]) for x in self.spending_lines), ZERO) == self.spending
        )


def ledger(community: Area, start: dt.date, end: dt.date) -> Ledger:
    """The community's funds of the period's year, from the ledger: every fund kind together."""
    incomes = Income.objects.filter(fund__community=community, fund__year=start.year)
    spendings = Expenditure.objects.filter(
        community=community, plan__fund__year=start.year, approved_at__isnull=False
    )
    opening = _sum(incomes.filter(received_on__lt=start)) - _sum(spendings.filter(spent_on__lt=start))
    in_period = incomes.filter(received_on__range=(start, end))
    out_period = spendings.filter(spent_on__range=(start, end))
    income_lines = [
        {"source": row["source__name"], "amount": str(row["total"].quantize(CENT))}
        for row in in_period.values("source__name", "source__sort_order")
        .annotate(total=Sum("amount"))
        .order_by("source__sort_order", "source__name")
    ]
    spending_lines = [
        {
            "plan": row["plan__title"],
            "fund": row["plan__fund__kind__name"],
            "amount": str(row["total"].quantize(CENT)),
        }
        for row in out_period.values("plan_id", "plan__title", "plan__fund__kind__name")
        .annotate(total=Sum("amount"))
        .order_by("plan__fund__kind__name", "plan__title", "plan_id")
    ]
    income, spending = _sum(in_period), _sum(out_period)
    return Ledger(opening, income, spending, opening + income - spending, income_lines, spending_lines)


# --- The township's figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    community_id: int
    allocated: Decimal
    spent: Decimal
    unreviewed: int
    boards_published: int
    boards_due: int


def boards_due(community: Area, year: int, today: dt.date) -> int:
    """The periods of `year` that have ended by `today` (months or quarters, as the ledger makes them)."""
    count, day = 0, dt.date(year, 1, 1)
    while day.year == year:
        start, end, _label = period_of(community, day)
        if end < today:
            count += 1
        day = end + dt.timedelta(days=1)
    return count


def funds_summary(community_ids, year: int, *, today: dt.date | None = None) -> dict[int, Summary]:
    """For each community: allocated and spent in `year`, expenditures not yet reviewed (民主理财), boards
    published and the boards due by now."""
    from django.utils import timezone

    today = today or timezone.localdate()
    result: dict[int, Summary] = {}
    for community in Area.objects.filter(pk__in=list(community_ids)).select_related("parent"):
        allocated = _sum(Income.objects.filter(fund__community=community, fund__year=year))
        approved = Expenditure.objects.filter(
            community=community, plan__fund__year=year, approved_at__isnull=False
        )
        result[community.pk] = Summary(
            community_id=community.pk,
            allocated=allocated,
            spent=_sum(approved),
            unreviewed=approved.filter(Q(verdict=Verdict.NONE)).count(),
            boards_published=Board.objects.filter(
                community=community, starts_on__year=year, state=BoardState.PUBLISHED
            ).count(),
            boards_due=boards_due(community, year, today),
        )
    return result


def income_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, Decimal]:
    """Each community's income received in the period, every fund and source together (one query)."""
    rows = (
        Income.objects.filter(fund__community_id__in=community_ids, received_on__range=(start, end))
        .values(community=F("fund__community_id"))
        .annotate(n=Sum("amount"))
    )
    return {row["community"]: row["n"] for row in rows}


def _approved_in(community_ids: list[int], start: dt.date, end: dt.date) -> QuerySet[Expenditure]:
    return Expenditure.objects.filter(
        community_id__in=community_ids, approved_at__isnull=False, spent_on__range=(start, end)
    )


def spent_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, Decimal]:
    """Each community's spending in the period: expenditures approved by two people, by their date (one query)."""
    rows = _approved_in(community_ids, start, end).values("community").annotate(n=Sum("amount"))
    return {row["community"]: row["n"] for row in rows}


def unreviewed_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Approved expenditures of the period the supervisory committee has not yet reviewed (民主理财)."""
    rows = (
        _approved_in(community_ids, start, end)
        .filter(verdict=Verdict.NONE)
        .values("community")
        .annotate(n=Count("id"))
    )
    return {row["community"]: row["n"] for row in rows}


def boards_published_by_community(community_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Finance boards published for periods that begin in the period."""
    rows = (
        Board.objects.filter(
            community_id__in=community_ids, state=BoardState.PUBLISHED, starts_on__range=(start, end)
        )
        .values("community")
        .annotate(n=Count("id"))
    )
    return {row["community"]: row["n"] for row in rows}
