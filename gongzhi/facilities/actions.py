"""阵地: the township's standard, each community's facilities, and their bookings.

    standard:  standard_set (township office: a type required for villages / urban communities, its signage)
    facility:  facility_save (the community's staff: create or edit; photos EXIF-stripped)
    booking:   booking_create ──▶ pending ──booking_approve──▶ approved ──booking_cancel──▶ cancelled
                     │               ├──booking_refuse (reason)──▶ refused
                     │               └──booking_cancel──▶ cancelled
                     └──▶ approved        (a facility that needs no approval)

A booking is a time range on one bookable facility, in the coming months (not in the past), on one day within
the facility's opening hours, for at most its capacity. Bookings that hold the slot (pending or approved) never
overlap: the facility's row is locked (`core.places.row_lock`) while the overlap is checked and the booking
written, and on PostgreSQL an exclusion constraint (migration 0003) refuses an overlap as the last line of
defence. A resident books for themselves; an organisation's representative books for it; the community's staff
book for a resident of the register with the resident's consent (who, when, channel: `core.places.assisted_user`).
People of the neighbouring communities (the same township) book the facilities shared with them.

Every action is permission-checked, locks what it reads to change, writes one audit event in its transaction and
tells the booker (approved, refused, cancelled by someone else); every refusal is a Chinese DomainError and
changes nothing.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import RoleAssignment, User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import can
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.core.lifecycle import lifecycle_move
from gongzhi.core.masking import mask_name
from gongzhi.core.places import assisted_user, row_lock
from gongzhi.core.text import text_clean
from gongzhi.notices.actions import notice_send
from gongzhi.photos.actions import photo_store
from gongzhi.residents.models import Resident
from gongzhi.residents.selectors import resident_get_own

from .models import (
    HOLDING_STATES,
    Booking,
    BookingState,
    Facility,
    FacilityKind,
    FacilityPhoto,
    FacilityType,
    Standard,
)
from .roles import KEEPERS
from .selectors import is_neighbour, representing, visible_q

TYPE_NAME_MAX = 40
NAME_MAX, NOTE_MAX, PURPOSE_MAX, REASON_MAX, SIGNAGE_ITEM_MAX = 60, 200, 100, 200, 20
SIGNAGE_MAX = 12
PHOTOS_MAX = 6
AREA_MAX = 100_000  # m²
CAPACITY_MAX = 10_000
AHEAD_DAYS = 92  # bookings are for the coming three months
NOTICE_KIND = "facilities"


def _when(booking: Booking) -> str:
    start, end = timezone.localtime(booking.starts_at), timezone.localtime(booking.ends_at)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


def _tell(booking: Booking, *, actor: User, title: str, body: str = "") -> None:
    """The booker hears (their own account, else whoever booked for them), never of their own doing."""
    recipient = booking.user if booking.user_id else booking.booked_by
    if recipient is None or recipient.pk == actor.pk:
        return
    notice_send(
        recipient=recipient,
        kind=NOTICE_KIND,
        title=title,
        body=body,
        url=reverse("facilities:booking", args=[booking.pk]),
    )


def _signage(items, *, field: str) -> list[str]:
    """A checklist of short signage items (门头, 机构挂牌, 功能室门牌…), trimmed, without duplicates."""
    if isinstance(items, str):
        items = items.replace("，", ",").replace("、", ",").replace("\n", ",").split(",")
    cleaned: list[str] = []
    for raw in items or []:
        text = str(raw or "").strip()
        if not text:
            continue
        if len(text) > SIGNAGE_ITEM_MAX:
            raise DomainError(
                _("标识项目「%(item)s」太长了，每项最多%(n)d个字。")
                % {"item": text[:10], "n": SIGNAGE_ITEM_MAX},
                field=field,
            )
        if text not in cleaned:
            cleaned.append(text)
    if len(cleaned) > SIGNAGE_MAX:
        raise DomainError(_("标识项目最多%(n)d项。") % {"n": SIGNAGE_MAX}, field=field)
    return cleaned


# --- The township's standard -----------------------------------------------------------------


@transaction.atomic
def standard_set(
    *,
    actor: User,
    township: Area,
    facility_type: FacilityType,
    required_village: bool,
    required_urban: bool,
    signage,
) -> Standard:
    """The township office sets its township's standard for one facility type."""
    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("阵地建设标准按镇(乡、街道)设置，请选择镇(乡、街道)。"), field="township")
    if not can(actor, "facilities.set_standard", township):
        raise NotPermitted(
            _("%(area)s不在您管辖的范围内，不能修改它的阵地建设标准。") % {"area": township.name}
        )
    items = _signage(signage, field="signage")
    _type_check(facility_type, township, field="facility_type")
    row_lock(Area, township.pk)
    if facility_type.township_id == township.pk:
        return _own_standard_set(actor, township, facility_type, required_village, required_urban, items)
    standard = Standard.objects.filter(township=township, facility_type=facility_type).first()
    before = (standard or facility_type).required_village, (standard or facility_type).required_urban
    if standard is None:
        standard = Standard.objects.create(
            township=township,
            area_path=township.path,
            facility_type=facility_type,
            required_village=bool(required_village),
            required_urban=bool(required_urban),
            signage=items,
            updated_by=actor,
        )
    else:
        standard.required_village, standard.required_urban = bool(required_village), bool(required_urban)
        standard.signage, standard.updated_by = items, actor
        standard.save(
            update_fields=["required_village", "required_urban", "signage", "updated_by", "updated_at"]
        )
    audit_event_record(
        actor=actor,
        verb="facilities.standard_set",
        target=standard,
        area=township,
        summary={
            "type": facility_type.name,
            "village": bool(required_village),
            "urban": bool(required_urban),
            "before_village": before[0],
            "before_urban": before[1],
            "signage": "、".join(items) or "-",
        },
    )
    return standard


def _type_check(facility_type: FacilityType | None, township: Area | None, *, field: str, keep=None) -> None:
    """The type is the catalogue's or the township's own, and in use (a facility may keep a retired type)."""
    type_id = facility_type.pk if facility_type is not None else 0
    # As stored now, not as the caller read it.
    fresh = FacilityType.objects.filter(pk=type_id).values_list("township_id", "retired").first()
    usable = (
        fresh is not None
        and fresh[0] in (None, getattr(township, "pk", None))
        and (not fresh[1] or (keep is not None and type_id == keep))
    )
    if not usable:
        raise DomainError(_("请选择阵地类型。"), field=field)


def _own_standard_set(actor, township, facility_type, required_village, required_urban, items) -> Standard:
    """A township's own type carries its standard itself."""
    kind = row_lock(FacilityType, facility_type.pk)
    before = kind.required_village, kind.required_urban
    kind.required_village, kind.required_urban, kind.signage = (
        bool(required_village),
        bool(required_urban),
        items,
    )
    kind.save(update_fields=["required_village", "required_urban", "signage"])
    audit_event_record(
        actor=actor,
        verb="facilities.standard_set",
        target=kind,
        area=township,
        summary={
            "type": kind.name,
            "village": bool(required_village),
            "urban": bool(required_urban),
            "before_village": before[0],
            "before_urban": before[1],
            "signage": "、".join(items) or "-",
        },
    )
    return Standard(
        township=township,
        area_path=township.path,
        facility_type=kind,
        required_village=kind.required_village,
        required_urban=kind.required_urban,
        signage=items,
        updated_by=actor,
    )


# --- The township's own facility types ---------------------------------------------------------


def _types_allowed(actor: User, township: Area | None) -> None:
    if township is None or township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("自定义阵地类型按镇(乡、街道)添加，请选择镇(乡、街道)。"), field="township")
    if not can(actor, "facilities.keep_types", township):
        raise NotPermitted(
            _("%(area)s不在您管辖的范围内，不能添加或修改它的阵地类型。") % {"area": township.name}
        )


@transaction.atomic
def facility_type_save(
    *,
    actor: User,
    township: Area,
    facility_type: FacilityType | None = None,
    kind: str,
    name: str,
    required_village: bool = False,
    required_urban: bool = False,
    signage=(),
) -> FacilityType:
    """The township office adds a facility type of its own (used by its communities only), or edits one it
    added; the catalogue's types are never edited here (their requirements are the township's standard)."""
    _types_allowed(actor, township)
    if facility_type is not None and facility_type.township_id != township.pk:
        raise DomainError(
            _("「%(name)s」是默认目录中的阵地类型，不能修改；只能修改本镇自己添加的类型。")
            % {"name": facility_type.name},
            field="name",
        )
    if kind not in FacilityKind.values:
        raise DomainError(_("请选择类别（室、站、栏、场所、中心、网点）。"), field="kind")
    name = text_clean(name, label=_("名称"), field="name", minimum=2, maximum=TYPE_NAME_MAX)
    items = _signage(signage, field="signage")
    row_lock(Area, township.pk)
    clash = FacilityType.objects.filter(Q(township__isnull=True) | Q(township=township), name=name)
    if facility_type is not None:
        clash = clash.exclude(pk=facility_type.pk)
    if clash.exists():
        raise DomainError(_("已有名为「%(name)s」的阵地类型。") % {"name": name}, field="name")
    values = {
        "kind": kind,
        "name": name,
        "required_village": bool(required_village),
        "required_urban": bool(required_urban),
        "signage": items,
    }
    if facility_type is None:
        last = FacilityType.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
        facility_type = FacilityType.objects.create(
            township=township, area_path=township.path, created_by=actor, sort_order=last + 1, **values
        )
        verb = "facilities.type_added"
    else:
        facility_type = row_lock(FacilityType, facility_type.pk)
        for key, value in values.items():
            setattr(facility_type, key, value)
        facility_type.save(update_fields=list(values))
        verb = "facilities.type_changed"
    audit_event_record(
        actor=actor,
        verb=verb,
        target=facility_type,
        area=township,
        summary={
            "kind": kind,
            "village": bool(required_village),
            "urban": bool(required_urban),
            "signage": "、".join(items) or "-",
        },
    )
    return facility_type


@transaction.atomic
def facility_type_retire(*, actor: User, facility_type: FacilityType, retired: bool = True) -> FacilityType:
    """The township office retires a type it added (no longer offered nor required; facilities of the type keep
    it), or takes it back into use."""
    if facility_type.township_id is None:
        raise DomainError(
            _("「%(name)s」是默认目录中的阵地类型，不能停用；可以在建设标准中取消“必备”。")
            % {"name": facility_type.name}
        )
    township = facility_type.township
    _types_allowed(actor, township)
    facility_type = row_lock(FacilityType, facility_type.pk)
    if facility_type.retired == bool(retired):
        raise DomainError(
            _("「%(name)s」已经停用了。") % {"name": facility_type.name}
            if retired
            else _("「%(name)s」没有停用。") % {"name": facility_type.name},
            code="state",
        )
    facility_type.retired = bool(retired)
    facility_type.save(update_fields=["retired"])
    in_use = (
        Facility.objects.filter(Q(facility_type=facility_type) | Q(functions=facility_type))
        .distinct()
        .count()
    )
    audit_event_record(
        actor=actor,
        verb="facilities.type_retired" if retired else "facilities.type_restored",
        target=facility_type,
        area=township,
        summary={"in_use": in_use},
    )
    return facility_type


# --- Facilities ------------------------------------------------------------------------------


def _number(raw, *, label: str, field: str, maximum: int, minimum: int = 0) -> int | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, bool):
        raise DomainError(_("%(label)s请填写整数。") % {"label": label}, field=field)
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise DomainError(_("%(label)s请填写整数。") % {"label": label}, field=field) from None
    if value != value.to_integral_value():
        raise DomainError(_("%(label)s请填写整数。") % {"label": label}, field=field)
    if not minimum <= value <= maximum:
        raise DomainError(
            _("%(label)s应在%(min)d到%(max)d之间。") % {"label": label, "min": minimum, "max": maximum},
            field=field,
        )
    return int(value)


def _time(raw, *, label: str, field: str) -> dt.time:
    if isinstance(raw, dt.time):
        return raw
    try:
        return dt.time.fromisoformat(str(raw or "").strip())
    except ValueError:
        raise DomainError(
            _("请按“时:分”填写%(label)s，例如 08:30。") % {"label": label}, field=field
        ) from None


@transaction.atomic
def facility_save(
    *,
    actor: User,
    community: Area,
    facility: Facility | None = None,
    facility_type: FacilityType,
    functions: list[FacilityType] | None = None,
    name: str,
    opens_at,
    closes_at,
    floor_area=None,
    signage=(),
    bookable: bool = False,
    capacity=None,
    approval_required: bool = False,
    shared: bool = False,
    note: str = "",
    photos: list | None = None,
) -> Facility:
    """The community's staff record a facility of their community, or edit one (photos are added)."""
    if facility is not None:
        community = facility.community
    if community is None or community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("阵地属于一个村(社区)，请选择村(社区)。"), field="community")
    if not can(actor, "facilities.keep", community):
        raise NotPermitted(_("%(area)s不在您负责的范围内，不能登记它的阵地。") % {"area": community.name})
    township = Area.objects.filter(pk=community.parent_id or 0, kind=AreaKind.TOWNSHIP).first()
    _type_check(
        facility_type, township, field="facility_type", keep=facility.facility_type_id if facility else None
    )
    kept = {t.pk for t in facility.functions.all()} if facility is not None else set()
    for extra in functions or []:
        _type_check(extra, township, field="functions", keep=extra.pk if extra.pk in kept else None)
    name = text_clean(name, label=_("名称"), field="name", minimum=2, maximum=NAME_MAX)
    note = text_clean(note, label=_("说明"), field="note", minimum=0, maximum=NOTE_MAX)
    opens, closes = (
        _time(opens_at, label=_("开放时间"), field="opens_at"),
        _time(closes_at, label=_("关闭时间"), field="closes_at"),
    )
    if closes <= opens:
        raise DomainError(_("关闭时间应晚于开放时间。"), field="closes_at")
    area_m2 = _number(floor_area, label=_("面积"), field="floor_area", minimum=1, maximum=AREA_MAX)
    places = _number(capacity, label=_("容纳人数"), field="capacity", minimum=1, maximum=CAPACITY_MAX)
    if bookable and places is None:
        raise DomainError(_("可以预约的阵地请填写容纳人数。"), field="capacity")
    items = _signage(signage, field="signage")
    photos = list(photos or [])
    already = FacilityPhoto.objects.filter(facility=facility).count() if facility is not None else 0
    if already + len(photos) > PHOTOS_MAX:
        raise DomainError(_("一处阵地最多 %(n)d 张照片。") % {"n": PHOTOS_MAX}, field="photos")
    values = {
        "facility_type": facility_type,
        "name": name,
        "floor_area": area_m2,
        "opens_at": opens,
        "closes_at": closes,
        "signage": items,
        "bookable": bool(bookable),
        "capacity": places,
        "approval_required": bool(approval_required) and bool(bookable),
        "shared": bool(shared),
        "note": note,
    }
    if facility is None:
        facility = Facility.objects.create(
            community=community, area_path=community.path, created_by=actor, **values
        )
        verb = "facilities.facility_added"
    else:
        facility = row_lock(Facility, facility.pk, "community")
        for key, value in values.items():
            setattr(facility, key, value)
        facility.save(update_fields=[*values, "updated_at"])
        verb = "facilities.facility_changed"
    facility.functions.set([t for t in (functions or []) if t.pk != facility_type.pk])
    for upload in photos:
        FacilityPhoto.objects.create(facility=facility, photo=photo_store(actor=actor, upload=upload))
    audit_event_record(
        actor=actor,
        verb=verb,
        target=facility,
        area=community,
        summary={
            "type": facility_type.name,
            "bookable": bool(bookable),
            "shared": bool(shared),
            "photos": len(photos),
        },
    )
    return facility


def gap_export_record(*, actor: User, rows: int) -> None:
    if not can(actor, "facilities.export"):
        raise NotPermitted()
    audit_event_record(actor=actor, verb="facilities.exported", summary={"rows": rows})


# --- Bookings --------------------------------------------------------------------------------


def _times_check(facility: Facility, starts_at, ends_at) -> None:
    if not isinstance(starts_at, dt.datetime):
        raise DomainError(_("请填写开始时间。"), field="starts_at")
    if not isinstance(ends_at, dt.datetime):
        raise DomainError(_("请填写结束时间。"), field="ends_at")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError(_("时间须带时区。"), field="starts_at")
    now = timezone.now()
    if starts_at <= now:
        raise DomainError(_("开始时间已经过去，请选择以后的时间。"), field="starts_at", code="past")
    if starts_at > now + dt.timedelta(days=AHEAD_DAYS):
        raise DomainError(
            _("只能预约%(n)d天以内的时间。") % {"n": AHEAD_DAYS}, field="starts_at", code="too_far"
        )
    if ends_at <= starts_at:
        raise DomainError(_("结束时间应晚于开始时间。"), field="ends_at")
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    same_day = start.date() == end.date()
    if not same_day or start.time() < facility.opens_at or end.time() > facility.closes_at:
        raise DomainError(
            _("%(name)s每天 %(opens)s–%(closes)s 开放，请在开放时间内预约（同一天内）。")
            % {
                "name": facility.name,
                "opens": facility.opens_at.strftime("%H:%M"),
                "closes": facility.closes_at.strftime("%H:%M"),
            },
            field="starts_at",
            code="closed",
        )


def _overlap_check(facility: Facility, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    clash = (
        Booking.objects.filter(
            facility=facility, state__in=HOLDING_STATES, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .order_by("starts_at")
        .first()
    )
    if clash is not None:
        raise Conflict(
            _("%(name)s在 %(when)s 已有预约，时间不能重叠，请另选时间。")
            % {"name": facility.name, "when": _when(clash)},
            code="overlap",
        )


def _who(actor: User, facility: Facility, *, resident, organisation_id, consent_channel):
    """(user, resident, organisation, assisted) of a booking, checking who may book what."""
    if resident is not None:  # the staff book for a resident of the register (assisted)
        if not can(actor, "facilities.assist", facility):
            raise NotPermitted(_("只有本村(社区)工作人员可以代居民预约。"))
        user = assisted_user(
            resident, consent_channel, not_listed=_("这位居民已不在居民登记中，不能代为预约。")
        )
        if resident.community_id != facility.community_id and not (
            facility.shared and is_neighbour(facility, resident.community)
        ):
            raise DomainError(
                _("这位居民不是本村(社区)或相邻村(社区)的居民，不能预约这处阵地。"), field="resident"
            )
        return user, resident, None, True
    organisation = None
    if organisation_id:
        organisation = representing(actor, facility).filter(pk=organisation_id).first()
        if organisation is None:
            raise DomainError(
                _("您不是这个社会组织的登记代表，或它没有登记、不服务这里，不能以它的名义预约。"),
                field="organisation",
                code="not_representative",
            )
    own = resident_get_own(viewer=actor)
    return actor, own if own is not None and own.status == "active" else None, organisation, False


@transaction.atomic
def booking_create(
    *,
    actor: User,
    facility: Facility,
    starts_at,
    ends_at,
    headcount,
    purpose: str,
    organisation_id: int | None = None,
    resident: Resident | None = None,
    consent_channel: str = "",
) -> Booking:
    """Book a facility for a time range: for oneself, for an organisation one represents, or (staff) for a
    resident with their consent. Pending when the facility needs approval, else approved at once."""
    if not Facility.objects.filter(visible_q(actor), pk=facility.pk).exists():
        raise NotFound()
    purpose = text_clean(purpose, label=_("用途"), field="purpose", minimum=2, maximum=PURPOSE_MAX)
    people = _number(headcount, label=_("人数"), field="headcount", minimum=1, maximum=CAPACITY_MAX)
    if people is None:
        raise DomainError(_("请填写人数。"), field="headcount")
    user, person, organisation, assisted = _who(
        actor, facility, resident=resident, organisation_id=organisation_id, consent_channel=consent_channel
    )
    facility = row_lock(Facility, facility.pk, "community")  # one booking of this facility at a time
    if not facility.bookable:
        raise DomainError(_("%(name)s不接受预约。") % {"name": facility.name}, code="not_bookable")
    _times_check(facility, starts_at, ends_at)
    if facility.capacity is not None and people > facility.capacity:
        raise DomainError(
            _("%(name)s最多容纳%(n)d人，请减少人数或另选场地。")
            % {"name": facility.name, "n": facility.capacity},
            field="headcount",
            code="over_capacity",
        )
    _overlap_check(facility, starts_at, ends_at)
    state = BookingState.PENDING if facility.approval_required else BookingState.APPROVED
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                facility=facility,
                community=facility.community,
                area_path=facility.area_path,
                starts_at=starts_at,
                ends_at=ends_at,
                headcount=people,
                purpose=purpose,
                state=state,
                user=user,
                resident=person,
                organisation=organisation,
                booked_by=actor,
                assisted=assisted,
                consent_channel=consent_channel if assisted else "",
                consent_at=timezone.now() if assisted else None,
            )
    except IntegrityError:  # the PostgreSQL exclusion constraint: unreachable behind the lock
        raise Conflict(_("这个时间刚刚已被他人预约，请另选时间。"), code="overlap") from None
    who = organisation.name if organisation else mask_name(person.name if person else actor.display_name)
    audit_event_record(
        actor=actor,
        verb="facilities.booked",
        target=booking,
        area=facility.community,
        summary={
            "who": who,
            "when": _when(booking),
            "headcount": people,
            "state": state,
            "consent": consent_channel if assisted else "-",
        },
    )
    if assisted and user is not None:
        _tell(
            booking,
            actor=actor,
            title=_("工作人员已为您预约%(name)s") % {"name": facility.name},
            body=_("时间：%(when)s；状态：%(state)s。")
            % {"when": _when(booking), "state": booking.get_state_display()},
        )
    if state == BookingState.PENDING:
        _tell_keepers(booking, actor=actor)
    return booking


def _tell_keepers(booking: Booking, *, actor: User) -> None:
    """The community's staff hear of a booking waiting for their approval."""
    prefixes = [booking.area_path[:n] for n in range(8, len(booking.area_path) + 1, 8)]
    staff = (
        User.objects.filter(
            pk__in=RoleAssignment.objects.filter(role__in=KEEPERS, area_path__in=prefixes).values("user_id"),
            is_active=True,
        )
        .exclude(pk=actor.pk)
        .order_by("pk")
    )
    for user in staff:
        notice_send(
            recipient=user,
            kind=NOTICE_KIND,
            title=_("%(name)s有一个预约待审批") % {"name": booking.facility.name},
            body=_("时间：%(when)s。") % {"when": _when(booking)},
            url=reverse("facilities:booking", args=[booking.pk]),
        )


def _lock_booking(booking: Booking) -> Booking:
    facility = row_lock(Facility, booking.facility_id, "community")
    fresh = row_lock(Booking, booking.pk, "user", "booked_by", "resident", "organisation")
    fresh.facility = facility
    return fresh


@transaction.atomic
def booking_approve(*, actor: User, booking: Booking) -> Booking:
    if not can(actor, "facilities.decide", booking):
        raise NotPermitted(_("只有阵地所在村(社区)的工作人员可以审批预约。"))
    booking = _lock_booking(booking)
    booking = lifecycle_move(
        booking,
        "approve",
        actor=actor,
        audit_verb="facilities.approved",
        area=booking.community,
        changes={"decided_by": actor, "decided_at": timezone.now()},
        summary={"when": _when(booking)},
    ).obj
    _tell(
        booking,
        actor=actor,
        title=_("您预约的%(name)s已同意") % {"name": booking.facility.name},
        body=_("时间：%(when)s。") % {"when": _when(booking)},
    )
    return booking


@transaction.atomic
def booking_refuse(*, actor: User, booking: Booking, reason: str) -> Booking:
    if not can(actor, "facilities.decide", booking):
        raise NotPermitted(_("只有阵地所在村(社区)的工作人员可以审批预约。"))
    reason = text_clean(reason, label=_("原因"), field="reason", minimum=2, maximum=REASON_MAX)
    booking = _lock_booking(booking)
    booking = lifecycle_move(
        booking,
        "refuse",
        actor=actor,
        audit_verb="facilities.refused",
        area=booking.community,
        changes={"decided_by": actor, "decided_at": timezone.now(), "refusal_reason": reason},
        summary={"when": _when(booking), "reason": reason},
    ).obj
    _tell(
        booking,
        actor=actor,
        title=_("您预约的%(name)s未获同意") % {"name": booking.facility.name},
        body=_("时间：%(when)s。原因：%(reason)s") % {"when": _when(booking), "reason": reason},
    )
    return booking


@transaction.atomic
def booking_cancel(*, actor: User, booking: Booking) -> Booking:
    if not can(actor, "facilities.cancel_booking", booking):
        raise NotPermitted(_("只有预约人或阵地所在村(社区)的工作人员可以取消预约。"))
    booking = _lock_booking(booking)
    booking = lifecycle_move(
        booking, "cancel", actor=actor, audit_verb="facilities.cancelled", area=booking.community,
        summary={"when": _when(booking)},
    ).obj  # fmt: skip
    _tell(
        booking,
        actor=actor,
        title=_("您预约的%(name)s已被取消") % {"name": booking.facility.name},
        body=_("时间：%(when)s。") % {"when": _when(booking)},
    )
    return booking
