"""The funds over the API: the same selectors, actions and rules as the pages.

Reads: the funds the token user reads (a community's funds of a year with their totals), a fund with its income
and plans, a plan with its expenditures, an expenditure, a board. Writes: a fund, an income line, a plan (create
with an Idempotency-Key), an expenditure with its vouchers (multipart, Idempotency-Key), approve, review (民主理财),
answer, generate a board, review it, publish it. Outside the token user's reach is 404, as what does not exist.
"""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import File, Form, Router, Schema, Status, UploadedFile

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId
from gongzhi.meetings.models import MeetingItem

from . import actions, selectors
from .models import Board, Expenditure, Fund, FundKind, IncomeSource, Plan
from .roles import KEEPERS

router = Router(tags=["经费 funds"])

# A create naming a community outside the keeper's reach answers 404, as a read of it would; 403 for an account that
# keeps no community's funds anywhere.
MAY_BE_MISSING_OR_FORBIDDEN: dict = {
    "responses": MAY_BE_FORBIDDEN["responses"]
    | {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


class TotalsOut(Schema):
    allocated: Decimal
    planned: Decimal
    spent: Decimal
    balance: Decimal


class FundOut(Schema):
    id: int
    community_id: int
    community_name: str
    year: int
    kind: str
    kind_name: str
    note: str
    totals: TotalsOut


class IncomeOut(Schema):
    id: int
    source: str
    amount: Decimal
    received_on: dt.date
    note: str


class PlanOut(Schema):
    id: int
    fund_id: int
    title: str
    amount: Decimal
    spent: Decimal
    remaining: Decimal
    state: str
    meeting_item_id: int | None
    decision: str
    origin_app: str
    origin_id: int | None
    origin_label: str


class FundDetailOut(FundOut):
    incomes: list[IncomeOut]
    plans: list[PlanOut]


class ExpenditureOut(Schema):
    id: int
    plan_id: int
    amount: Decimal
    payee: str
    spent_on: dt.date
    purpose: str
    approvals: int
    approved: bool
    vouchers: int
    verdict: str
    remark: str
    answer: str


class PlanDetailOut(PlanOut):
    expenditures: list[ExpenditureOut]


class BoardOut(Schema):
    id: int
    community_id: int
    period: str
    starts_on: dt.date
    ends_on: dt.date
    opening: Decimal
    income: Decimal
    spending: Decimal
    closing: Decimal
    lines: dict
    state: str
    disclosure_id: int | None


class FundIn(Schema):
    community_id: ApiId
    year: int
    kind: str
    note: str = ""


class IncomeIn(Schema):
    source: str
    amount: str
    received_on: str
    note: str = ""


class PlanIn(Schema):
    title: str
    amount: str
    meeting_item_id: ApiId | None = None
    decision_app: str = ""
    decision_id: ApiId | None = None
    note: str = ""


class ExpenditureIn(Schema):
    amount: str
    payee: str
    spent_on: str
    purpose: str


class ReviewIn(Schema):
    verdict: str
    remark: str = ""


class AnswerIn(Schema):
    answer: str


class BoardIn(Schema):
    community_id: ApiId
    period: str


class RemarkIn(Schema):
    remark: str = ""


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _fund(f: Fund) -> dict:
    t = selectors.fund_totals(f)
    return {
        "id": f.pk, "community_id": f.community_id, "community_name": f.community.name, "year": f.year,
        "kind": f.kind.code, "kind_name": f.kind.name, "note": f.note,
        "totals": {"allocated": t.allocated, "planned": t.planned, "spent": t.spent, "balance": t.balance},
    }  # fmt: skip


def _plan(p: Plan) -> dict:
    t = selectors.plan_totals(p)
    return {
        "id": p.pk, "fund_id": p.fund_id, "title": p.title, "amount": p.amount, "spent": t.spent,
        "remaining": t.remaining, "state": p.state, "meeting_item_id": p.meeting_item_id,
        "decision": p.decision_label, "origin_app": p.origin_app, "origin_id": p.origin_id,
        "origin_label": p.origin_label,
    }  # fmt: skip


def _spending(e: Expenditure) -> dict:
    return {
        "id": e.pk, "plan_id": e.plan_id, "amount": e.amount, "payee": e.payee, "spent_on": e.spent_on,
        "purpose": e.purpose, "approvals": e.approvals.count(), "approved": e.approved_at is not None,
        "vouchers": e.vouchers.count(), "verdict": e.verdict, "remark": e.remark, "answer": e.answer,
    }  # fmt: skip


def _board(b: Board) -> dict:
    return {
        "id": b.pk, "community_id": b.community_id, "period": b.period, "starts_on": b.starts_on,
        "ends_on": b.ends_on, "opening": b.opening, "income": b.income, "spending": b.spending,
        "closing": b.closing, "lines": b.lines, "state": b.state, "disclosure_id": b.disclosure_id,
    }  # fmt: skip


@router.get("/funds", response=list[FundOut], summary=gettext_noop("我能查看的经费（某年度）"))
def fund_list(request, year: int | None = None):
    funds = selectors.funds_for(viewer=request.auth)
    if year is not None:
        funds = funds.filter(year=year)
    return [_fund(f) for f in funds[:500]]


@router.post(
    "/funds",
    response={201: FundOut},
    summary=gettext_noop("建立经费账（村社区干部）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def fund_create(request, payload: FundIn, idempotency_key: IdempotencyKey = None):
    if not request.auth.has_perm("funds.keep"):
        raise PermissionDenied()
    community = _found(
        lambda: selectors.community_get_for(
            viewer=request.auth, community_id=payload.community_id, roles=KEEPERS
        )
    )
    kind = FundKind.objects.filter(code=payload.kind).first()
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.fund_create(
            actor=request.auth, community=community, year=payload.year, kind=kind, note=payload.note
        ),
    )
    return Status(201, _fund(made))


@router.post(
    "/funds/boards",
    response={201: BoardOut},
    summary=gettext_noop("生成一期财务收支表（按月或按季度，由账目生成）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def board_create(request, payload: BoardIn, idempotency_key: IdempotencyKey = None):
    # Declared before GET /funds/{fund_id}, whose path would otherwise take this one.
    if not request.auth.has_perm("funds.keep"):
        raise PermissionDenied()
    community = _found(
        lambda: selectors.community_get_for(
            viewer=request.auth, community_id=payload.community_id, roles=KEEPERS
        )
    )
    parsed = selectors.period_parse(payload.period)
    if parsed is None:
        raise DomainError(_("期间应为某年某季度（如 2026-Q1）或某月（如 2026-01）。"), field="period")
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.board_generate(actor=request.auth, community=community, day=parsed[0]),
    )
    return Status(201, _board(made))


@router.get("/funds/{fund_id}", response=FundDetailOut, summary=gettext_noop("一项经费：收入和支出计划"))
def fund_detail(request, fund_id: ApiId):
    found = _found(lambda: selectors.fund_get_for(viewer=request.auth, fund_id=fund_id))
    incomes = [
        {
            "id": i.pk,
            "source": i.source.name,
            "amount": i.amount,
            "received_on": i.received_on,
            "note": i.note,
        }
        for i in found.incomes.select_related("source")
    ]
    return {**_fund(found), "incomes": incomes, "plans": [_plan(p) for p in found.plans.all()]}


def _keeping(request, get):
    found = _found(get)
    if not request.auth.has_perm("funds.keep", found):
        raise PermissionDenied()
    return found


@router.post(
    "/funds/{fund_id}/incomes",
    response={201: IncomeOut},
    summary=gettext_noop("登记经费收入"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def income_create(request, fund_id: ApiId, payload: IncomeIn, idempotency_key: IdempotencyKey = None):
    found = _keeping(request, lambda: selectors.fund_get_for(viewer=request.auth, fund_id=fund_id))
    source = IncomeSource.objects.filter(code=payload.source).first()
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.income_record(
            actor=request.auth,
            fund=found,
            source=source,
            amount=payload.amount,
            received_on=payload.received_on,
            note=payload.note,
        ),  # fmt: skip
    )
    return Status(
        201,
        {"id": made.pk, "source": made.source.name, "amount": made.amount, "received_on": made.received_on,
         "note": made.note},
    )  # fmt: skip


@router.post(
    "/funds/{fund_id}/plans",
    response={201: PlanOut},
    summary=gettext_noop("制定支出计划（超过镇定金额的须关联“四议两公开”决策）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def plan_create(request, fund_id: ApiId, payload: PlanIn, idempotency_key: IdempotencyKey = None):
    found = _keeping(request, lambda: selectors.fund_get_for(viewer=request.auth, fund_id=fund_id))
    item = None
    if payload.meeting_item_id:
        item = MeetingItem.objects.filter(pk=payload.meeting_item_id).first()
        if item is None:
            raise DomainError(_("所选会议议题不是本村(社区)的会议议题。"), field="meeting_item_id")
    decision = (payload.decision_app, payload.decision_id) if payload.decision_id else None
    made = idempotent_create(
        request,
        idempotency_key,
        payload,
        lambda: actions.create_plan(
            request.auth,
            found,
            payload.title,
            payload.amount,
            meeting_item=item,
            decision=decision,
            note=payload.note,
        ),  # fmt: skip
    )
    return Status(201, _plan(made))


@router.get("/funds/plans/{plan_id}", response=PlanDetailOut, summary=gettext_noop("一项支出计划及其支出"))
def plan_detail(request, plan_id: ApiId):
    found = _found(lambda: selectors.plan_get_for(viewer=request.auth, plan_id=plan_id))
    return {**_plan(found), "expenditures": [_spending(e) for e in selectors.plan_expenditures(found)]}


def _fingerprint_of(payload: ExpenditureIn, vouchers: list[UploadedFile]) -> dict:
    digests = []
    for upload in vouchers:
        upload.seek(0)
        digests.append(hashlib.sha256(upload.read()).hexdigest())
        upload.seek(0)
    return {**payload.dict(), "vouchers": digests}


@router.post(
    "/funds/plans/{plan_id}/expenditures",
    response={201: ExpenditureOut},
    summary=gettext_noop("登记支出（multipart：表单字段和凭证照片或 PDF，每张不超过 5 MB）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def expenditure_create(
    request,
    plan_id: ApiId,
    payload: Form[ExpenditureIn],
    vouchers: File[list[UploadedFile]],
    idempotency_key: IdempotencyKey = None,
):
    found = _keeping(request, lambda: selectors.plan_get_for(viewer=request.auth, plan_id=plan_id))
    fingerprint = _fingerprint_of(payload, vouchers) if idempotency_key else payload
    made = idempotent_create(
        request,
        idempotency_key,
        fingerprint,
        lambda: actions.expenditure_record(
            actor=request.auth,
            plan=found,
            amount=payload.amount,
            payee=payload.payee,
            spent_on=payload.spent_on,
            purpose=payload.purpose,
            vouchers=vouchers,
        ),  # fmt: skip
    )
    return Status(201, _spending(made))


@router.get("/funds/expenditures/{expenditure_id}", response=ExpenditureOut, summary=gettext_noop("一笔支出"))
def expenditure_detail(request, expenditure_id: ApiId):
    return _spending(
        _found(lambda: selectors.expenditure_get_for(viewer=request.auth, expenditure_id=expenditure_id))
    )


def _moved(request, expenditure_id: int, perm: str, run) -> dict:
    found = _found(lambda: selectors.expenditure_get_for(viewer=request.auth, expenditure_id=expenditure_id))
    if not request.auth.has_perm(perm, found):
        raise PermissionDenied()
    return _spending(run(found))


@router.post(
    "/funds/expenditures/{expenditure_id}/approve",
    response=ExpenditureOut,
    summary=gettext_noop("审批支出（须两人，登记人除外）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def expenditure_approve(request, expenditure_id: ApiId):
    return _moved(
        request,
        expenditure_id,
        "funds.approve",
        lambda e: actions.expenditure_approve(actor=request.auth, expenditure=e),
    )


@router.post(
    "/funds/expenditures/{expenditure_id}/review",
    response=ExpenditureOut,
    summary=gettext_noop("民主理财：监委会成员审核支出（通过或有疑问）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def expenditure_review(request, expenditure_id: ApiId, payload: ReviewIn):
    return _moved(
        request,
        expenditure_id,
        "funds.review",
        lambda e: actions.expenditure_review(
            actor=request.auth, expenditure=e, verdict=payload.verdict, remark=payload.remark
        ),
    )


@router.post(
    "/funds/expenditures/{expenditure_id}/answer",
    response=ExpenditureOut,
    summary=gettext_noop("答复监委会的疑问"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def expenditure_answer(request, expenditure_id: ApiId, payload: AnswerIn):
    return _moved(
        request,
        expenditure_id,
        "funds.keep",
        lambda e: actions.expenditure_answer(actor=request.auth, expenditure=e, answer=payload.answer),
    )


@router.get("/funds/boards/{board_id}", response=BoardOut, summary=gettext_noop("一期财务收支表"))
def board_detail(request, board_id: ApiId):
    return _board(_found(lambda: selectors.board_get_for(viewer=request.auth, board_id=board_id)))


def _board_moved(request, board_id: int, perm: str, run) -> dict:
    found = _found(lambda: selectors.board_get_for(viewer=request.auth, board_id=board_id))
    if not request.auth.has_perm(perm, found):
        raise PermissionDenied()
    return _board(run(found))


@router.post(
    "/funds/boards/{board_id}/review",
    response=BoardOut,
    summary=gettext_noop("民主理财：监委会审核一期财务收支表"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def board_review(request, board_id: ApiId, payload: RemarkIn):
    return _board_moved(
        request,
        board_id,
        "funds.review",
        lambda b: actions.board_review(actor=request.auth, board=b, remark=payload.remark),
    )


@router.post(
    "/funds/boards/{board_id}/publish",
    response=BoardOut,
    summary=gettext_noop("把一期财务收支表张贴上墙（须先经民主理财审核）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def board_publish(request, board_id: ApiId):
    return _board_moved(
        request, board_id, "funds.keep", lambda b: actions.board_publish(actor=request.auth, board=b)
    )
