"""The power list pages: the township's template (load the standard, edit an item) and a community's copy (adopt
the template, edit an item). Thin: parse, call one action or selector, render."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.areas.models import AreaKind
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import require_perm

from ..actions import decisions as actions
from ..forms.decisions import (
    PowerItemForm,
)
from ..power_flows import flow_parse, flow_text
from ..selectors import decisions as selectors


def _form_error(form, exc: DomainError) -> None:
    if exc.status in (403, 404):
        raise exc
    form_error_from(form, exc)


def _require(user, perm: str, obj) -> None:
    if not can(user, perm, obj):
        raise NotPermitted()


# --- The power list --------------------------------------------------------------------------------


@require_perm("selfgov.view_power_list")
@require_safe
def power_lists(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = list(selectors.power_lists_for(viewer=request.user))
    return render(request, "selfgov/decisions/power_lists.html", {"areas": areas})


@require_perm("selfgov.view_power_list")
@require_safe
def power_list(request: AuthenticatedHttpRequest, area_id: int) -> HttpResponse:
    area = selectors.power_area_get_for(viewer=request.user, area_id=area_id)
    township = area.kind == AreaKind.TOWNSHIP
    items = list(selectors.power_items_of(area))
    return render(
        request,
        "selfgov/decisions/power_list.html",
        {
            "area": area,
            "township": township,
            "items": items,
            "may_edit": can(
                request.user, "selfgov.keep_power_template" if township else "selfgov.keep_power_list", area
            ),
        },
    )


@require_perm("selfgov.view_power_list")
@require_http_methods(["GET", "POST"])
def power_item_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.power_item_get_for(viewer=request.user, item_id=pk)
    perm = "selfgov.keep_power_template" if item.area.kind == AreaKind.TOWNSHIP else "selfgov.keep_power_list"
    _require(request.user, perm, item)
    initial = {
        "name": item.name,
        "basis": item.basis,
        "decider": item.decider,
        "stages": item.stages,
        "resolution_body": item.resolution_body,
        "procedure": item.procedure,
        "publish": item.publish,
        "flow": flow_text(item.flow),
        "active": item.active,
    }
    form = PowerItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.power_item_update(
                actor=request.user,
                item=item,
                data=actions.PowerItemInput(
                    name=data["name"],
                    basis=data["basis"],
                    decider=data["decider"],
                    stages=tuple(data["stages"]),
                    procedure=data["procedure"],
                    publish=data["publish"],
                    resolution_body=data["resolution_body"],
                    active=data["active"],
                    flow=flow_parse(data["flow"]),
                ),
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("权力事项已保存。"))
            return redirect("selfgov:power_list", area_id=item.area_id)
    return render(request, "selfgov/decisions/power_item.html", {"item": item, "form": form})


@require_perm("selfgov.keep_power_template")
@require_POST
def power_template_install(request: AuthenticatedHttpRequest, area_id: int) -> HttpResponse:
    area = selectors.power_area_get_for(viewer=request.user, area_id=area_id)
    _require(request.user, "selfgov.keep_power_template", area)
    try:
        count = actions.power_template_install(actor=request.user, township=area)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已载入标准清单 %(n)s 项。") % {"n": count})
    return redirect("selfgov:power_list", area_id=area.pk)


@require_perm("selfgov.keep_power_list")
@require_POST
def power_list_adopt(request: AuthenticatedHttpRequest, area_id: int) -> HttpResponse:
    area = selectors.power_area_get_for(viewer=request.user, area_id=area_id)
    _require(request.user, "selfgov.keep_power_list", area)
    try:
        count = actions.power_list_adopt(actor=request.user, community=area)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已从乡镇模板采用 %(n)s 项。") % {"n": count})
    return redirect("selfgov:power_list", area_id=area.pk)
