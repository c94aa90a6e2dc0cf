"""The township's round: its list, the board of every community's progress (with 一肩挑 and 交叉任职 against
the targets), its Excel export, and each community's election day and seats."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import NotPermitted
from gongzhi.core.http import move_answer, translate_errors

from .. import selectors
from ..actions import rounds as actions
from ..exports import board_workbook
from ._parse import date_from, pk_from, small_int

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The rounds the viewer reads; the township office opens one here."""
    if request.method == "POST":
        if not can(request.user, "elections.round"):
            raise NotPermitted()
        township = selectors.township_kept_get(request.user, pk_from(request.POST.get("township")))
        return move_answer(
            request,
            run=lambda: actions.round_open(
                actor=request.user,
                township=township,
                term=small_int(request.POST.get("term")),
                name=request.POST.get("name", ""),
            ),
            success=_("已开始换届。"),
            back=reverse("elections:rounds"),
        )
    rounds = list(selectors.rounds_for(request.user))
    townships = [a for a in {r.township for r in rounds}]
    if can(request.user, "elections.round"):
        townships = list(selectors.townships_kept_by(request.user))
    elections = list(selectors.elections_for(request.user).filter(round__closed_at=None)[:50])
    context = {"rounds": rounds, "townships": townships, "elections": elections}
    return render(request, "elections/roll/rounds.html", context)


@login_required
@translate_errors
@require_http_methods(["GET", "POST"])
def board(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every community's steps, dates and due dates (overdue in red); the township adds a community's election."""
    round_ = selectors.round_get_for(request.user, pk)
    if request.method == "POST":
        community = selectors.round_community_get(round_, pk_from(request.POST.get("community")))
        return move_answer(
            request,
            run=lambda: actions.election_add(
                actor=request.user,
                round_=round_,
                community=community,
                election_day=date_from(request.POST.get("election_day")),
                seats=small_int(request.POST.get("seats")),
            ),
            success=_("已安排这个村(社区)的选举。"),
            back=reverse("elections:round", args=[round_.pk]),
        )
    rows = selectors.round_board(round_)
    keeper = can(request.user, "elections.round", round_)
    context = {
        "round": round_,
        "rows": rows,
        "today": timezone.localdate(),
        "shares": selectors.round_shares(round_, rows),
        "practice": selectors.practice_of(round_),
        "keeper": keeper,
        "communities": selectors.communities_without_election(round_) if keeper else [],
    }
    return render(request, "elections/roll/board.html", context)


@login_required
@translate_errors
@require_POST
def practice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get_for(request.user, pk)
    fields = ("committee_lead_days", "candidates_lead_days", "filing_days", "shoulder_one_target",
              "cross_holding_target")  # fmt: skip
    values: dict = {field: small_int(request.POST.get(field)) for field in fields}
    return move_answer(
        request,
        run=lambda: actions.practice_set(actor=request.user, round_=round_, **values),
        success=_("已保存工作期限和目标比例。"),
        back=reverse("elections:round", args=[round_.pk]),
    )


@login_required
@translate_errors
@require_POST
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get_for(request.user, pk)
    return move_answer(
        request,
        run=lambda: actions.round_close(actor=request.user, round_=round_),
        success=_("换届已结束。"),
        back=reverse("elections:round", args=[round_.pk]),
    )


@login_required
@translate_errors
@require_safe
def export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get_for(request.user, pk)
    rows = selectors.round_board(round_)
    data = board_workbook(round_, rows, selectors.round_shares(round_, rows))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="round-{round_.term}.xlsx"'
    return response


@login_required
@translate_errors
@require_POST
def election_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = selectors.election_get_for(request.user, pk)
    return move_answer(
        request,
        run=lambda: actions.election_update(
            actor=request.user,
            election=election,
            election_day=date_from(request.POST.get("election_day")),
            seats=small_int(request.POST.get("seats")),
        ),
        success=_("已修改选举日和应选名额。"),
        back=reverse("elections:election", args=[election.pk]),
    )
