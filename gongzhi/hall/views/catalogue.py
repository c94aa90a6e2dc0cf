"""The catalogue's staff pages (事项目录管理): the list, a matter's form (with its steps and materials),
deactivate/reactivate, and the Excel export and import with its row-level error report."""

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.models import User
from gongzhi.core.errors import DomainError
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import require_perm, translate_errors

from .. import exports, imports
from ..actions import catalogue as actions
from ..forms.catalogue import (
    ImportForm,
    MaterialFormSet,
    MatterForm,
    StepFormSet,
    matter_data,
    matter_initial,
)
from ..models import Matter
from ..selectors import catalogue as selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_KEY = "hall_catalogue_import_errors"
MAX_IMPORT_BYTES = 10 * 1024 * 1024


def _actor(request: HttpRequest) -> User:
    """The signed-in user (require_perm let only them through)."""
    return cast(User, request.user)


def _township(request: HttpRequest):
    raw = request.GET.get("t") or request.POST.get("t") or ""
    return selectors.managed_township_get_for(
        viewer=request.user, township_id=int(raw) if raw.isdigit() else None
    )


@require_perm("hall.catalogue_manage")
@require_safe
@translate_errors
def catalogue(request: HttpRequest) -> HttpResponse:
    township = _township(request)
    q = (request.GET.get("q") or "").strip()[:50]
    active = request.GET.get("active") or ""
    matters = selectors.catalogue_for(viewer=request.user, township=township, q=q, active=active)
    for matter in matters:
        for item in [matter, *matter.subs]:  # type: ignore[attr-defined]
            item.limit = selectors.matter_limit_label(item)  # type: ignore[attr-defined]
    context = {
        "township": township,
        "townships": selectors.managed_townships_for(viewer=request.user),
        "matters": matters,
        "q": q,
        "active": active,
    }
    return render(request, "hall/catalogue/list.html", context)


def _forms(request, township, *, matter: Matter | None):
    parents = selectors.main_items_of(township, exclude_id=matter.pk if matter else None)
    departments = selectors.departments_of(township)
    if request.method == "POST":
        form = MatterForm(request.POST, parents=parents, departments=departments)
        return (
            form,
            StepFormSet(request.POST, prefix="steps"),
            MaterialFormSet(request.POST, prefix="materials"),
        )
    if matter is None:
        parent = (
            parents.filter(pk=request.GET.get("parent") or 0).first()
            if (request.GET.get("parent") or "").isdigit()
            else None
        )
        initial = {"levels": ["village", "township"], "online": True, "proxy": True, "parent": parent}
        if parent is not None:
            initial.update(department=parent.department_id, mode=parent.mode, levels=parent.levels)
        return (MatterForm(initial=initial, parents=parents, departments=departments),
                StepFormSet(prefix="steps", initial=[{"name": _("审核"), "amount": 15, "unit": "workdays"}]),
                MaterialFormSet(prefix="materials"))  # fmt: skip
    initial, steps, materials = matter_initial(matter)
    return (MatterForm(initial=initial, parents=parents, departments=departments),
            StepFormSet(prefix="steps", initial=steps), MaterialFormSet(prefix="materials", initial=materials))  # fmt: skip


def _save(request, township, matter: Matter | None):
    form, steps, materials = _forms(request, township, matter=matter)
    if request.method == "POST" and form.is_valid() and steps.is_valid() and materials.is_valid():
        data = matter_data(form, steps, materials)
        try:
            if matter is None:
                saved = actions.matter_create(_actor(request), township, data)
                messages.success(request, _("已新增事项「%(name)s」。") % {"name": saved.name})
            else:
                saved = actions.matter_update(_actor(request), matter.pk, data)
                messages.success(request, _("已保存事项「%(name)s」。") % {"name": saved.name})
        except DomainError as exc:
            if exc.field in ("steps", "materials"):
                (steps if exc.field == "steps" else materials)._non_form_errors = (  # shown above the formset
                    steps.error_class([exc.message])
                    if exc.field == "steps"
                    else materials.error_class([exc.message])
                )
            else:
                form_error_from(form, exc)
        else:
            return redirect(f"{_list_url(township)}#m-{saved.pk}")
    context = {"township": township, "matter": matter, "form": form, "steps": steps, "materials": materials}
    return render(request, "hall/catalogue/form.html", context)


def _list_url(township) -> str:
    return f"{reverse('hall:catalogue')}?t={township.pk}"


@require_perm("hall.catalogue_manage")
@require_http_methods(["GET", "HEAD", "POST"])
@translate_errors
def matter_new(request: HttpRequest) -> HttpResponse:
    return _save(request, _township(request), None)


@require_perm("hall.catalogue_manage")
@require_http_methods(["GET", "HEAD", "POST"])
@translate_errors
def matter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get_for_manager(viewer=request.user, matter_id=pk)
    return _save(request, matter.township, matter)


@require_perm("hall.catalogue_manage")
@require_POST
@translate_errors
def matter_active(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get_for_manager(viewer=request.user, matter_id=pk)
    active = request.POST.get("active") == "1"
    try:
        actions.matter_active_set(_actor(request), matter.pk, active=active)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        done = _("已启用事项「%(name)s」。") if active else _("已停用事项「%(name)s」，群众将不能再申请。")
        messages.success(request, done % {"name": matter.name})
    return redirect(f"{_list_url(matter.township)}#m-{matter.pk}")


@require_perm("hall.catalogue_manage")
@require_safe
@translate_errors
def catalogue_export(request: HttpRequest) -> HttpResponse:
    township = _township(request)
    data = exports.catalogue_export(_actor(request), township)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="catalogue-{township.pk}.xlsx"'
    return response


@require_perm("hall.catalogue_manage")
@require_http_methods(["GET", "HEAD", "POST"])
@translate_errors
def catalogue_import(request: HttpRequest) -> HttpResponse:
    township = _township(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("文件太大，最大 10 MB。"))
        else:
            result = imports.catalogue_import(_actor(request), township, upload)
            request.session[REPORT_KEY] = [
                [e.sheet, e.row, e.column, e.message] for e in result.errors[:1000]
            ]
            if result.ok:
                messages.success(request, _("导入完成：新增 %(created)d 项，修改 %(updated)d 项，未变 %(unchanged)d 项。")
                                 % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged})  # fmt: skip
                return redirect(_list_url(township))
    context = {"township": township, "form": form, "result": result}
    return render(request, "hall/catalogue/import.html", context)


@require_perm("hall.catalogue_manage")
@require_safe
def catalogue_import_report(request: HttpRequest) -> HttpResponse:
    """The last import's errors (kept in the session) as a workbook."""
    rows = request.session.get(REPORT_KEY) or []
    errors = [imports.RowError(str(s), int(r), str(c), str(m)) for s, r, c, m in rows]
    response = HttpResponse(imports.error_report_workbook(errors), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="catalogue-import-errors.xlsx"'
    return response
