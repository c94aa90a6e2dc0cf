"""Staff pages of full exports (IDs and phones): request, approve or refuse, download once.

The workflow and its rules are in export_actions; these pages parse, select, act and render.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.models import AreaKind
from gongzhi.areas.selectors import area_choices_for, area_get_for
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import paginate, require_perm
from gongzhi.core.lifecycle import lifecycle_verbs_for

from . import export_actions, selectors
from .exports import approval_rows
from .forms import ExportDecisionForm, ExportRequestForm
from .models import ResidentStatus
from .rules import EXPORT_REQUESTERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_perm("residents.request_export")
@require_safe
def export_request_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.export_request_list_for(viewer=request.user))
    context = {"page": page, "now": timezone.now(), "approval_rows": approval_rows()}
    return render(request, "residents/export_request_list.html", context)


@require_perm("residents.request_export")
@require_http_methods(["GET", "POST"])
def export_request_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    wanted = request.GET
    initial = {
        "area": wanted.get("area", ""),
        "status": wanted.get("status", "active"),
        "tag": wanted.get("tag", ""),
        "q": wanted.get("q", "")[:50],
        "full_data": wanted.get("full", "1") != "0",
    }
    form = ExportRequestForm(
        request.POST or None,
        initial=initial,
        area_choices=area_choices_for(
            viewer=request.user,
            kinds=[AreaKind.TOWNSHIP, AreaKind.COMMUNITY, AreaKind.GRID],
            roles=EXPORT_REQUESTERS,
        ),
        tag_choices=selectors.tag_choices(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            area = area_get_for(viewer=request.user, area_id=data["area"], roles=EXPORT_REQUESTERS)
            export_request = export_actions.export_request_submit(
                actor=request.user,
                area=area,
                reason=data["reason"],
                filters={
                    "status": "" if data["status"] == "all" else data["status"],
                    "tag": data["tag"],
                    "q": data["q"],
                },
                full_data=data["full_data"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已提交申请，等待审批。审批人会收到通知。"))
            return redirect("residents:export_request_detail", pk=export_request.pk)
    return render(request, "residents/export_request_form.html", {"form": form})


@require_perm("residents.request_export")
@require_safe
def export_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    export_request = selectors.export_request_get_for(viewer=request.user, request_id=pk)
    now = timezone.now()
    live = not export_request.is_expired(now)
    mine = export_request.requested_by_id == request.user.pk
    moves = lifecycle_verbs_for(export_request, request.user)  # gongzhi.residents.workflow
    statuses = dict(ResidentStatus.choices)
    tags = dict(selectors.tag_choices())
    filters = export_request.filters
    scope_parts = [
        str(statuses.get(filters.get("status", "active"), _("全部")))
        if filters.get("status", "active")
        else _("全部"),
        *([tags.get(filters["tag"], filters["tag"])] if filters.get("tag") else []),
        *([f"“{filters['q']}”"] if filters.get("q") else []),
    ]
    context = {
        "scope_parts": scope_parts,
        "req": export_request,
        "expired": not live,
        "can_decide": not mine and moves["approve"],
        "can_download": mine and moves["download"],
        "decision_form": ExportDecisionForm(),
    }
    response = render(request, "residents/export_request_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_perm("residents.approve_export")
@require_POST
def export_request_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    export_request = selectors.export_request_get_for(viewer=request.user, request_id=pk)
    form = ExportDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择批准或不批准。"))
        return redirect("residents:export_request_detail", pk=pk)
    try:
        export_actions.export_request_decide(
            actor=request.user,
            request=export_request,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已审批，申请人会收到通知。"))
    return redirect("residents:export_request_detail", pk=pk)


@require_perm("residents.request_export")
@require_POST
def export_request_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    export_request = selectors.export_request_get_for(viewer=request.user, request_id=pk)
    try:
        data, _count = export_actions.export_request_download(actor=request.user, request=export_request)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("residents:export_request_detail", pk=pk)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename=residents-full-{export_request.pk}.xlsx"
    response["Cache-Control"] = "no-store"
    return response
