"""The facilities over the API: the same selectors, actions and rules as the pages.

Reads: the facilities the token user sees (their communities' and the neighbours' shared ones), one facility
with its held slots (bookers masked unless staff or their own) and usage (staff), the user's bookings, the
bookings waiting for their approval, one booking, the gap table, a township's standard. Writes: a facility
(create with an Idempotency-Key, edit), a booking (create with an Idempotency-Key), approve, refuse, cancel,
the standard of one type. Outside the token user's reach is 404, as what does not exist.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from ninja import Router, Schema, Status

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import actions, selectors
from .models import Booking, Facility, FacilityType
from .roles import KEEPERS

router = Router(tags=["阵地 facilities"])

# POST /facilities names its community in the body: outside the token user's reach it is a 404.
FORBIDDEN_OR_NOT_FOUND = {
    "responses": {
        **MAY_BE_FORBIDDEN["responses"],
        "404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")},
    }
}


class FacilityOut(Schema):
    id: int
    community_id: int
    community_name: str
    type: str
    kind: str
    functions: list[str]
    name: str
    floor_area: int | None
    opens_at: dt.time
    closes_at: dt.time
    signage: list[str]
    bookable: bool
    capacity: int | None
    approval_required: bool
    shared: bool
    note: str


class SlotOut(Schema):
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    state: str
    who: str  # masked unless the viewer is the staff or the booker


class UsageOut(Schema):
    month: str
    hours: float
    bookings: int


class FacilityDetailOut(FacilityOut):
    slots: list[SlotOut]
    usage: list[UsageOut]


class FacilityIn(Schema):
    community_id: ApiId | None = None
    type_id: ApiId
    function_ids: list[ApiId] = []
    name: str
    opens_at: str
    closes_at: str
    floor_area: int | None = None
    signage: list[str] = []
    bookable: bool = False
    capacity: int | None = None
    approval_required: bool = False
    shared: bool = False
    note: str = ""


class BookingIn(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    headcount: int
    purpose: str
    organisation_id: ApiId | None = None
    resident_id: ApiId | None = None
    consent_channel: str = ""


class BookingOut(Schema):
    id: int
    facility_id: int
    facility_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    headcount: int
    purpose: str
    state: str
    state_label: str
    who: str
    organisation: str
    assisted: bool
    refusal_reason: str


class RefuseIn(Schema):
    reason: str


class GapOut(Schema):
    community_id: int
    community_name: str
    required: list[str]
    missing: list[str]
    signage_missing: dict[str, list[str]]


class StandardOut(Schema):
    type_id: int
    type: str
    kind: str
    required_village: bool
    required_urban: bool
    signage: list[str]
    own: bool


class StandardIn(Schema):
    type_id: ApiId
    required_village: bool
    required_urban: bool
    signage: list[str] = []


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _facility(f: Facility) -> dict:
    return {
        "id": f.pk, "community_id": f.community_id, "community_name": f.community.name, "type": f.facility_type.name,
        "kind": f.facility_type.kind, "functions": [t.name for t in f.functions.all()], "name": f.name,
        "floor_area": f.floor_area, "opens_at": f.opens_at, "closes_at": f.closes_at, "signage": f.signage,
        "bookable": f.bookable, "capacity": f.capacity, "approval_required": f.approval_required,
        "shared": f.shared, "note": f.note,
    }  # fmt: skip


def _booking(b: Booking, viewer) -> dict:
    return {
        "id": b.pk, "facility_id": b.facility_id, "facility_name": b.facility.name, "starts_at": b.starts_at,
        "ends_at": b.ends_at, "headcount": b.headcount, "purpose": b.purpose, "state": b.state,
        "state_label": b.get_state_display(), "who": selectors.booker_label(b, viewer=viewer),
        "organisation": b.organisation.name if b.organisation is not None else "", "assisted": b.assisted,
        "refusal_reason": b.refusal_reason,
    }  # fmt: skip


@router.get(
    "/facilities",
    response=list[FacilityOut],
    summary=gettext_noop("我能看到的阵地（本村(社区)和相邻村(社区)共享的）"),
)
def facility_list(request):
    return [_facility(f) for f in selectors.facility_list_for(viewer=request.auth)]


def _types(ids) -> list[FacilityType]:
    return list(FacilityType.objects.filter(pk__in=list(ids)))


def _save(request, payload: FacilityIn, *, community, facility):
    kind = FacilityType.objects.filter(pk=payload.type_id).first()
    if kind is None:
        raise DomainError(_("请选择阵地类型。"), field="type_id")
    return actions.facility_save(
        actor=request.auth, community=community, facility=facility, facility_type=kind,
        functions=_types(payload.function_ids), name=payload.name, opens_at=payload.opens_at,
        closes_at=payload.closes_at, floor_area=payload.floor_area, signage=payload.signage,
        bookable=payload.bookable, capacity=payload.capacity, approval_required=payload.approval_required,
        shared=payload.shared, note=payload.note,
    )  # fmt: skip


@router.post(
    "/facilities",
    response={201: FacilityOut},
    summary=gettext_noop("登记本村(社区)的阵地"),
    openapi_extra=FORBIDDEN_OR_NOT_FOUND,
)
def facility_create(request, payload: FacilityIn, idempotency_key: IdempotencyKey = None):
    if not request.auth.has_perm("facilities.keep"):
        raise PermissionDenied()
    community = _found(
        lambda: selectors.community_get_for(
            viewer=request.auth, community_id=payload.community_id or 0, roles=KEEPERS
        )
    )
    made = idempotent_create(
        request, idempotency_key, payload, lambda: _save(request, payload, community=community, facility=None)
    )
    return Status(201, _facility(made))


@router.get("/facilities/bookings/mine", response=list[BookingOut], summary=gettext_noop("我的阵地预约"))
def bookings_mine(request):
    return [_booking(b, request.auth) for b in selectors.mine_for(viewer=request.auth)[:200]]


@router.get(
    "/facilities/bookings/pending",
    response=list[BookingOut],
    summary=gettext_noop("待我审批的阵地预约"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def bookings_pending(request):
    if not request.auth.has_perm("facilities.decide"):
        raise PermissionDenied()
    return [_booking(b, request.auth) for b in selectors.pending_for(viewer=request.auth)[:200]]


@router.get("/facilities/bookings/{booking_id}", response=BookingOut, summary=gettext_noop("一个阵地预约"))
def booking_detail(request, booking_id: ApiId):
    found = _found(lambda: selectors.booking_get_for(viewer=request.auth, booking_id=booking_id))
    return _booking(found, request.auth)


def _decided(request, booking_id: int, perm: str, run) -> dict:
    found = _found(lambda: selectors.booking_get_for(viewer=request.auth, booking_id=booking_id))
    if not request.auth.has_perm(perm, found):
        raise PermissionDenied()
    return _booking(run(found), request.auth)


@router.post(
    "/facilities/bookings/{booking_id}/approve",
    response=BookingOut,
    summary=gettext_noop("同意阵地预约"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def booking_approve(request, booking_id: ApiId):
    return _decided(
        request,
        booking_id,
        "facilities.decide",
        lambda b: actions.booking_approve(actor=request.auth, booking=b),
    )


@router.post(
    "/facilities/bookings/{booking_id}/refuse",
    response=BookingOut,
    summary=gettext_noop("不同意阵地预约（写明原因）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def booking_refuse(request, booking_id: ApiId, payload: RefuseIn):
    return _decided(
        request,
        booking_id,
        "facilities.decide",
        lambda b: actions.booking_refuse(actor=request.auth, booking=b, reason=payload.reason),
    )


@router.post(
    "/facilities/bookings/{booking_id}/cancel",
    response=BookingOut,
    summary=gettext_noop("取消阵地预约"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def booking_cancel(request, booking_id: ApiId):
    return _decided(
        request,
        booking_id,
        "facilities.cancel_booking",
        lambda b: actions.booking_cancel(actor=request.auth, booking=b),
    )


@router.get(
    "/facilities/gap",
    response=list[GapOut],
    summary=gettext_noop("各村(社区)阵地与标准的差距"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def gap(request):
    if not request.auth.has_perm("facilities.view"):
        raise PermissionDenied()
    return [
        {"community_id": g.community.pk, "community_name": g.community.name,
         "required": [t.name for t in g.required], "missing": [t.name for t in g.missing],
         "signage_missing": {f"{f.pk}:{f.name}": items for f, items in g.signage_missing}}
        for g in selectors.gap_table_for(viewer=request.auth)
    ]  # fmt: skip


def _standard(township) -> list[dict]:
    return [
        {"type_id": r.facility_type.pk, "type": r.facility_type.name, "kind": r.facility_type.kind,
         "required_village": r.required_village, "required_urban": r.required_urban, "signage": r.signage,
         "own": r.own}
        for r in selectors.standard_of(township)
    ]  # fmt: skip


@router.get(
    "/facilities/standards/{township_id}",
    response=list[StandardOut],
    summary=gettext_noop("镇(乡、街道)的阵地建设标准"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def standard(request, township_id: ApiId):
    if not request.auth.has_perm("facilities.set_standard"):
        raise PermissionDenied()
    township = _found(lambda: selectors.township_get_for(viewer=request.auth, township_id=township_id))
    return _standard(township)


@router.post(
    "/facilities/standards/{township_id}",
    response=list[StandardOut],
    summary=gettext_noop("修改一类阵地的建设标准（必备与否、标识要求）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def standard_set(request, township_id: ApiId, payload: StandardIn):
    if not request.auth.has_perm("facilities.set_standard"):
        raise PermissionDenied()
    township = _found(lambda: selectors.township_get_for(viewer=request.auth, township_id=township_id))
    kind = FacilityType.objects.filter(pk=payload.type_id).first()
    if kind is None:
        raise DomainError(_("请选择阵地类型。"), field="type_id")
    actions.standard_set(
        actor=request.auth, township=township, facility_type=kind, required_village=payload.required_village,
        required_urban=payload.required_urban, signage=payload.signage,
    )  # fmt: skip
    return _standard(township)


class TypeOut(Schema):
    id: int
    kind: str
    name: str
    required_village: bool
    required_urban: bool
    signage: list[str]
    own: bool  # the township added it (else the catalogue's)
    retired: bool


class TypeIn(Schema):
    kind: str
    name: str
    required_village: bool = False
    required_urban: bool = False
    signage: list[str] = []


class RetireIn(Schema):
    retired: bool = True


def _type(t: FacilityType) -> dict:
    return {
        "id": t.pk, "kind": t.kind, "name": t.name, "required_village": t.required_village,
        "required_urban": t.required_urban, "signage": t.signage, "own": t.own, "retired": t.retired,
    }  # fmt: skip


def _types_township(request, township_id: int):
    if not request.auth.has_perm("facilities.keep_types"):
        raise PermissionDenied()
    return _found(lambda: selectors.township_get_for(viewer=request.auth, township_id=township_id))


@router.get(
    "/facilities/types/{township_id}",
    response=list[TypeOut],
    summary=gettext_noop("镇(乡、街道)可用的阵地类型（默认目录和本镇添加的，含已停用的）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def type_list(request, township_id: ApiId):
    township = _types_township(request, township_id)
    return [_type(t) for t in selectors.facility_types(township, retired=True)]


@router.post(
    "/facilities/types/{township_id}",
    response={201: TypeOut},
    summary=gettext_noop("添加本镇的阵地类型"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def type_create(request, township_id: ApiId, payload: TypeIn, idempotency_key: IdempotencyKey = None):
    township = _types_township(request, township_id)
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.facility_type_save(
            actor=request.auth, township=township, kind=payload.kind, name=payload.name,
            required_village=payload.required_village, required_urban=payload.required_urban,
            signage=payload.signage,
        ),
    )  # fmt: skip
    return Status(201, _type(made))


@router.post(
    "/facilities/types/{township_id}/{type_id}/edit",
    response=TypeOut,
    summary=gettext_noop("修改本镇添加的阵地类型"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def type_edit(request, township_id: ApiId, type_id: ApiId, payload: TypeIn):
    township = _types_township(request, township_id)
    kind = _found(lambda: selectors.own_type_get(township, type_id))
    saved = actions.facility_type_save(
        actor=request.auth, township=township, facility_type=kind, kind=payload.kind, name=payload.name,
        required_village=payload.required_village, required_urban=payload.required_urban,
        signage=payload.signage,
    )  # fmt: skip
    return _type(saved)


@router.post(
    "/facilities/types/{township_id}/{type_id}/retire",
    response=TypeOut,
    summary=gettext_noop("停用（或恢复使用）本镇添加的阵地类型"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def type_retire(request, township_id: ApiId, type_id: ApiId, payload: RetireIn):
    township = _types_township(request, township_id)
    kind = _found(lambda: selectors.own_type_get(township, type_id))
    return _type(
        actions.facility_type_retire(actor=request.auth, facility_type=kind, retired=payload.retired)
    )


# The routes with a facility id come last: /facilities/gap and /facilities/bookings/… are matched first.


@router.get(
    "/facilities/{facility_id}",
    response=FacilityDetailOut,
    summary=gettext_noop("一处阵地：已预约的时间和使用情况"),
)
def facility_detail(request, facility_id: ApiId):
    found = _found(lambda: selectors.facility_get_for(viewer=request.auth, facility_id=facility_id))
    staff = request.auth.has_perm("facilities.view", found)
    slots = [
        {"id": b.pk, "starts_at": b.starts_at, "ends_at": b.ends_at, "state": b.state,
         "who": selectors.booker_label(b, viewer=request.auth)}
        for b in selectors.upcoming_of(found)[:100]
    ]  # fmt: skip
    usage = (
        [{"month": m, "hours": h, "bookings": n} for m, h, n in selectors.usage_of(found)] if staff else []
    )
    return {**_facility(found), "slots": slots, "usage": usage}


@router.post(
    "/facilities/{facility_id}/edit",
    response=FacilityOut,
    summary=gettext_noop("修改阵地"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def facility_edit(request, facility_id: ApiId, payload: FacilityIn):
    found = _found(lambda: selectors.facility_get_for(viewer=request.auth, facility_id=facility_id))
    if not request.auth.has_perm("facilities.keep", found):
        raise PermissionDenied()
    return _facility(_save(request, payload, community=found.community, facility=found))


@router.post(
    "/facilities/{facility_id}/bookings",
    response={201: BookingOut},
    summary=gettext_noop("预约阵地（本人、社会组织，或工作人员经居民同意代为预约）"),
)
def booking_create(request, facility_id: ApiId, payload: BookingIn, idempotency_key: IdempotencyKey = None):
    found = _found(lambda: selectors.facility_get_for(viewer=request.auth, facility_id=facility_id))
    resident = None
    if payload.resident_id:
        resident = selectors.assisted_resident_get(viewer=request.auth, resident_id=payload.resident_id)
        if resident is None:
            raise DomainError(_("请选择居民。"), field="resident_id")
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.booking_create(
            actor=request.auth, facility=found, starts_at=payload.starts_at, ends_at=payload.ends_at,
            headcount=payload.headcount, purpose=payload.purpose, organisation_id=payload.organisation_id,
            resident=resident, consent_channel=payload.consent_channel,
        ),
    )  # fmt: skip
    return Status(201, _booking(made, request.auth))
