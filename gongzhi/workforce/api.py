"""The workforce over the API: the same selectors, actions and rules as the pages.

Reads: the post catalogue, a community's public list (its people, or staff), a community's people in posts and
gap (staff), one appointment with its training, the township's staffing table, a community's target, a contract.
Writes: a post type (the township office), an appointment (create with an Idempotency-Key), vacating, a training
record (Idempotency-Key), a community's target, a contract (Idempotency-Key; the scan is attached on the pages).
Outside the token user's reach is 404, as what does not exist.
"""

import datetime as dt
from decimal import Decimal

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
from .models import Appointment, PostType, ServiceContract, Training
from .roles import KEEPERS, TOWNSHIP

router = Router(tags=["队伍 workforce"])

# A create naming a community (or a contract's organisation) outside the keeper's reach answers 404, as a read of it
# would; 403 for an account that keeps no community anywhere.
MAY_BE_MISSING_OR_FORBIDDEN: dict = {
    "responses": MAY_BE_FORBIDDEN["responses"]
    | {"404": {"description": gettext_lazy("记录不存在，或不在您的权限范围内（两者不作区分）")}}
}


class PostTypeOut(Schema):
    id: int
    name: str
    group: str
    level: str
    duty: str
    counts_as_worker: bool
    active: bool
    kept_in: str  # the key of the roster that keeps its holders (gongzhi.core.posts), "" when kept here
    kept_in_label: str


class PostTypeIn(Schema):
    name: str
    group: str = ""
    level: str
    duty: str
    counts_as_worker: bool = False
    active: bool = True
    kept_in: str | None = None  # not sent: unchanged


class PublicOut(Schema):
    post: str
    area: str
    name: str
    phone: str


class AppointmentOut(Schema):
    id: int
    community_id: int
    post_type_id: int
    post: str
    area_id: int
    area: str
    resident_id: int
    name: str
    phone: str  # masked
    started_on: dt.date
    term_ends_on: dt.date | None
    contract_id: int | None
    contract_ended: bool
    vacated_on: dt.date | None
    vacate_reason: str


class AppointmentIn(Schema):
    community_id: ApiId
    post_type_id: ApiId
    area_id: ApiId
    resident_id: ApiId
    started_on: str
    term_ends_on: str = ""
    contract_id: ApiId | None = None


class VacateIn(Schema):
    vacated_on: str
    reason: str


class TrainingOut(Schema):
    id: int
    held_on: dt.date
    title: str
    hours: Decimal
    organiser: str


class TrainingIn(Schema):
    held_on: str
    title: str
    hours: Decimal
    organiser: str


class AppointmentDetailOut(AppointmentOut):
    trainings: list[TrainingOut]


class UncoveredOut(Schema):
    post: str
    areas: list[str]


class HeldElsewhereOut(Schema):
    post_type_id: int
    post: str
    area_id: int
    area: str
    resident_id: int | None
    name: str
    phone: str  # masked
    started_on: dt.date | None
    kept_in: str


class GapOut(Schema):
    community_id: int
    community_name: str
    has_target: bool
    is_default: bool  # measured against the default target of its kind (no target of its own)
    min_workers: int
    workers: int
    workers_short: int
    uncovered: list[UncoveredOut]
    renewals: list[int]  # appointment ids whose contract has ended
    held_elsewhere: list[HeldElsewhereOut]  # people in posts kept in other rosters, counted here


class TargetIn(Schema):
    min_workers: int
    covered_post_type_ids: list[ApiId] = []


class DefaultTargetOut(Schema):
    community_type: str
    community_type_label: str
    min_workers: int
    covered_post_type_ids: list[int]


class TargetOut(Schema):
    community_id: int
    min_workers: int
    covered_post_type_ids: list[int]


class ContractIn(Schema):
    community_id: ApiId
    organisation_id: ApiId
    number: str
    amount: Decimal
    starts_on: str
    ends_on: str
    scope: str = ""


class ContractOut(Schema):
    id: int
    community_id: int
    organisation: str
    number: str
    amount: Decimal
    starts_on: dt.date
    ends_on: dt.date
    ended: bool
    scope: str
    has_scan: bool
    appointment_ids: list[int]


def _found(get):
    try:
        return get()
    except NotFound:
        raise Http404() from None


def _need(request, perm: str, obj=None) -> None:
    allowed = request.auth.has_perm(perm) if obj is None else request.auth.has_perm(perm, obj)
    if not allowed:
        raise PermissionDenied()


def _post_type(t: PostType) -> dict:
    return {
        "id": t.pk, "name": t.name, "group": t.group, "level": t.level, "duty": t.duty,
        "counts_as_worker": t.counts_as_worker, "active": t.active, "kept_in": t.kept_in,
        "kept_in_label": selectors.kept_in_label(t),
    }  # fmt: skip


def _appointment(a: Appointment) -> dict:
    return {
        "id": a.pk, "community_id": a.community_id, "post_type_id": a.post_type_id, "post": a.post_type.name,
        "area_id": a.area_id, "area": a.area.name, "resident_id": a.resident_id, "name": a.resident.name,
        "phone": a.resident.phone_masked, "started_on": a.started_on, "term_ends_on": a.term_ends_on,
        "contract_id": a.contract_id,
        "contract_ended": a.contract is not None and selectors.contract_ended(a.contract),
        "vacated_on": a.vacated_on, "vacate_reason": a.vacate_reason,
    }  # fmt: skip


def _training(t: Training) -> dict:
    return {"id": t.pk, "held_on": t.held_on, "title": t.title, "hours": t.hours, "organiser": t.organiser}


def _gap(g) -> dict:
    return {
        "community_id": g.community.pk, "community_name": g.community.name, "has_target": g.has_target,
        "is_default": g.is_default,
        "min_workers": g.min_workers, "workers": g.workers, "workers_short": g.workers_short,
        "uncovered": [{"post": t.name, "areas": [a.name for a in areas]} for t, areas in g.uncovered],
        "renewals": [a.pk for a in g.renewals],
        "held_elsewhere": [
            {"post_type_id": e.post_type.pk, "post": e.post_type.name, "area_id": e.area.pk, "area": e.area.name,
             "resident_id": e.holder.resident_id, "name": e.holder.name, "phone": e.holder.phone_masked,
             "started_on": e.holder.started_on, "kept_in": e.kept_in}
            for e in g.elsewhere
        ],
    }  # fmt: skip


def _default(d) -> dict:
    return {
        "community_type": d.community_type, "community_type_label": d.get_community_type_display(),
        "min_workers": d.min_workers, "covered_post_type_ids": sorted(t.pk for t in d.covered.all()),
    }  # fmt: skip


def _covered(ids: list[int]) -> list[PostType]:
    wanted = set(ids)
    covered = [t for t in selectors.post_types() if t.pk in wanted]
    if len(covered) != len(wanted):
        raise DomainError(_("请选择岗位目录中启用的岗位。"), field="covered_post_type_ids")
    return covered


def _contract(c: ServiceContract) -> dict:
    return {
        "id": c.pk, "community_id": c.community_id, "organisation": c.organisation.name, "number": c.number,
        "amount": c.amount, "starts_on": c.starts_on, "ends_on": c.ends_on, "ended": selectors.contract_ended(c),
        "scope": c.scope, "has_scan": bool(c.scan_path),
        "appointment_ids": list(c.appointments.values_list("pk", flat=True)),
    }  # fmt: skip


# --- The catalogue ---------------------------------------------------------------------------


@router.get("/workforce/posts", response=list[PostTypeOut], summary=gettext_noop("队伍岗位目录"))
def post_list(request):
    return [_post_type(t) for t in selectors.post_types(active_only=False)]


@router.post(
    "/workforce/posts",
    response={201: PostTypeOut},
    summary=gettext_noop("岗位目录新增岗位（镇社治办）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def post_create(request, payload: PostTypeIn, idempotency_key: IdempotencyKey = None):
    _need(request, "workforce.edit_posts")
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.post_type_save(
            actor=request.auth, name=payload.name, group=payload.group, level=payload.level, duty=payload.duty,
            counts_as_worker=payload.counts_as_worker, active=payload.active, kept_in=payload.kept_in,
        ),
    )  # fmt: skip
    return Status(201, _post_type(made))


@router.post(
    "/workforce/posts/{post_type_id}",
    response=PostTypeOut,
    summary=gettext_noop("修改岗位（镇社治办）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def post_edit(request, post_type_id: ApiId, payload: PostTypeIn):
    _need(request, "workforce.edit_posts")
    found = _found(lambda: selectors.post_type_get(post_type_id))
    saved = actions.post_type_save(
        actor=request.auth, post_type=found, name=payload.name, group=payload.group, level=payload.level,
        duty=payload.duty, counts_as_worker=payload.counts_as_worker, active=payload.active,
        kept_in=payload.kept_in,
    )  # fmt: skip
    return _post_type(saved)


# --- The township's staffing table -----------------------------------------------------------


@router.get(
    "/workforce/staffing",
    response=list[GapOut],
    summary=gettext_noop("各村(社区)队伍配备与目标的差距"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def staffing(request):
    _need(request, "workforce.view")
    return [_gap(g) for g in selectors.gap_table_for(viewer=request.auth)]


# --- People in posts -------------------------------------------------------------------------


@router.post(
    "/workforce/appointments",
    response={201: AppointmentOut},
    summary=gettext_noop("登记任职（本村(社区)登记的居民，本村(社区)的区域）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def appointment_create(request, payload: AppointmentIn, idempotency_key: IdempotencyKey = None):
    _need(request, "workforce.keep")
    community = _found(
        lambda: selectors.community_get_for(
            viewer=request.auth, community_id=payload.community_id, roles=KEEPERS
        )
    )
    post_type = _found(lambda: selectors.post_type_get(payload.post_type_id))
    resident = selectors.candidate_get(viewer=request.auth, resident_id=payload.resident_id)
    contract = None
    if payload.contract_id:
        contract = next((c for c in selectors.contracts_of(community) if c.pk == payload.contract_id), None)
        if contract is None:
            raise DomainError(_("这份购买服务合同不是本村(社区)的。"), field="contract_id")
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.appointment_create(
            actor=request.auth, community=community, post_type=post_type,
            area=selectors.area_get(payload.area_id), resident=resident, started_on=payload.started_on,
            term_ends_on=payload.term_ends_on, contract=contract,
        ),
    )  # fmt: skip
    return Status(201, _appointment(made))


@router.get(
    "/workforce/appointments/{appointment_id}",
    response=AppointmentDetailOut,
    summary=gettext_noop("一位在岗人员：任期和培训记录"),
)
def appointment_detail(request, appointment_id: ApiId):
    found = _found(lambda: selectors.appointment_get_for(viewer=request.auth, appointment_id=appointment_id))
    return {**_appointment(found), "trainings": [_training(t) for t in selectors.trainings_of(found)]}


@router.post(
    "/workforce/appointments/{appointment_id}/vacate",
    response=AppointmentOut,
    summary=gettext_noop("登记离岗（日期、原因）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def appointment_vacate(request, appointment_id: ApiId, payload: VacateIn):
    found = _found(lambda: selectors.appointment_get_for(viewer=request.auth, appointment_id=appointment_id))
    _need(request, "workforce.keep", found)
    done = actions.appointment_vacate(
        actor=request.auth, appointment=found, vacated_on=payload.vacated_on, reason=payload.reason
    )
    return _appointment(done)


@router.post(
    "/workforce/appointments/{appointment_id}/trainings",
    response={201: TrainingOut},
    summary=gettext_noop("登记培训记录"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def training_create(
    request, appointment_id: ApiId, payload: TrainingIn, idempotency_key: IdempotencyKey = None
):
    found = _found(lambda: selectors.appointment_get_for(viewer=request.auth, appointment_id=appointment_id))
    _need(request, "workforce.keep", found)
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.training_add(
            actor=request.auth, appointment=found, held_on=payload.held_on, title=payload.title,
            hours=payload.hours, organiser=payload.organiser,
        ),
    )  # fmt: skip
    return Status(201, _training(made))


# --- Contracts -------------------------------------------------------------------------------


@router.post(
    "/workforce/contracts",
    response={201: ContractOut},
    summary=gettext_noop("登记购买服务合同（扫描件在页面上传）"),
    openapi_extra=MAY_BE_MISSING_OR_FORBIDDEN,
)
def contract_create(request, payload: ContractIn, idempotency_key: IdempotencyKey = None):
    _need(request, "workforce.keep")
    community = _found(
        lambda: selectors.community_get_for(
            viewer=request.auth, community_id=payload.community_id, roles=KEEPERS
        )
    )
    organisation = selectors.organisations_for(community).filter(pk=payload.organisation_id).first()
    made = idempotent_create(
        request, idempotency_key, payload,
        lambda: actions.contract_save(
            actor=request.auth, community=community, organisation=organisation, number=payload.number,
            amount=payload.amount, starts_on=payload.starts_on, ends_on=payload.ends_on, scope=payload.scope,
        ),
    )  # fmt: skip
    return Status(201, _contract(made))


@router.get(
    "/workforce/contracts/{contract_id}", response=ContractOut, summary=gettext_noop("一份购买服务合同")
)
def contract_detail(request, contract_id: ApiId):
    return _contract(_found(lambda: selectors.contract_get_for(viewer=request.auth, contract_id=contract_id)))


# --- A community ------------------------------------------------------------------------------


@router.get(
    "/workforce/communities/{community_id}/public",
    response=list[PublicOut],
    summary=gettext_noop("为本村(社区)服务的人（姓名、岗位，电话隐去中间四位）"),
)
def public(request, community_id: ApiId):
    found = _found(lambda: selectors.public_community_get(viewer=request.auth, community_id=community_id))
    return [r.__dict__ for r in selectors.public_list(found)]


@router.get(
    "/workforce/communities/{community_id}/appointments",
    response=list[AppointmentOut],
    summary=gettext_noop("本村(社区)的在岗人员（current=false：已离岗的）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def appointments(request, community_id: ApiId, current: bool = True):
    _need(request, "workforce.view")
    found = _found(lambda: selectors.community_get_for(viewer=request.auth, community_id=community_id))
    return [_appointment(a) for a in selectors.appointments_of(found, current=current)[:500]]


@router.get(
    "/workforce/communities/{community_id}/gap",
    response=GapOut,
    summary=gettext_noop("本村(社区)队伍配备与目标的差距"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def community_gap(request, community_id: ApiId):
    _need(request, "workforce.view")
    found = _found(lambda: selectors.community_get_for(viewer=request.auth, community_id=community_id))
    return _gap(selectors.gap_of(found))


@router.post(
    "/workforce/communities/{community_id}/target",
    response=TargetOut,
    summary=gettext_noop("设置村(社区)的队伍配备目标（镇社治办）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def target_set(request, community_id: ApiId, payload: TargetIn):
    _need(request, "workforce.set_target")
    found = _found(
        lambda: selectors.community_get_for(viewer=request.auth, community_id=community_id, roles=TOWNSHIP)
    )
    covered = _covered(payload.covered_post_type_ids)
    made = actions.target_set(
        actor=request.auth, community=found, min_workers=payload.min_workers, covered=covered
    )
    return {
        "community_id": found.pk,
        "min_workers": made.min_workers,
        "covered_post_type_ids": sorted(t.pk for t in covered),
    }


# --- Default targets per kind of community ---------------------------------------------------------


@router.get(
    "/workforce/defaults",
    response=list[DefaultTargetOut],
    summary=gettext_noop("各类村(社区)的默认配备目标"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def default_list(request):
    _need(request, "workforce.view")
    return [_default(d) for d in selectors.default_targets().values()]


@router.post(
    "/workforce/defaults/{community_type}",
    response=DefaultTargetOut,
    summary=gettext_noop("设置一类村(社区)的默认配备目标（镇社治办；community_type：village 或 urban）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def default_set(request, community_type: str, payload: TargetIn):
    _need(request, "workforce.set_defaults")
    made = actions.default_target_set(
        actor=request.auth, community_type=community_type[:10], min_workers=payload.min_workers,
        covered=_covered(payload.covered_post_type_ids),
    )  # fmt: skip
    return _default(made)
