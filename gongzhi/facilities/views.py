"""Pages of the facilities (phones first): the list (mine, my community's, the neighbours' shared ones; for the
staff, the bookings waiting for approval), a facility with its free and held slots and the booking form, a
booking with its moves, the staff's facility form, the township's standard and the gap table with its export."""

import datetime as dt

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongzhi.accounts.http import AuthenticatedHttpRequest
from gongzhi.core.authz import can
from gongzhi.core.errors import DomainError
from gongzhi.core.http import move_answer, require_perm
from gongzhi.core.ids import id_from
from gongzhi.core.images import image_clean
from gongzhi.photos.http import photo_response

from . import actions, selectors
from .exports import gap_workbook
from .models import BookingState, Facility, FacilityKind
from .roles import KEEPERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _yes(raw) -> bool:
    return str(raw or "").strip().lower() in ("1", "on", "yes", "true")


def _moment(day, clock) -> dt.datetime | None:
    """A local date and "HH:MM" as an aware datetime, or None when either does not parse."""
    try:
        value = dt.datetime.combine(
            dt.date.fromisoformat(str(day or "").strip()), dt.time.fromisoformat(str(clock or "").strip())
        )
    except ValueError:
        return None
    return timezone.make_aware(value)


@require_perm("facilities.browse")
@require_safe
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    facilities = list(selectors.facility_list_for(viewer=request.user))
    homes = selectors.home_communities(request.user)
    context = {
        "facilities": facilities,
        "homes": {c.pk for c in homes},
        "mine": list(selectors.mine_for(viewer=request.user)[:20]),
        "pending": list(selectors.pending_for(viewer=request.user)[:50]),
        "kept": list(selectors.communities_for(viewer=request.user, roles=KEEPERS)),
        "may_view": can(request.user, "facilities.view"),
        "townships": list(selectors.townships_for(viewer=request.user)),
    }
    return render(request, "facilities/index.html", context)


@require_perm("facilities.browse")
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    facility = selectors.facility_get_for(viewer=request.user, facility_id=pk)
    staff = can(request.user, "facilities.view", facility)
    upcoming = [
        (b, selectors.booker_label(b, viewer=request.user)) for b in selectors.upcoming_of(facility)[:50]
    ]
    keeper = can(request.user, "facilities.assist", facility)
    context = {
        "facility": facility,
        "served": selectors.served_types(facility),
        "photos": selectors.facility_photos(facility),
        "upcoming": upcoming,
        "staff": staff,
        "keeper": keeper,
        "usage": selectors.usage_of(facility) if staff else [],
        "organisations": list(selectors.representing(request.user, facility)) if facility.bookable else [],
        "residents": list(selectors.assisted_residents(viewer=request.user, facility=facility)[:200])
        if keeper and facility.bookable
        else [],  # fmt: skip
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "facilities/detail.html", context)


@require_perm("facilities.browse")
@require_safe
def photo(request: AuthenticatedHttpRequest, pk: int, photo_id: int) -> FileResponse:
    facility = selectors.facility_get_for(viewer=request.user, facility_id=pk)
    return photo_response(selectors.facility_photo_get(facility, photo_id).photo, public=False)


@require_perm("facilities.book")
@require_POST
def book(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    facility = selectors.facility_get_for(viewer=request.user, facility_id=pk)
    post = request.POST
    resident = None
    if post.get("resident"):
        resident = selectors.assisted_resident_get(
            viewer=request.user, resident_id=id_from(post.get("resident"))
        )
        if resident is None:
            messages.error(request, _("请选择居民。"))
            return redirect("facilities:detail", pk=facility.pk)
    back = reverse("facilities:detail", args=[facility.pk])
    try:
        booking = actions.booking_create(
            actor=request.user,
            facility=facility,
            starts_at=_moment(post.get("day"), post.get("start")),
            ends_at=_moment(post.get("day"), post.get("end")),
            headcount=post.get("headcount"),
            purpose=post.get("purpose", ""),
            organisation_id=id_from(post.get("organisation")) if post.get("organisation") else None,
            resident=resident,
            consent_channel=post.get("consent_channel", ""),
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect(back)
    if booking.state == BookingState.PENDING:
        messages.success(request, _("已提交预约，等待村(社区)审批；审批后会通知您。"))
    else:
        messages.success(request, _("预约成功。"))
    return redirect("facilities:booking", pk=booking.pk)


@require_perm("facilities.browse")
@require_safe
def booking(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.booking_get_for(viewer=request.user, booking_id=pk)
    context = {
        "booking": found,
        "who": selectors.booker_label(found, viewer=request.user),
        "may_decide": found.state == BookingState.PENDING and can(request.user, "facilities.decide", found),
        "may_cancel": found.holding and found.starts_at > timezone.now()
        and can(request.user, "facilities.cancel_booking", found),
    }  # fmt: skip
    return render(request, "facilities/booking.html", context)


def _move(request, pk: int, run, success: str) -> HttpResponse:
    found = selectors.booking_get_for(viewer=request.user, booking_id=pk)
    return move_answer(
        request, run=lambda: run(found), success=success, back=reverse("facilities:booking", args=[found.pk])
    )


@require_perm("facilities.decide")
@require_POST
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        lambda b: actions.booking_approve(actor=request.user, booking=b),
        _("已同意，已通知预约人。"),
    )


@require_perm("facilities.decide")
@require_POST
def refuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _move(
        request,
        pk,
        lambda b: actions.booking_refuse(actor=request.user, booking=b, reason=reason),
        _("已不同意，已通知预约人。"),
    )


@require_perm("facilities.browse")
@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _move(
        request, pk, lambda b: actions.booking_cancel(actor=request.user, booking=b), _("预约已取消。")
    )


# --- The staff's facility form ---------------------------------------------------------------


def _facility_form(request, *, community, facility: Facility | None) -> HttpResponse:
    types = selectors.facility_types(selectors.township_of(community))
    if facility is not None:  # a retired type the facility already has stays offered to it
        kept = [facility.facility_type, *facility.functions.all()]
        types += [t for t in kept if t.retired and t not in types]
    if request.method == "POST":
        post = request.POST
        by_id = {t.pk: t for t in types}
        main = by_id.get(id_from(post.get("facility_type")) or 0)
        if main is None:
            messages.error(request, _("请选择阵地类型。"))
        else:
            try:
                photos = [image_clean(upload) for upload in request.FILES.getlist("photos")]
                saved = actions.facility_save(
                    actor=request.user,
                    community=community,
                    facility=facility,
                    facility_type=main,
                    functions=[
                        by_id[i] for i in (id_from(v) for v in post.getlist("functions")) if i in by_id
                    ],
                    name=post.get("name", ""),
                    opens_at=post.get("opens_at"),
                    closes_at=post.get("closes_at"),
                    floor_area=post.get("floor_area"),
                    signage=post.getlist("signage") + [post.get("signage_other", "")],
                    bookable=_yes(post.get("bookable")),
                    capacity=post.get("capacity"),
                    approval_required=_yes(post.get("approval_required")),
                    shared=_yes(post.get("shared")),
                    note=post.get("note", ""),
                    photos=photos,
                )
            except DomainError as exc:
                if exc.status in (403, 404):
                    raise
                messages.error(request, exc.message)
            else:
                messages.success(request, _("已保存。"))
                return redirect("facilities:detail", pk=saved.pk)
    standard = selectors.standard_of(community.parent if community.parent_id else None)
    signage_choices = sorted({item for row in standard for item in row.signage})
    context = {
        "community": community,
        "facility": facility,
        "types": types,
        "kinds": dict(FacilityKind.choices),
        "signage_choices": signage_choices,
        "functions": {t.pk for t in facility.functions.all()} if facility else set(),
        "post": request.POST if request.method == "POST" else None,
    }
    return render(request, "facilities/form.html", context)


@require_perm("facilities.keep")
@require_http_methods(["GET", "POST"])
def new(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community = selectors.community_get_for(viewer=request.user, community_id=community_id, roles=KEEPERS)
    return _facility_form(request, community=community, facility=None)


@require_perm("facilities.keep")
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    facility = selectors.facility_get_for(viewer=request.user, facility_id=pk)
    if not can(request.user, "facilities.keep", facility):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return _facility_form(request, community=facility.community, facility=facility)


# --- The township: standard, gap, export -----------------------------------------------------


@require_perm("facilities.view")
@require_safe
def gap(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "facilities/gap.html", {"rows": selectors.gap_table_for(viewer=request.user)})


@require_perm("facilities.export")
@require_safe
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.gap_table_for(viewer=request.user)
    content = gap_workbook(rows)
    actions.gap_export_record(actor=request.user, rows=len(rows))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="facilities-gap.xlsx"'
    return response


@require_perm("facilities.set_standard")
@require_http_methods(["GET", "POST"])
def standard(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    township = selectors.township_get_for(viewer=request.user, township_id=township_id)
    if request.method == "POST":
        post = request.POST
        kind = next(
            (t for t in selectors.facility_types(township) if t.pk == id_from(post.get("facility_type"))),
            None,
        )
        if kind is None:
            messages.error(request, _("请选择阵地类型。"))
            return redirect("facilities:standard", township_id=township.pk)
        return move_answer(
            request,
            run=lambda: actions.standard_set(
                actor=request.user,
                township=township,
                facility_type=kind,
                required_village=_yes(post.get("required_village")),
                required_urban=_yes(post.get("required_urban")),
                signage=post.get("signage", ""),
            ),
            success=_("已保存「%(name)s」的标准。") % {"name": kind.name},
            back=reverse("facilities:standard", args=[township.pk]),
        )
    context = {
        "township": township,
        "rows": selectors.standard_of(township),
        "kinds": dict(FacilityKind.choices),
    }
    return render(request, "facilities/standard.html", context)


# --- The township's own facility types ---------------------------------------------------------


def _type_run(request, township, facility_type=None):
    post = request.POST
    return lambda: actions.facility_type_save(
        actor=request.user,
        township=township,
        facility_type=facility_type,
        kind=post.get("kind", ""),
        name=post.get("name", ""),
        required_village=_yes(post.get("required_village")),
        required_urban=_yes(post.get("required_urban")),
        signage=post.get("signage", ""),
    )


@require_perm("facilities.keep_types")
@require_http_methods(["GET", "POST"])
def types(request: AuthenticatedHttpRequest, township_id: int) -> HttpResponse:
    """The township's own facility types (added, edited, retired here) beside the catalogue's."""
    township = selectors.township_get_for(viewer=request.user, township_id=township_id)
    back = reverse("facilities:types", args=[township.pk])
    if request.method == "POST":
        return move_answer(
            request,
            run=_type_run(request, township),
            success=_("已添加阵地类型「%(name)s」。") % {"name": request.POST.get("name", "").strip()},
            back=back,
        )
    context = {
        "township": township,
        "own": selectors.own_types(township),
        "catalogue": [t for t in selectors.facility_types() if t.township_id is None],
        "kinds": FacilityKind.choices,
    }
    return render(request, "facilities/types.html", context)


@require_perm("facilities.keep_types")
@require_POST
def type_edit(request: AuthenticatedHttpRequest, township_id: int, pk: int) -> HttpResponse:
    township = selectors.township_get_for(viewer=request.user, township_id=township_id)
    kind = selectors.own_type_get(township, pk)
    return move_answer(
        request,
        run=_type_run(request, township, kind),
        success=_("已保存。"),
        back=reverse("facilities:types", args=[township.pk]),
    )


@require_perm("facilities.keep_types")
@require_POST
def type_retire(request: AuthenticatedHttpRequest, township_id: int, pk: int) -> HttpResponse:
    township = selectors.township_get_for(viewer=request.user, township_id=township_id)
    kind = selectors.own_type_get(township, pk)
    retired = request.POST.get("retired", "1") != "0"
    return move_answer(
        request,
        run=lambda: actions.facility_type_retire(actor=request.user, facility_type=kind, retired=retired),
        success=_("已停用「%(name)s」。") % {"name": kind.name}
        if retired
        else _("已恢复使用「%(name)s」。") % {"name": kind.name},
        back=reverse("facilities:types", args=[township.pk]),
    )
