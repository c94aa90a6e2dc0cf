from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import require_perm

from . import actions, selectors
from .forms import AreaForm, DepartmentForm, DepartmentRenameForm


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


# --- A township's departments (科室/部门) ---------------------------------------------------------


def _townships(user) -> list[tuple[int, str]]:
    from gongzhi.accounts.roles import AREA_EDITORS

    return [
        (a.pk, a.name) for a in selectors.area_list_for(viewer=user, kinds=["township"], roles=AREA_EDITORS)
    ]


@require_perm("areas.manage_departments")
@require_safe
def department_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    departments = list(selectors.department_list_for(viewer=request.user))
    form = DepartmentForm(townships=_townships(request.user))
    return render(request, "areas/departments.html", {"departments": departments, "form": form})


@require_perm("areas.manage_departments")
@require_http_methods(["GET", "POST"])
def department_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    townships = _townships(request.user)
    form = DepartmentForm(request.POST or None, townships=townships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        township = selectors.area_get_for(viewer=request.user, area_id=data["township"])
        try:
            department = actions.department_create(
                actor=request.user, township=township, name=data["name"], kind=data["kind"]
            )
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已新建部门“%(name)s”。") % {"name": department.name})
            return redirect("areas:departments")
    return render(request, "areas/department_form.html", {"form": form})


@require_perm("areas.manage_departments")
@require_http_methods(["GET", "POST"])
def department_detail(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = selectors.department_get_for(viewer=request.user, department_id=department_id)
    form = DepartmentRenameForm(request.POST or None, initial={"name": department.name})
    if request.method == "POST" and form.is_valid():
        try:
            department = actions.department_rename(
                actor=request.user, department=department, name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已保存部门名称“%(name)s”。") % {"name": department.name})
            return redirect("areas:department", department_id=department.pk)
    staff = selectors.department_staff(department)
    return render(request, "areas/department.html", {"department": department, "form": form, "staff": staff})


@require_perm("areas.manage_departments")
@require_POST
def department_active(request: AuthenticatedHttpRequest, department_id: int) -> HttpResponse:
    department = selectors.department_get_for(viewer=request.user, department_id=department_id)
    active = request.POST.get("active") == "1"
    try:
        department = actions.department_active_set(actor=request.user, department=department, active=active)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        done = (
            _("已重新启用“%(name)s”。")
            if active
            else _("已停用“%(name)s”：不能再向它吹哨，也不能再安排人员在其中任职。")
        )
        messages.success(request, done % {"name": department.name})
    return redirect("areas:department", department_id=department.pk)
