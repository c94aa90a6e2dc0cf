"""经费: funds, income, spending plans, expenditures, 民主理财 and the finance board.

    fund:         fund_create (a community's fund of one kind for one year) · income_record (its income lines)
    plan:         create_plan (within the fund's unplanned balance; approved by a meeting item or a decision;
                  above the township's amount only with a 四议两公开 decision) · plan_close
    expenditure:  expenditure_record (within the plan's remaining amount, with vouchers) ──▶ awaiting approval
                  ──expenditure_approve × 2 (two different people, never the recorder)──▶ spent
                  ──expenditure_review (民主理财: passed / questioned + remark)──▶ expenditure_answer (questioned)
    board:        board_generate (a month or a quarter, from the ledger; must add up) ──board_review (民主理财)──▶
                  board_publish (a finance disclosure on the public board)

Every action is permission-checked, locks what it reads to change, writes one audit event in its transaction;
every refusal is a Chinese DomainError and changes nothing.
"""

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.fund_decisions import fund_decision_get
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.places import row_lock
from gongzhi.core.text import text_clean
from gongzhi.disclosures.actions import disclosure_publish
from gongzhi.disclosures.models import DisclosureCategory
from gongzhi.meetings.models import MeetingItem

from .models import (
    Approval,
    Board,
    BoardState,
    Expenditure,
    Fund,
    FundKind,
    FundPolicy,
    Income,
    IncomeSource,
    Plan,
    PlanState,
    Verdict,
    Voucher,
)
from .selectors import (
    CENT,
    ZERO,
    fund_totals,
    ledger,
    period_of,
    plan_totals,
    policy_for,
)

TITLE_MAX, NOTE_MAX, PAYEE_MAX, PURPOSE_MAX, REMARK_MAX, LABEL_MAX = 100, 500, 100, 200, 500, 200
AMOUNT_MAX = Decimal("9999999999.99")
VOUCHERS_MAX = 6
VOUCHER_BYTES = 5 * 1024 * 1024
PDF_DIR = "funds"
YEAR_MIN = 2000


def amount_parse(value, *, field: str = "amount", label: str | None = None) -> Decimal:
    """Yuan with at most two decimals, more than zero."""
    label = label or _("金额")
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("%(label)s应为数字（元），例如 1200.50。") % {"label": label}, field=field
        ) from None
    if not amount.is_finite():
        raise DomainError(_("%(label)s应为数字（元），例如 1200.50。") % {"label": label}, field=field)
    if amount <= 0:
        raise DomainError(_("%(label)s应大于零。") % {"label": label}, field=field)
    if amount != amount.quantize(CENT):
        raise DomainError(_("%(label)s最多精确到分（两位小数）。") % {"label": label}, field=field)
    if amount > AMOUNT_MAX:
        raise DomainError(_("%(label)s太大了。") % {"label": label}, field=field)
    return amount.quantize(CENT)


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _date(value, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        raise DomainError(_("请填写%(label)s（年-月-日）。") % {"label": label}, field=field)
    if value > timezone.localdate():
        raise DomainError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    return value


def _community(area: Area) -> Area:
    if area is None or area.kind != AreaKind.COMMUNITY:
        raise DomainError(_("经费按村(社区)管理，请选择一个村或社区。"), field="community")
    return area


# --- The township's policy -------------------------------------------------------------------


@transaction.atomic
def policy_set(
    *, actor: User, township: Area, decision_above, monthly_above, approver_roles=None
) -> FundPolicy:
    from gongzhi.accounts.roles import Role

    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("经费规则按镇(乡、街道)设置，请选择镇(乡、街道)。"), field="township")
    authorize(actor, "funds.set_policy", township)
    above = amount_parse(decision_above, field="decision_above", label=_("须经四议两公开的金额"))
    try:
        monthly = int(str(monthly_above).strip())
    except ValueError:
        raise DomainError(_("按月公开的笔数应为整数。"), field="monthly_above") from None
    if not 0 <= monthly <= 10000:
        raise DomainError(_("按月公开的笔数应在0到10000之间。"), field="monthly_above")
    roles = [str(r) for r in (approver_roles or ["community_staff"])]
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise DomainError(_("审批人角色无效。"), field="approver_roles")
    row_lock(Area, township.pk)
    policy, _created = FundPolicy.objects.update_or_create(
        township=township,
        defaults={
            "area_path": township.path,
            "decision_above": above,
            "monthly_above": monthly,
            "approver_roles": roles,
            "updated_by": actor,
        },
    )
    audit_event_record(
        actor=actor,
        verb="funds.policy_set",
        target=policy,
        area=township,
        summary={
            "area": township.name,
            "decision_above": _yuan(above),
            "monthly_above": monthly,
            "roles": roles,
        },
    )
    return policy


# --- Funds and income ------------------------------------------------------------------------


@transaction.atomic
def fund_create(*, actor: User, community: Area, year, kind: FundKind | None, note: str = "") -> Fund:
    community = _community(community)
    authorize(actor, "funds.keep", community)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError(_("请填写年度。"), field="year") from None
    this_year = timezone.localdate().year
    if not YEAR_MIN <= year <= this_year + 1:
        raise DomainError(_("年度应在%(a)d到%(b)d之间。") % {"a": YEAR_MIN, "b": this_year + 1}, field="year")
    if kind is None or not kind.active:
        raise DomainError(_("请选择经费类别。"), field="kind")
    note = text_clean(note, label=_("说明"), field="note", minimum=0, maximum=200)
    row_lock(Area, community.pk)
    if Fund.objects.filter(community=community, year=year, kind=kind).exists():
        raise DomainError(
            _("%(community)s%(year)d年的%(kind)s已经建立。")
            % {"community": community.name, "year": year, "kind": kind.name},
            field="kind",
        )
    fund = Fund.objects.create(
        community=community, area_path=community.path, year=year, kind=kind, note=note, created_by=actor
    )
    audit_event_record(actor=actor, verb="funds.fund_created", target=fund, summary={"year": year})
    return fund


@transaction.atomic
def income_record(
    *, actor: User, fund: Fund, source: IncomeSource | None, amount, received_on, note: str = ""
) -> Income:
    authorize(actor, "funds.keep", fund)
    if source is None or not source.active:
        raise DomainError(_("请选择收入来源。"), field="source")
    amount = amount_parse(amount)
    received_on = _date(received_on, field="received_on", label=_("到账日期"))
    if received_on.year != fund.year:
        raise DomainError(
            _("到账日期应在%(year)d年内（这是%(year)d年的经费）。") % {"year": fund.year}, field="received_on"
        )
    note = text_clean(note, label=_("说明"), field="note", minimum=0, maximum=200)
    fund = row_lock(Fund, fund.pk, "community", "kind")
    income = Income.objects.create(
        fund=fund, source=source, amount=amount, received_on=received_on, note=note, recorded_by=actor
    )
    audit_event_record(
        actor=actor,
        verb="funds.income_recorded",
        target=fund,
        summary={"amount": _yuan(amount), "source": source.name, "date": received_on.isoformat()},
    )
    return income


# --- Spending plans --------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    actor: User,
    fund: Fund,
    title: str,
    amount,
    *,
    meeting_item: MeetingItem | None = None,
    decision: tuple[str, int] | None = None,
    origin: tuple[str, int, str] | None = None,
    note: str = "",
    perm: str = "funds.keep",
    perm_obj=None,
) -> Plan:
    """A spending plan against `fund`, within its unplanned balance.

    `meeting_item`: the meeting item that approved it (a passed vote of the community's meeting); `decision`:
    (app, id) of a decision reached through the `core.fund_decisions` hook (e.g. a 四议两公开 decision). A plan
    above the township's amount needs a 四议两公开 decision. `origin`: an optional owner (app label, id, label),
    e.g. a participatory-budget project; its feature authorizes with its own `perm` on `perm_obj`.
    """
    authorize(actor, perm, fund if perm_obj is None else perm_obj)
    title = text_clean(title, label=_("计划名称"), field="title", minimum=2, maximum=TITLE_MAX)
    note = text_clean(note, label=_("说明"), field="note", minimum=0, maximum=NOTE_MAX)
    amount = amount_parse(amount, label=_("计划金额"))
    fund = row_lock(Fund, fund.pk, "community", "kind")
    community = fund.community
    item = None
    if meeting_item is not None:
        item = MeetingItem.objects.select_related("meeting").filter(pk=meeting_item.pk).first()
        if item is None or item.meeting.area_id != community.pk:
            raise DomainError(_("所选会议议题不是本村(社区)的会议议题。"), field="meeting_item")
        if not item.passed:
            raise DomainError(_("所选会议议题未获通过，不能作为支出计划的依据。"), field="meeting_item")
    found = None
    if decision is not None:
        app, decision_id = decision
        found = fund_decision_get(community, app, int(decision_id))
        if found is None:
            raise DomainError(_("所选决策不是本村(社区)已办结的决策。"), field="decision")
    policy = policy_for(community)
    if amount > policy.decision_above and (found is None or not found.four_two):
        raise DomainError(
            _("计划金额%(amount)s元超过%(limit)s元，须经“四议两公开”决策，请选择批准它的决策。")
            % {"amount": _yuan(amount), "limit": _yuan(policy.decision_above)},
            field="decision",
        )
    totals = fund_totals(fund)
    if amount > totals.unplanned:
        raise DomainError(
            _("计划金额%(amount)s元超过了%(fund)s尚未安排的余额%(left)s元。")
            % {"amount": _yuan(amount), "fund": str(fund), "left": _yuan(max(totals.unplanned, ZERO))},
            field="amount",
        )
    origin_app, origin_id, origin_label = ("", None, "")
    if origin is not None:
        origin_app, origin_id, origin_label = str(origin[0])[:40], int(origin[1]), str(origin[2])[:LABEL_MAX]
    plan = Plan.objects.create(
        fund=fund,
        community=community,
        area_path=fund.area_path,
        title=title,
        amount=amount,
        note=note,
        meeting_item=item,
        decision_app=found.app if found else "",
        decision_id=found.id if found else None,
        decision_label=found.label[:LABEL_MAX] if found else "",
        origin_app=origin_app,
        origin_id=origin_id,
        origin_label=origin_label,
        created_by=actor,
    )
    basis = ""
    if found is not None:
        basis = _("，依据：%(label)s") % {"label": found.label}
    elif item is not None:
        basis = _("，依据：%(label)s") % {"label": item.title}
    audit_event_record(
        actor=actor,
        verb="funds.plan_created",
        target=plan,
        summary={"amount": _yuan(amount), "basis": basis, "origin": origin_app},
    )
    return plan


@transaction.atomic
def plan_close(*, actor: User, plan: Plan) -> Plan:
    authorize(actor, "funds.keep", plan)
    plan = row_lock(Plan, plan.pk, "community")
    if plan.state == PlanState.CLOSED:
        raise DomainError(_("这项支出计划已经结束。"), field="plan")
    plan.state = PlanState.CLOSED
    plan.save(update_fields=["state"])
    audit_event_record(actor=actor, verb="funds.plan_closed", target=plan)
    return plan


# --- Expenditures ----------------------------------------------------------------------------


def voucher_check(upload) -> bytes:
    """The bytes of one scanned voucher: a photo or a PDF safe to open (core.pdfs), at most 5 MB."""
    content = upload if isinstance(upload, bytes) else upload.read()
    if not isinstance(upload, bytes):
        upload.seek(0)
    if not content:
        raise DomainError(_("凭证文件是空的，请重新扫描或拍照。"), field="vouchers")
    if len(content) > VOUCHER_BYTES:
        raise DomainError(_("每张凭证不能超过 5 MB。"), field="vouchers")
    if content[:5] == b"%PDF-":
        pdf_check(content, name=_("凭证"), max_bytes=VOUCHER_BYTES, field="vouchers")
    return content


def _voucher_store(expenditure: Expenditure, content: bytes, actor: User, name: str) -> Voucher:
    from gongzhi.photos.actions import file_write_atomically, photo_store

    voucher = Voucher(expenditure=expenditure, added_by=actor, name=str(name or "")[:100])
    if content[:5] == b"%PDF-":
        relative = PurePosixPath(PDF_DIR, f"{uuid.uuid4()}.pdf")
        file_write_atomically(Path(settings.DATA_DIR) / relative, content)
        voucher.pdf_path, voucher.pdf_size = str(relative), len(content)
    else:
        try:
            voucher.photo = photo_store(actor=actor, upload=content)
        except DomainError as exc:
            raise DomainError(_("凭证请上传照片（JPG、PNG）或 PDF 文件。"), field="vouchers") from exc
    voucher.save()
    return voucher


@transaction.atomic
def expenditure_record(
    *, actor: User, plan: Plan, amount, payee: str, spent_on, purpose: str, vouchers=()
) -> Expenditure:
    """A spending against the plan, within what the plan still allows, with at least one scanned voucher."""
    authorize(actor, "funds.keep", plan)
    amount = amount_parse(amount)
    payee = text_clean(payee, label=_("收款方"), field="payee", minimum=1, maximum=PAYEE_MAX)
    purpose = text_clean(purpose, label=_("用途"), field="purpose", minimum=2, maximum=PURPOSE_MAX)
    spent_on = _date(spent_on, field="spent_on", label=_("支出日期"))
    uploads = [v for v in (vouchers or []) if v]
    if not uploads:
        raise DomainError(_("请上传至少一张凭证（发票、收据的照片或扫描件）。"), field="vouchers")
    if len(uploads) > VOUCHERS_MAX:
        raise DomainError(_("凭证最多%(n)d张。") % {"n": VOUCHERS_MAX}, field="vouchers")
    contents = [(voucher_check(u), getattr(u, "name", "")) for u in uploads]
    plan = row_lock(Plan, plan.pk, "community", "fund")
    if plan.state != PlanState.OPEN:
        raise DomainError(_("这项支出计划已经结束，不能再登记支出。"), field="plan")
    if spent_on.year != plan.fund.year:
        raise DomainError(
            _("支出日期应在%(year)d年内（这是%(year)d年的经费）。") % {"year": plan.fund.year},
            field="spent_on",
        )
    totals = plan_totals(plan)
    if amount > totals.remaining:
        raise DomainError(
            _("支出%(amount)s元超过了计划「%(plan)s」剩余的%(left)s元。")
            % {"amount": _yuan(amount), "plan": plan.title, "left": _yuan(max(totals.remaining, ZERO))},
            field="amount",
        )
    expenditure = Expenditure.objects.create(
        plan=plan,
        community=plan.community,
        area_path=plan.area_path,
        amount=amount,
        payee=payee,
        spent_on=spent_on,
        purpose=purpose,
        recorded_by=actor,
    )
    for content, name in contents:
        _voucher_store(expenditure, content, actor, name)
    audit_event_record(
        actor=actor,
        verb="funds.expenditure_recorded",
        target=expenditure,
        summary={"amount": _yuan(amount), "vouchers": len(contents)},
    )
    return expenditure


APPROVALS_NEEDED = 2


@transaction.atomic
def expenditure_approve(*, actor: User, expenditure: Expenditure) -> Expenditure:
    """One approval; the second, by another person, makes the expenditure count as spent."""
    authorize(actor, "funds.approve", expenditure)
    expenditure = row_lock(Expenditure, expenditure.pk, "community", "plan")
    if expenditure.recorded_by_id == actor.pk:
        raise DomainError(_("登记这笔支出的人不能审批它，请由另外两人审批。"), field="approval")
    if expenditure.approved_at is not None:
        raise DomainError(_("这笔支出已经审批完毕。"), field="approval")
    if expenditure.approvals.filter(approver=actor).exists():
        raise DomainError(_("您已经审批过这笔支出，还需要另一人审批。"), field="approval")
    Approval.objects.create(expenditure=expenditure, approver=actor)
    count = expenditure.approvals.count()
    if count >= APPROVALS_NEEDED:
        expenditure.approved_at = timezone.now()
        expenditure.save(update_fields=["approved_at"])
    audit_event_record(
        actor=actor, verb="funds.expenditure_approved", target=expenditure, summary={"nth": count}
    )
    return expenditure


def expenditure_spent_check(expenditure: Expenditure) -> None:
    """Refuse (clear message) an expenditure that does not yet have its two approvals."""
    if expenditure.approved_at is None:
        count = expenditure.approvals.count()
        raise DomainError(
            _("这笔支出只有%(n)d人审批，须经两人审批后才计入支出。") % {"n": count}, field="approval"
        )


@transaction.atomic
def expenditure_review(
    *, actor: User, expenditure: Expenditure, verdict: str, remark: str = ""
) -> Expenditure:
    """民主理财: a seated member of the supervisory committee passes or questions an approved expenditure."""
    authorize(actor, "funds.review", expenditure)
    if verdict not in (Verdict.PASSED, Verdict.QUESTIONED):
        raise DomainError(_("请选择审核意见：通过或有疑问。"), field="verdict")
    minimum = 2 if verdict == Verdict.QUESTIONED else 0
    remark = text_clean(remark, label=_("审核意见"), field="remark", minimum=minimum, maximum=REMARK_MAX)
    expenditure = row_lock(Expenditure, expenditure.pk, "community", "plan")
    expenditure_spent_check(expenditure)
    if expenditure.verdict == Verdict.PASSED:
        raise DomainError(_("这笔支出已经审核通过。"), field="verdict")
    if expenditure.verdict == Verdict.QUESTIONED and not expenditure.answer:
        raise DomainError(_("这笔支出的疑问还没有答复，请等待答复后再审核。"), field="verdict")
    expenditure.verdict, expenditure.remark = verdict, remark
    expenditure.reviewed_by, expenditure.reviewed_at = actor, timezone.now()
    if verdict == Verdict.QUESTIONED:
        expenditure.answer, expenditure.answered_by, expenditure.answered_at = "", None, None
    expenditure.save()
    audit_event_record(
        actor=actor,
        verb="funds.expenditure_reviewed",
        target=expenditure,
        summary={"verdict": str(Verdict(verdict).label)},
    )
    return expenditure


@transaction.atomic
def expenditure_answer(*, actor: User, expenditure: Expenditure, answer: str) -> Expenditure:
    """The community's staff answer the supervisory committee's question."""
    authorize(actor, "funds.keep", expenditure)
    answer = text_clean(answer, label=_("答复"), field="answer", minimum=2, maximum=REMARK_MAX)
    expenditure = row_lock(Expenditure, expenditure.pk, "community", "plan")
    if expenditure.verdict != Verdict.QUESTIONED:
        raise DomainError(_("这笔支出没有待答复的疑问。"), field="answer")
    if expenditure.answer:
        raise DomainError(_("这个疑问已经答复，等待监委会再次审核。"), field="answer")
    expenditure.answer, expenditure.answered_by, expenditure.answered_at = answer, actor, timezone.now()
    expenditure.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_event_record(actor=actor, verb="funds.expenditure_answered", target=expenditure)
    return expenditure


# --- The finance board -----------------------------------------------------------------------


@transaction.atomic
def board_generate(*, actor: User, community: Area, day: dt.date | None = None) -> Board:
    """Generate (or regenerate, while not yet published) the board of the period containing `day` — a month
    when the community had many transactions in the quarter, else the quarter — from the ledger."""
    community = _community(community)
    authorize(actor, "funds.keep", community)
    day = day or timezone.localdate()
    start, end, label = period_of(community, day)
    if end >= timezone.localdate():
        raise DomainError(
            _("%(period)s还没有结束，期满后才能生成财务公开。") % {"period": label}, field="period"
        )
    row_lock(Area, community.pk)
    book = ledger(community, start, end)
    if not book.adds_up:
        raise DomainError(_("账目不平：期初余额加本期收入减本期支出不等于期末余额，请核对后再生成。"))
    board = Board.objects.filter(community=community, period=label).first()
    if board is not None and board.state == BoardState.PUBLISHED:
        raise DomainError(
            _("%(period)s的财务公开已经公开，不能重新生成。") % {"period": label}, field="period"
        )
    values = {
        "area_path": community.path,
        "starts_on": start,
        "ends_on": end,
        "opening": book.opening,
        "income": book.income,
        "spending": book.spending,
        "closing": book.closing,
        "lines": {"income": book.income_lines, "spending": book.spending_lines},
        "state": BoardState.DRAFT,
        "generated_by": actor,
        "reviewed_by": None,
        "reviewed_at": None,
        "review_remark": "",
    }
    if board is None:
        board = Board.objects.create(community=community, period=label, **values)
    else:
        for name, value in values.items():
            setattr(board, name, value)
        board.save()
    audit_event_record(
        actor=actor,
        verb="funds.board_generated",
        target=board,
        summary={k: _yuan(getattr(book, k)) for k in ("opening", "income", "spending", "closing")},
    )
    return board


def board_check(board: Board) -> None:
    """Refuse a board that does not add up, or no longer matches the ledger."""
    lines = board.lines or {}
    income = sum((Decimal(x["amount"]) for x in lines.get("income", [])), ZERO)
    spending = sum((Decimal(x["amount"]) for x in lines.get("spending", [])), ZERO)
    if (
        board.opening + board.income - board.spending != board.closing
        or income != board.income
        or spending != board.spending
    ):
        raise DomainError(_("账目不平：期初余额加本期收入减本期支出不等于期末余额，不能公开。"))
    book = ledger(board.community, board.starts_on, board.ends_on)
    if (book.opening, book.income, book.spending, book.closing) != (
        board.opening,
        board.income,
        board.spending,
        board.closing,
    ):
        raise DomainError(_("生成之后账目有变动，请重新生成财务公开并经民主理财审核。"))


@transaction.atomic
def board_review(*, actor: User, board: Board, remark: str = "") -> Board:
    """民主理财: the supervisory committee reviews the board; every expenditure of the period must be reviewed
    and no question left unanswered."""
    authorize(actor, "funds.review", board)
    remark = text_clean(remark, label=_("审核意见"), field="remark", minimum=0, maximum=REMARK_MAX)
    board = row_lock(Board, board.pk, "community")
    if board.state != BoardState.DRAFT:
        raise DomainError(_("这期财务公开已经审核。"), field="board")
    board_check(board)
    period = Expenditure.objects.filter(
        community=board.community,
        approved_at__isnull=False,
        spent_on__range=(board.starts_on, board.ends_on),
    )
    if period.exclude(verdict=Verdict.PASSED).exists():
        raise DomainError(
            _("本期还有%(n)d笔支出未审核通过（或疑问未答复），请先逐笔审核。")
            % {"n": period.exclude(verdict=Verdict.PASSED).count()},
            field="board",
        )
    board.state, board.reviewed_by, board.reviewed_at = BoardState.REVIEWED, actor, timezone.now()
    board.review_remark = remark
    board.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_remark"])
    audit_event_record(actor=actor, verb="funds.board_reviewed", target=board)
    return board


def board_text(board: Board) -> str:
    lines = board.lines or {}
    parts = [
        _("期间：%(start)s 至 %(end)s")
        % {"start": board.starts_on.isoformat(), "end": board.ends_on.isoformat()},
        _("期初余额：%(v)s 元") % {"v": _yuan(board.opening)},
        _("本期收入：%(v)s 元") % {"v": _yuan(board.income)},
    ]
    parts += [f"  · {x['source']}：{_yuan(Decimal(x['amount']))} 元" for x in lines.get("income", [])]
    parts.append(_("本期支出：%(v)s 元") % {"v": _yuan(board.spending)})
    parts += [
        f"  · {x['plan']}（{x['fund']}）：{_yuan(Decimal(x['amount']))} 元" for x in lines.get("spending", [])
    ]
    parts.append(_("期末余额：%(v)s 元") % {"v": _yuan(board.closing)})
    parts.append(_("以上账目已经村(居)务监督委员会民主理财审核。"))
    return "\n".join(parts)


@transaction.atomic
def board_publish(*, actor: User, board: Board) -> Board:
    """Publish the reviewed board as a finance disclosure on the community's public board."""
    authorize(actor, "funds.keep", board)
    board = row_lock(Board, board.pk, "community")
    if board.state == BoardState.PUBLISHED:
        raise DomainError(_("这期财务公开已经公开。"), field="board")
    if board.state != BoardState.REVIEWED:
        raise DomainError(_("财务公开须经监委会民主理财审核后才能公开。"), field="board")
    board_check(board)
    disclosure = disclosure_publish(
        actor=actor,
        community=board.community,
        category=DisclosureCategory.FINANCE,
        title=_("%(period)s财务公开") % {"period": _period_title(board.period)},
        body=board_text(board),
        period=board.period,
        owner=board,
        purpose="finance_board",
        perm="funds.keep",
        perm_obj=board,
    )
    board.state, board.published_at, board.disclosure = BoardState.PUBLISHED, timezone.now(), disclosure
    board.save(update_fields=["state", "published_at", "disclosure"])
    audit_event_record(actor=actor, verb="funds.board_published", target=board)
    return board


def _period_title(period: str) -> str:
    year, part = period.split("-")
    if part.startswith("Q"):
        return _("%(year)s年第%(q)s季度") % {"year": year, "q": part[1:]}
    return _("%(year)s年%(month)d月") % {"year": year, "month": int(part)}
