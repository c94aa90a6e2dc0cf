"""Staff pages of the register. Thin: parse, select or act, render."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.accounts.roles import REGISTER_READERS, REGISTER_WRITERS
from gongzhi.areas.models import AreaKind
from gongzhi.areas.selectors import area_choices_for, area_get_for
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.forms import form_error_from
from gongzhi.core.http import is_htmx, paginate, querystring_without, require_perm

from . import actions, selectors
from .codes import HEAD_RELATION
from .forms import (
    HouseholdForm,
    HouseholdHeadForm,
    HouseholdMemberForm,
    HouseholdMoveOutForm,
    ResidentEventForm,
    ResidentFilterForm,
    ResidentForm,
    RevealForm,
)
from .models import Resident, ResidentEventKind
from .printing import household_print as household_print_pdf


def _filter_form(request):
    return ResidentFilterForm(
        request.GET or None,
        area_choices=area_choices_for(
            viewer=request.user, kinds=[AreaKind.COMMUNITY, AreaKind.GRID], roles=REGISTER_READERS
        ),
        tag_choices=selectors.tag_choices(),
        age_choices=list(selectors.AGE_BAND_LABELS.items()),
    )


@require_perm("residents.view_resident")
@require_safe
def resident_list(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    filters = form.cleaned_data if form.is_valid() else {}
    status = filters.get("status") or "active"
    residents = selectors.resident_list_for(
        viewer=request.user,
        area_id=filters.get("area"),
        tag=filters.get("tag") or None,
        age_band=filters.get("age") or None,
        q=filters.get("q") or None,
        status=None if status == "all" else status,
    ).only(*selectors.RESIDENT_LIST_FIELDS)
    page = paginate(request, residents)
    # Labels once per page, not one lazy translation per card.
    genders = {value: str(label) for value, label in Resident._meta.get_field("gender").flatchoices}
    for resident in page:
        resident.gender_label = genders.get(resident.gender, "")
    context = {
        "form": form,
        "page": page,
        "query": querystring_without(request, "page"),
        "can_create": can(request.user, "residents.change_resident"),
        "can_import": can(request.user, "residents.import_residents"),
        "can_export": can(request.user, "residents.export_residents"),
        "can_request_export": can(request.user, "residents.request_export"),
    }
    template = "residents/list.html#results" if is_htmx(request) else "residents/list.html"
    return render(request, template, context)


@require_perm("residents.view_resident")
@require_safe
def resident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resident = selectors.resident_get_for(viewer=request.user, resident_id=pk)
    context = {
        "resident": resident,
        "events": resident.events.select_related("from_area", "to_area", "recorded_by")[:50],
        "tags": list(resident.tags.all()),
        "can_reveal": can(request.user, "residents.reveal_id", resident),
        "can_edit": can(request.user, "residents.change_resident", resident),
        "can_reset_password": resident.user_id is not None
        and can(request.user, "residents.reset_password", resident),
        "reveal_form": RevealForm(),
    }
    return render(request, "residents/detail.html", context)


@require_perm("residents.reset_password")
@require_POST
def resident_reset_password(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Community staff reset a resident's forgotten password; the temporary one is shown here, once."""
    resident = selectors.resident_get_for(viewer=request.user, resident_id=pk)
    try:
        password = actions.resident_password_reset(actor=request.user, resident=resident)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("residents:detail", pk=pk)
    response = render(
        request,
        "residents/password_reset.html",
        {"resident": resident, "account": resident.user, "password": password},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_perm("residents.reveal_id")
@require_POST
def resident_reveal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resident = selectors.resident_get_for(viewer=request.user, resident_id=pk)
    form = RevealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写查看事由。"))
        return redirect("residents:detail", pk=pk)
    try:
        number = actions.resident_reveal_id(
            actor=request.user, resident=resident, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        if exc.code == "rate_limited":
            # A refused reveal is a refused attempt: on the audit trail, within the refusal limits.
            from gongzhi.audit.refusals import refusal_record
            from gongzhi.core.middleware import client_ip

            refusal_record(
                user=request.user,
                source_ip=client_ip(request),
                method=request.method or "POST",
                path=request.path,
                status=429,
                via="page",
            )
        if is_htmx(request):
            return HttpResponse(format_html('<p class="gz-errors" role="alert">{}</p>', exc.message))
        messages.error(request, exc.message)
        return redirect("residents:detail", pk=pk)
    context = {"resident": resident, "id_number": number}
    template = "residents/detail.html#revealed" if is_htmx(request) else "residents/revealed.html"
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    return response


def _placement_choices(request):
    return area_choices_for(
        viewer=request.user, kinds=[AreaKind.GRID, AreaKind.BUILDING], roles=REGISTER_WRITERS
    )


@require_perm("residents.change_resident")
@require_http_methods(["GET", "POST"])
def resident_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    initial = {
        "household_number": request.GET.get("household", "")[:40],
        "area": request.GET.get("area", ""),
        "relation_to_head": request.GET.get("relation", ""),
    }
    form = ResidentForm(request.POST or None, initial=initial, area_choices=_placement_choices(request))
    if request.method == "POST" and form.is_valid() and form.resident_input is not None:
        try:
            resident = actions.resident_create(actor=request.user, data=form.resident_input)
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已登记居民 %(name)s。") % {"name": resident.name})
            return redirect("residents:detail", pk=resident.pk)
    return render(request, "residents/form.html", {"form": form, "title": _("登记居民")})


@require_perm("residents.change_resident")
@require_http_methods(["GET", "POST"])
def resident_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resident = selectors.resident_get_for(viewer=request.user, resident_id=pk, roles=REGISTER_WRITERS)
    initial = {
        "name": resident.name,
        "ethnicity": resident.ethnicity,
        "political_status": resident.political_status,
        "education": resident.education,
        "marital_status": resident.marital_status,
        "registered_address": resident.registered_address,
        "current_address": resident.current_address,
        "residence_type": resident.residence_type,
        "area": resident.area_id,
        "household_number": resident.household.number if resident.household else "",
        "relation_to_head": resident.relation_to_head,
        "tags": list(resident.tags.all()),
    }
    form = ResidentForm(request.POST or None, initial=initial, area_choices=_placement_choices(request))
    if request.method == "POST" and form.is_valid() and form.resident_input is not None:
        try:
            actions.resident_update(actor=request.user, resident=resident, data=form.resident_input)
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("residents:detail", pk=resident.pk)
    return render(
        request,
        "residents/form.html",
        {"form": form, "title": _("修改居民信息"), "resident": resident, "id_hint": True},
    )


@require_perm("residents.change_resident")
@require_http_methods(["GET", "POST"])
def resident_event(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resident = selectors.resident_get_for(viewer=request.user, resident_id=pk, roles=REGISTER_WRITERS)
    form = ResidentEventForm(request.POST or None, area_choices=_placement_choices(request))
    if request.method == "POST" and form.is_valid():
        to_area = None
        if form.cleaned_data["to_area"]:
            to_area = area_get_for(
                viewer=request.user, area_id=form.cleaned_data["to_area"], roles=REGISTER_WRITERS
            )
        try:
            actions.resident_record_event(
                actor=request.user,
                resident=resident,
                kind=form.cleaned_data["kind"],
                happened_on=form.cleaned_data["happened_on"],
                note=form.cleaned_data["note"],
                to_area=to_area,
            )
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(
                request,
                _("已登记变动：%(kind)s。") % {"kind": ResidentEventKind(form.cleaned_data["kind"]).label},
            )
            return redirect("residents:detail", pk=resident.pk)
    return render(request, "residents/event_form.html", {"form": form, "resident": resident})


@require_perm("residents.view_resident")
@require_safe
def household_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:40]
    page = paginate(request, selectors.household_list_for(viewer=request.user, q=q))
    return render(
        request,
        "residents/household_list.html",
        {"page": page, "q": q, "can_create": can(request.user, "residents.change_resident")},
    )


def _back_url(request: HttpRequest, default: str) -> str:
    """Where 返回 leads: the page the user came from (same site only), else `default`."""
    target = request.GET.get("back") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@require_perm("residents.view_resident")
@require_safe
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_get_for(viewer=request.user, household_id=pk)
    members = list(selectors.household_members(household))
    context = {
        "household": household,
        "members": members,
        "head": next(
            (m for m in members if m.relation_to_head == HEAD_RELATION and m.status == "active"), None
        ),
        "has_active": any(m.status == "active" for m in members),
        "can_edit": can(request.user, "residents.change_resident", household),
        "back_url": _back_url(request, reverse("residents:household_list")),
    }
    return render(request, "residents/household_detail.html", context)


@require_perm("residents.change_resident")
@require_http_methods(["GET", "POST"])
def household_add_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_get_for(viewer=request.user, household_id=pk, roles=REGISTER_WRITERS)
    q = (request.GET.get("q") or request.POST.get("q") or "").strip()[:50]
    form = HouseholdMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resident = selectors.resident_get_for(
                viewer=request.user, resident_id=form.cleaned_data["resident"], roles=REGISTER_WRITERS
            )
            actions.household_member_add(
                actor=request.user,
                household=household,
                resident=resident,
                relation=form.cleaned_data["relation"],
            )
        except NotFound:
            form.add_error("resident", _("请从搜索结果中选择要加入本户的居民。"))
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已将 %(name)s 加入本户。") % {"name": resident.name})
            return redirect("residents:household_detail", pk=household.pk)
    candidates = list(
        selectors.household_member_candidates(viewer=request.user, household=household, q=q)[:20]
    )
    create_url = (
        reverse("residents:create")
        + "?"
        + urlencode({"household": household.number, "area": str(household.area_id), "relation": ""})
    )
    context = {
        "household": household,
        "form": form,
        "q": q,
        "candidates": candidates,
        "create_url": create_url,
    }
    return render(request, "residents/household_add_member.html", context)


@require_perm("residents.change_resident")
@require_http_methods(["GET", "POST"])
def household_change_head(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_get_for(viewer=request.user, household_id=pk, roles=REGISTER_WRITERS)
    members = [m for m in selectors.household_members(household) if m.status == "active"]
    choices = [
        (m.pk, f"{m.name}（{m.get_relation_to_head_display() or _('未填关系')}）")
        for m in members
        if m.relation_to_head != HEAD_RELATION
    ]
    form = HouseholdHeadForm(request.POST or None, member_choices=choices)
    if request.method == "POST" and form.is_valid():
        new_head = next(m for m in members if m.pk == form.cleaned_data["new_head"])
        try:
            actions.household_head_change(
                actor=request.user,
                household=household,
                new_head=new_head,
                former_head_relation=form.cleaned_data["former_head_relation"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已将户主变更为 %(name)s。") % {"name": new_head.name})
            return redirect("residents:household_detail", pk=household.pk)
    head = next((m for m in members if m.relation_to_head == HEAD_RELATION), None)
    return render(
        request, "residents/household_head.html", {"household": household, "form": form, "head": head}
    )


@require_perm("residents.change_resident")
@require_http_methods(["GET", "POST"])
def household_move_out(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_get_for(viewer=request.user, household_id=pk, roles=REGISTER_WRITERS)
    members = [m for m in selectors.household_members(household) if m.status == "active"]
    form = HouseholdMoveOutForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            count = actions.household_move_out(
                actor=request.user,
                household=household,
                happened_on=form.cleaned_data["happened_on"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已登记整户迁出，共 %(n)d 人。") % {"n": count})
            return redirect("residents:household_detail", pk=household.pk)
    return render(
        request,
        "residents/household_move_out.html",
        {
            "household": household,
            "form": form,
            "members": members,
            "names": "、".join(m.name for m in members),
        },
    )


@require_perm("residents.view_resident")
@require_safe
def household_print(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_get_for(viewer=request.user, household_id=pk)
    try:
        data = household_print_pdf(actor=request.user, household=household)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("residents:household_detail", pk=household.pk)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename=household-{household.pk}.pdf"
    response["Cache-Control"] = "no-store"
    return response


@require_perm("residents.change_resident")
@require_http_methods(["GET", "POST"])
def household_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = HouseholdForm(request.POST or None, area_choices=_placement_choices(request))
    if request.method == "POST" and form.is_valid():
        try:
            area = area_get_for(
                viewer=request.user, area_id=form.cleaned_data["area"], roles=REGISTER_WRITERS
            )
            household = actions.household_create(
                actor=request.user,
                area=area,
                number=form.cleaned_data["number"],
                address=form.cleaned_data["address"],
            )
        except DomainError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已新建户 %(number)s。") % {"number": household.number})
            return redirect("residents:household_detail", pk=household.pk)
    return render(request, "residents/household_form.html", {"form": form})


# --- Excel import and export -------------------------------------------------

from django.http import FileResponse, Http404  # noqa: E402

from .exports import resident_export  # noqa: E402
from .forms import ImportForm  # noqa: E402
from .imports import import_dir, import_progress, resident_import_start  # noqa: E402
from .spreadsheet import template_workbook  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_perm("residents.import_residents")
@require_safe
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E5%B1%85%E6%B0%91%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    )
    return response


@require_perm("residents.import_residents")
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = resident_import_start(actor=request.user, upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("residents:import_job", pk=job.pk)
    jobs = selectors.import_job_list_for(viewer=request.user)[:10]
    return render(request, "residents/import.html", {"form": form, "jobs": jobs})


@require_perm("residents.import_residents")
@require_safe
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.import_job_get_for(viewer=request.user, job_id=pk)
    progress = import_progress(job)
    percent = int(100 * progress["done"] / progress["total"]) if progress.get("total") else 0
    context = {"job": job, "progress": progress, "percent": percent}
    template = "residents/import_job.html#status" if is_htmx(request) else "residents/import_job.html"
    return render(request, template, context)


@require_perm("residents.import_residents")
@require_safe
def import_report(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = selectors.import_job_get_for(viewer=request.user, job_id=pk)
    path = import_dir() / job.report_name if job.report_name else None
    if path is None or not path.exists():
        raise Http404()
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=_("错误报告-%(number)s.xlsx") % {"number": job.pk},
        content_type=XLSX,
    )


@require_perm("residents.export_residents")
@require_safe
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filter_form(request)
    filters = form.cleaned_data if form.is_valid() else {}
    status = filters.get("status") or "active"
    try:
        data, _count = resident_export(
            actor=request.user,
            filters={
                "area_id": filters.get("area"),
                "tag": filters.get("tag") or None,
                "age_band": filters.get("age") or None,
                "q": filters.get("q") or None,
                "status": None if status == "all" else status,
            },
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        if exc.code == "needs_approval":  # the same list, as an export request to approve
            query = {
                "area": filters.get("area") or "",
                "status": status,
                "tag": filters.get("tag") or "",
                "q": filters.get("q") or "",
                "full": "0",
            }
            return redirect(reverse("residents:export_request_new") + "?" + urlencode(query))
        return redirect("residents:list")
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''residents.xlsx"
    return response
