"""Pages of the funds (phones first, no JavaScript): the communities in reach and their funds for a year, a fund
with its income and plans, a plan with its expenditures, an expenditure with its vouchers, approvals and 民主理财,
a finance board (review, publish) and its PDF, the public finance board and its PDF, and the township's policy."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.fund_decisions import fund_decisions_resolved
from gongzhi.core.http import move_answer, require_perm, translate_errors
from gongzhi.core.ids import id_from
from gongzhi.meetings.models import MeetingItem
from gongzhi.photos.http import photo_response

from . import actions, selectors
from .models import Fund, FundKind, IncomeSource, Voucher
from .printing import board_pdf


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    this = timezone.localdate().year
    return year if actions.YEAR_MIN <= year <= this + 1 else this


def _fund_rows(funds) -> list[tuple[Fund, selectors.Totals]]:
    return [(fund, selectors.fund_totals(fund)) for fund in funds]


@require_perm("funds.view")
@require_safe
@translate_errors
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _year(request)
    communities = list(selectors.communities_for(viewer=request.user))
    summary = selectors.funds_summary([c.pk for c in communities], year)
    context = {
        "year": year,
        "years": list(range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1)),
        "rows": [(c, summary[c.pk]) for c in communities],
        "townships": list(
            {selectors.township_of(c) for c in communities if can(request.user, "funds.set_policy", c)}
            - {None}
        ),
    }
    return render(request, "funds/index.html", context)


@require_perm("funds.view")
@require_safe
@translate_errors
def community(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    place = selectors.community_get_for(viewer=request.user, community_id=community_id)
    year = _year(request)
    funds = Fund.objects.filter(community=place, year=year).select_related("kind")
    expenditures = selectors.expenditures_for(viewer=request.user).filter(
        community=place, plan__fund__year=year
    )
    context = {
        "community": place,
        "year": year,
        "funds": _fund_rows(funds),
        "kinds": FundKind.objects.filter(active=True).exclude(funds__in=funds),
        "awaiting": expenditures.filter(approved_at__isnull=True),
        "questioned": expenditures.filter(verdict="questioned", answer=""),
        "unreviewed": expenditures.filter(approved_at__isnull=False, verdict=""),
        "boards": selectors.boards_for(viewer=request.user).filter(community=place, starts_on__year=year),
        "keeper": can(request.user, "funds.keep", place),
        "policy": selectors.policy_for(place),
        "last_period": selectors.period_of(place, timezone.localdate())[2],
    }
    return render(request, "funds/community.html", context)


@require_perm("funds.keep")
@require_POST
@translate_errors
def fund_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    place = selectors.community_get_for(viewer=request.user, community_id=community_id)
    year = request.POST.get("year") or ""
    kind = FundKind.objects.filter(pk=id_from(request.POST.get("kind")) or 0).first()
    return move_answer(
        request,
        run=lambda: actions.fund_create(
            actor=request.user, community=place, year=year, kind=kind, note=request.POST.get("note", "")
        ),
        success=_("已建立。"),
        back=reverse("funds:community", args=[place.pk]) + f"?year={year}",
    )


@require_perm("funds.view")
@require_safe
@translate_errors
def fund(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.fund_get_for(viewer=request.user, fund_id=pk)
    keeper = can(request.user, "funds.keep", found)
    context = {
        "fund": found,
        "totals": selectors.fund_totals(found),
        "incomes": found.incomes.select_related("source"),
        "plans": [(p, selectors.plan_totals(p)) for p in found.plans.all()],
        "sources": IncomeSource.objects.filter(active=True),
        "keeper": keeper,
        "items": MeetingItem.objects.filter(meeting__area=found.community, passed=True)
        .select_related("meeting")
        .order_by("-meeting__held_on")[:50]
        if keeper
        else [],
        "decisions": fund_decisions_resolved(found.community) if keeper else [],
        "policy": selectors.policy_for(found.community),
    }
    return render(request, "funds/fund.html", context)


@require_perm("funds.keep")
@require_POST
@translate_errors
def income_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.fund_get_for(viewer=request.user, fund_id=pk)
    post = request.POST
    source = IncomeSource.objects.filter(pk=id_from(post.get("source")) or 0).first()
    return move_answer(
        request,
        run=lambda: actions.income_record(
            actor=request.user,
            fund=found,
            source=source,
            amount=post.get("amount", ""),
            received_on=post.get("received_on", ""),
            note=post.get("note", ""),
        ),
        success=_("已登记收入。"),
        back=reverse("funds:fund", args=[found.pk]),
    )


@require_perm("funds.keep")
@require_POST
@translate_errors
def plan_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.fund_get_for(viewer=request.user, fund_id=pk)
    post = request.POST
    item = None
    if post.get("meeting_item"):
        item = MeetingItem.objects.filter(pk=id_from(post.get("meeting_item")) or 0).first()
        if item is None:
            messages.error(request, _("所选会议议题不是本村(社区)的会议议题。"))
            return redirect("funds:fund", pk=found.pk)
    decision = None
    if post.get("decision"):
        app, _sep, raw = str(post.get("decision")).partition(":")
        decision = (app, id_from(raw) or 0)
    try:
        plan = actions.create_plan(
            request.user,
            found,
            post.get("title", ""),
            post.get("amount", ""),
            meeting_item=item,
            decision=decision,
            note=post.get("note", ""),
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("funds:fund", pk=found.pk)
    messages.success(request, _("已制定支出计划。"))
    return redirect("funds:plan", pk=plan.pk)


@require_perm("funds.view")
@require_safe
@translate_errors
def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.plan_get_for(viewer=request.user, plan_id=pk)
    context = {
        "plan": found,
        "totals": selectors.plan_totals(found),
        "expenditures": selectors.plan_expenditures(found),
        "keeper": can(request.user, "funds.keep", found),
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "funds/plan.html", context)


@require_perm("funds.keep")
@require_POST
@translate_errors
def plan_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.plan_get_for(viewer=request.user, plan_id=pk)
    return move_answer(
        request,
        run=lambda: actions.plan_close(actor=request.user, plan=found),
        success=_("支出计划已结束。"),
        back=reverse("funds:plan", args=[found.pk]),
    )


@require_perm("funds.keep")
@require_POST
@translate_errors
def expenditure_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.plan_get_for(viewer=request.user, plan_id=pk)
    post = request.POST
    try:
        spending = actions.expenditure_record(
            actor=request.user,
            plan=found,
            amount=post.get("amount", ""),
            payee=post.get("payee", ""),
            spent_on=post.get("spent_on", ""),
            purpose=post.get("purpose", ""),
            vouchers=request.FILES.getlist("vouchers"),
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("funds:plan", pk=found.pk)
    messages.success(request, _("已登记支出，须经另外两人审批后才计入支出。"))
    return redirect("funds:expenditure", pk=spending.pk)


@require_perm("funds.view")
@require_safe
@translate_errors
def expenditure(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.expenditure_get_for(viewer=request.user, expenditure_id=pk)
    approvers = {a.approver_id for a in found.approvals.all()}
    context = {
        "spending": found,
        "approvals": found.approvals.all(),
        "vouchers": found.vouchers.all(),
        "may_approve": found.approved_at is None
        and found.recorded_by_id != request.user.pk
        and request.user.pk not in approvers
        and can(request.user, "funds.approve", found),
        "may_review": found.approved_at is not None and can(request.user, "funds.review", found),
        "may_answer": found.verdict == "questioned"
        and not found.answer
        and can(request.user, "funds.keep", found),
    }
    return render(request, "funds/expenditure.html", context)


def _spending_move(request, pk: int, run, success: str) -> HttpResponse:
    found = selectors.expenditure_get_for(viewer=request.user, expenditure_id=pk)
    return move_answer(
        request, run=lambda: run(found), success=success, back=reverse("funds:expenditure", args=[found.pk])
    )


@require_perm("funds.approve")
@require_POST
@translate_errors
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _spending_move(
        request, pk, lambda e: actions.expenditure_approve(actor=request.user, expenditure=e), _("已审批。")
    )


@require_perm("funds.review")
@require_POST
@translate_errors
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = request.POST
    return _spending_move(
        request,
        pk,
        lambda e: actions.expenditure_review(
            actor=request.user, expenditure=e, verdict=post.get("verdict", ""), remark=post.get("remark", "")
        ),
        _("已记录民主理财意见。"),
    )


@require_perm("funds.keep")
@require_POST
@translate_errors
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _spending_move(
        request,
        pk,
        lambda e: actions.expenditure_answer(
            actor=request.user, expenditure=e, answer=request.POST.get("answer", "")
        ),
        _("已答复。"),
    )


@require_perm("funds.view")
@require_safe
@translate_errors
def voucher(request: AuthenticatedHttpRequest, pk: int, voucher_id: int) -> HttpResponseBase:
    """A scanned voucher, to the expenditure's readers only, never stored by the browser."""
    found = selectors.expenditure_get_for(viewer=request.user, expenditure_id=pk)
    item = Voucher.objects.filter(expenditure=found, pk=voucher_id).select_related("photo").first()
    if item is None:
        raise Http404()
    if item.photo is not None:
        return photo_response(item.photo, public=False)
    data = Path(settings.DATA_DIR)
    path = (data / item.pdf_path).resolve()
    if not path.is_relative_to((data / actions.PDF_DIR).resolve()) or not path.is_file():
        raise Http404()
    response = FileResponse(
        path.open("rb"), content_type="application/pdf", filename=f"voucher-{item.pk}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@require_perm("funds.keep")
@require_POST
@translate_errors
def board_new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    place = selectors.community_get_for(viewer=request.user, community_id=community_id)
    label = str(request.POST.get("period", "")).strip()
    parsed = selectors.period_parse(label)
    if parsed is None:
        messages.error(request, _("期间应为某年某季度（如 2026-Q1）或某月（如 2026-01）。"))
        return redirect("funds:community", community_id=place.pk)
    try:
        board = actions.board_generate(actor=request.user, community=place, day=parsed[0])
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("funds:community", community_id=place.pk)
    messages.success(request, _("已生成财务公开，请监委会民主理财审核。"))
    return redirect("funds:board", pk=board.pk)


@require_perm("funds.view")
@require_safe
@translate_errors
def board(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.board_get_for(viewer=request.user, board_id=pk)
    context = {
        "board": found,
        "may_review": found.state == "draft" and can(request.user, "funds.review", found),
        "may_publish": found.state == "reviewed" and can(request.user, "funds.keep", found),
        "may_generate": found.state != "published" and can(request.user, "funds.keep", found),
    }
    return render(request, "funds/board.html", context)


@require_perm("funds.review")
@require_POST
@translate_errors
def board_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.board_get_for(viewer=request.user, board_id=pk)
    return move_answer(
        request,
        run=lambda: actions.board_review(
            actor=request.user, board=found, remark=request.POST.get("remark", "")
        ),
        success=_("已审核，可以公开。"),
        back=reverse("funds:board", args=[found.pk]),
    )


@require_perm("funds.keep")
@require_POST
@translate_errors
def board_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.board_get_for(viewer=request.user, board_id=pk)
    return move_answer(
        request,
        run=lambda: actions.board_publish(actor=request.user, board=found),
        success=_("已在公开栏公开。"),
        back=reverse("funds:board", args=[found.pk]),
    )


def _pdf(board, *, private: bool) -> HttpResponse:
    response = HttpResponse(board_pdf(board), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="finance-board-{board.pk}-{board.period}.pdf"'
    if private:
        response["Cache-Control"] = "no-store"
    return response


@require_perm("funds.view")
@require_safe
@translate_errors
def board_print(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The board as a PDF for its readers, in any state (a draft says it is not public)."""
    return _pdf(selectors.board_get_for(viewer=request.user, board_id=pk), private=True)


@require_safe
@translate_errors
def public_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The published board as a PDF, to anyone (as its public page); 404 before it is published."""
    return _pdf(selectors.board_public(pk), private=False)


@require_safe
@translate_errors
def public(request: HttpRequest, pk: int) -> HttpResponse:
    """The published finance board, to anyone (the disclosure on the public board links here)."""
    found = selectors.board_public(pk)
    return render(request, "funds/public.html", {"board": found})


@require_perm("funds.set_policy")
@require_http_methods(["GET", "POST"])
@translate_errors
def policy(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    from gongzhi.accounts.roles import Role
    from gongzhi.areas.models import Area

    township = Area.objects.filter(pk=township_id, kind="township").first()
    if township is None or not can(request.user, "funds.set_policy", township):
        raise Http404()
    if request.method == "POST":
        post = request.POST
        return move_answer(
            request,
            run=lambda: actions.policy_set(
                actor=request.user,
                township=township,
                decision_above=post.get("decision_above", ""),
                monthly_above=post.get("monthly_above", ""),
                approver_roles=post.getlist("approver_roles"),
            ),
            success=_("已保存。"),
            back=reverse("funds:policy", args=[township.pk]),
        )
    context = {
        "township": township,
        "policy": selectors.policy_for_township(township),
        "roles": [(r.value, r.label) for r in (Role.COMMUNITY_STAFF, Role.PARTY_MEMBER, Role.TOWNSHIP_ADMIN)],
    }
    return render(request, "funds/policy.html", context)
