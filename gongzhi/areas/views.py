from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import require_perm

from . import actions, selectors
from .forms import AreaForm


@require_perm("areas.view_area")
@require_safe
def area_tree(request: HttpRequest) -> HttpResponse:
    areas = list(selectors.area_list_for(viewer=request.user).exclude(kind="building"))
    base_depth = min((a.depth for a in areas), default=0)
    rows = [(a, a.depth - base_depth) for a in areas]
    return render(
        request, "areas/tree.html", {"rows": rows, "can_edit": can(request.user, "areas.change_area")}
    )


@require_perm("areas.change_area")
@require_http_methods(["GET", "POST"])
def area_create(request: AuthenticatedHttpRequest, parent_id: int) -> HttpResponse:
    parent = selectors.area_get_for(viewer=request.user, area_id=parent_id)
    form = AreaForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            area = actions.area_create(actor=request.user, parent=parent, **form.cleaned_data)
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已新建 %(name)s。") % {"name": area.name})
            return redirect("areas:tree")
    return render(request, "areas/form.html", {"form": form, "parent": parent})
