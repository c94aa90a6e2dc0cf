"""队伍: the post catalogue, people in posts, their training, staffing targets and purchased-services contracts.

    catalogue:    post_type_save (the township office: name, level, full/part-time, counts as a worker)
    appointment:  appointment_create (the community's staff or the township office: a resident of the community's
                  register, an area of the community at the post's level, a term, a contract if purchased)
                  ──appointment_vacate (date, reason)──▶ vacated
    training:     training_add (date, title, hours, organiser) on a current or past appointment
    target:       target_set (the township office: at least N workers, the posts every area of their level needs)
    default:      default_target_set (the township office: the same, per kind of community, for a community
                  without a target of its own)
    contract:     contract_save (the community's staff or the township office: organisation, number, amount,
                  period, scanned contract)

Every action is permission-checked, refuses bad input with a Chinese DomainError that changes nothing, and writes
one audit event in its transaction; a person in a post is named in the audit trail masked (王**).
"""

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind, CommunityType
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import can
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.masking import mask_name
from gongzhi.core.pdfs import pdf_check
from gongzhi.core.places import row_lock
from gongzhi.core.posts import post_source
from gongzhi.core.text import text_clean
from gongzhi.photos.actions import file_write_atomically
from gongzhi.residents.models import Resident

from .models import (
    Appointment,
    DefaultTarget,
    Duty,
    PostLevel,
    PostType,
    ServiceContract,
    Target,
    Training,
)

NAME_MAX, GROUP_MAX, REASON_MAX, TITLE_MAX, ORGANISER_MAX, NUMBER_MAX, SCOPE_MAX = (
    30,
    30,
    100,
    100,
    60,
    40,
    200,
)
HOURS_MAX = Decimal("500")
AMOUNT_MAX = Decimal("9999999999")
WORKERS_MAX = 1000
SCAN_MAX = 10 * 1024 * 1024
SCAN_DIR = "workforce/contracts"


def _date_or_none(raw, *, label: str, field: str) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DomainError(
            _("请按“年-月-日”填写%(label)s，例如 2026-03-01。") % {"label": label}, field=field
        ) from None


def _date(raw, *, label: str, field: str) -> dt.date:
    day = _date_or_none(raw, label=label, field=field)
    if day is None:
        raise DomainError(_("请填写%(label)s。") % {"label": label}, field=field)
    return day


def _decimal(raw, *, label: str, field: str, maximum: Decimal, places: int) -> Decimal:
    try:
        value = Decimal(str(raw if raw is not None else "").strip())
    except InvalidOperation:
        raise DomainError(_("%(label)s请填写数字。") % {"label": label}, field=field) from None
    if not value.is_finite() or value <= 0 or value > maximum:
        raise DomainError(
            _("%(label)s应大于0且不超过%(max)s。") % {"label": label, "max": maximum}, field=field
        )
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise DomainError(_("%(label)s最多%(n)d位小数。") % {"label": label, "n": places}, field=field)
    return value


def _community_check(community: Area | None) -> Area:
    if community is None or community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("请选择村(社区)。"), field="community")
    return community


# --- The catalogue ---------------------------------------------------------------------------


@transaction.atomic
def post_type_save(
    *,
    actor: User,
    post_type: PostType | None = None,
    name: str,
    group: str = "",
    level: str,
    duty: str,
    counts_as_worker: bool,
    active: bool = True,
    sort_order: int | None = None,
    kept_in: str | None = None,
) -> PostType:
    """The township office adds a post to the catalogue or edits one."""
    if not can(actor, "workforce.edit_posts"):
        raise NotPermitted(_("只有镇(街道)社治办可以修改岗位目录。"))
    name = text_clean(name, label=_("岗位名称"), field="name", minimum=2, maximum=NAME_MAX)
    group = text_clean(group, label=_("所属队伍"), field="group", minimum=0, maximum=GROUP_MAX)
    if level not in PostLevel.values:
        raise DomainError(_("请选择岗位所在的层级。"), field="level")
    if duty not in Duty.values:
        raise DomainError(_("请选择专职、兼职或志愿。"), field="duty")
    if kept_in is None:  # not sent: unchanged (a new post is kept here)
        kept_in = post_type.kept_in if post_type is not None else ""
    kept_in = str(kept_in).strip()
    roster = post_source(kept_in)
    if kept_in and roster is None:
        raise DomainError(_("请选择岗位在哪里登记：本页，或列出的名册之一。"), field="kept_in")
    if (
        kept_in
        and post_type is not None
        and Appointment.objects.filter(post_type=post_type, vacated_on=None).exists()
    ):
        raise DomainError(
            _("「%(name)s」还有在岗的任职记录：请先登记他们离岗，再改为在其他名册登记，以免同一人登记两次。")
            % {"name": name},
            field="kept_in",
        )
    clash = PostType.objects.filter(name=name)
    if post_type is not None:
        clash = clash.exclude(pk=post_type.pk)
    if clash.exists():
        raise DomainError(_("岗位目录里已有「%(name)s」。") % {"name": name}, field="name")
    values = {
        "name": name,
        "group": group,
        "level": level,
        "duty": duty,
        "counts_as_worker": bool(counts_as_worker),
        "active": bool(active),
        "kept_in": kept_in,
    }
    if post_type is None:
        last = PostType.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
        post_type = PostType.objects.create(sort_order=sort_order or last + 10, **values)
        verb = "workforce.post_type_added"
    else:
        post_type = row_lock(PostType, post_type.pk)
        for key, value in values.items():
            setattr(post_type, key, value)
        post_type.save(update_fields=[*values, "updated_at"])
        verb = "workforce.post_type_changed"
    audit_event_record(
        actor=actor,
        verb=verb,
        target=post_type,
        summary={
            "level": post_type.get_level_display(),
            "duty": post_type.get_duty_display(),
            "counts": bool(counts_as_worker),
            "active": bool(active),
            "kept_in": str(roster.label) if roster is not None else "-",
        },
    )
    return post_type


# --- People in posts -------------------------------------------------------------------------


def _place_check(community: Area, area: Area | None, post_type: PostType) -> Area:
    """The post's area: the community itself or a place inside it, of the post's level."""
    if area is None:
        raise DomainError(_("请选择负责的区域。"), field="area")
    inside = area.pk == community.pk or (
        area.path.startswith(community.path) and len(area.path) > len(community.path)
    )
    if not inside:
        raise DomainError(
            _("「%(area)s」不在%(community)s内，请选择本村(社区)的区域。")
            % {"area": area.name, "community": community.name},
            field="area",
            code="area_outside",
        )
    if area.kind != post_type.level:
        raise DomainError(
            _("「%(post)s」设在%(level)s，「%(area)s」是%(kind)s，请选择%(level)s。")
            % {
                "post": post_type.name,
                "level": post_type.get_level_display(),
                "area": area.name,
                "kind": area.get_kind_display(),
            },
            field="area",
            code="wrong_level",
        )
    return area


@transaction.atomic
def appointment_create(
    *,
    actor: User,
    community: Area,
    post_type: PostType,
    area: Area | None,
    resident: Resident | None,
    started_on,
    term_ends_on=None,
    contract: ServiceContract | None = None,
) -> Appointment:
    """Record a resident of the community's register in a post, in an area of the community."""
    community = _community_check(community)
    if not can(actor, "workforce.keep", community):
        raise NotPermitted(_("%(area)s不在您负责的范围内，不能登记它的队伍。") % {"area": community.name})
    if not post_type.active:
        raise DomainError(
            _("「%(post)s」已停用，请选择其他岗位。") % {"post": post_type.name}, field="post_type"
        )
    source = post_source(post_type.kept_in)
    if source is not None:
        raise DomainError(
            _(
                "「%(post)s」在「%(roster)s」登记（同一件事只登记一次），这里不再登记任职：请到那里选定，"
                "在岗的人会自动显示在本页并计入配备。"
            )
            % {"post": post_type.name, "roster": source.label},
            field="post_type",
            code="kept_elsewhere",
        )
    place = _place_check(community, area, post_type)
    if resident is None:
        raise DomainError(_("请选择居民。"), field="resident")
    if resident.community_id != community.pk or resident.status != "active":
        raise DomainError(
            _("%(name)s不在%(community)s的居民登记中，请选择本村(社区)的居民。")
            % {"name": resident.name, "community": community.name},
            field="resident",
            code="resident_outside",
        )
    start = _date(started_on, label=_("任期开始日期"), field="started_on")
    end = _date_or_none(term_ends_on, label=_("任期结束日期"), field="term_ends_on")
    if end is not None and end < start:
        raise DomainError(_("任期结束日期不能早于开始日期。"), field="term_ends_on")
    if contract is not None and contract.community_id != community.pk:
        raise DomainError(_("这份购买服务合同不是本村(社区)的。"), field="contract")
    row_lock(Area, community.pk)
    if Appointment.objects.filter(
        post_type=post_type, area=place, resident=resident, vacated_on=None
    ).exists():
        raise Conflict(
            _("%(name)s已在「%(area)s」担任%(post)s。")
            % {"name": resident.name, "area": place.name, "post": post_type.name},
            code="already_held",
        )
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                community=community,
                area=place,
                area_path=place.path,
                post_type=post_type,
                resident=resident,
                started_on=start,
                term_ends_on=end,
                contract=contract,
                recorded_by=actor,
            )
    except IntegrityError:
        raise Conflict(_("这个人已在这个岗位上。"), code="already_held") from None
    audit_event_record(
        actor=actor,
        verb="workforce.appointed",
        target=appointment,
        area=community,
        summary={
            "who": mask_name(resident.name),
            "post": post_type.name,
            "place": place.name,
            "from": start.isoformat(),
            "until": end.isoformat() if end else "-",
            "contract": contract.number if contract else "-",
        },
    )
    return appointment


@transaction.atomic
def appointment_vacate(*, actor: User, appointment: Appointment, vacated_on, reason: str) -> Appointment:
    """The person leaves the post (term ended, resigned, moved away …): the record stays, vacated."""
    if not can(actor, "workforce.keep", appointment):
        raise NotPermitted()
    day = _date(vacated_on, label=_("离岗日期"), field="vacated_on")
    reason = text_clean(reason, label=_("离岗原因"), field="reason", minimum=2, maximum=REASON_MAX)
    appointment = row_lock(Appointment, appointment.pk, "post_type", "area", "resident", "community")
    if appointment.vacated_on is not None:
        raise Conflict(_("已经登记离岗了。"), code="already_vacated")
    if day < appointment.started_on:
        raise DomainError(_("离岗日期不能早于任期开始日期。"), field="vacated_on")
    appointment.vacated_on, appointment.vacate_reason = day, reason
    appointment.save(update_fields=["vacated_on", "vacate_reason"])
    audit_event_record(
        actor=actor,
        verb="workforce.vacated",
        target=appointment,
        area=appointment.community,
        summary={"who": mask_name(appointment.resident.name), "on": day.isoformat(), "reason": reason},
    )
    return appointment


@transaction.atomic
def training_add(
    *, actor: User, appointment: Appointment, held_on, title: str, hours, organiser: str
) -> Training:
    """Record a training the person in the post attended."""
    if not can(actor, "workforce.keep", appointment):
        raise NotPermitted()
    day = _date(held_on, label=_("培训日期"), field="held_on")
    if day > timezone.localdate():
        raise DomainError(_("培训日期不能晚于今天：培训记录登记已经参加的培训。"), field="held_on")
    title = text_clean(title, label=_("培训内容"), field="title", minimum=2, maximum=TITLE_MAX)
    amount = _decimal(hours, label=_("学时"), field="hours", maximum=HOURS_MAX, places=1)
    organiser = text_clean(
        organiser, label=_("组织单位"), field="organiser", minimum=2, maximum=ORGANISER_MAX
    )
    training = Training.objects.create(
        appointment=appointment,
        held_on=day,
        title=title,
        hours=amount,
        organiser=organiser,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="workforce.trained",
        target=training,
        area=appointment.community,
        summary={
            "who": mask_name(appointment.resident.name),
            "on": day.isoformat(),
            "title": title,
            "hours": str(amount),
        },
    )
    return training


# --- Targets ---------------------------------------------------------------------------------


def _min_workers(raw) -> int:
    if isinstance(raw, bool):
        raw = None
    try:
        minimum = int(str(raw if raw is not None else "0").strip() or "0")
    except ValueError:
        raise DomainError(_("专兼职工作者人数请填写整数。"), field="min_workers") from None
    if not 0 <= minimum <= WORKERS_MAX:
        raise DomainError(_("专兼职工作者人数应在0到%(n)d之间。") % {"n": WORKERS_MAX}, field="min_workers")
    return minimum


@transaction.atomic
def target_set(*, actor: User, community: Area, min_workers, covered: list[PostType]) -> Target:
    """The township office sets a community's staffing target."""
    community = _community_check(community)
    if not can(actor, "workforce.set_target", community):
        raise NotPermitted(
            _("%(area)s不在您管辖的范围内，不能设置它的队伍配备目标。") % {"area": community.name}
        )
    minimum = _min_workers(min_workers)
    row_lock(Area, community.pk)
    target = Target.objects.filter(community=community).first()
    before = target.min_workers if target is not None else None
    if target is None:
        target = Target.objects.create(
            community=community, area_path=community.path, min_workers=minimum, set_by=actor
        )
    else:
        target.min_workers, target.set_by = minimum, actor
        target.save(update_fields=["min_workers", "set_by", "updated_at"])
    target.covered.set(covered)
    audit_event_record(
        actor=actor,
        verb="workforce.target_set",
        target=target,
        area=community,
        summary={
            "workers": minimum,
            "before": before if before is not None else "-",
            "covered": "、".join(t.name for t in covered) or "-",
        },
    )
    return target


@transaction.atomic
def default_target_set(
    *, actor: User, community_type: str, min_workers, covered: list[PostType]
) -> DefaultTarget:
    """The township office sets the default staffing target of a kind of community (行政村, 城市社区): every
    community of that kind without a target of its own is measured against it."""
    if not can(actor, "workforce.set_defaults"):
        raise NotPermitted(_("只有镇(街道)社治办可以设置默认配备目标。"))
    if community_type not in CommunityType.values:
        raise DomainError(_("请选择行政村或城市社区。"), field="community_type")
    minimum = _min_workers(min_workers)
    default, _made = DefaultTarget.objects.select_for_update().get_or_create(
        community_type=community_type, defaults={"min_workers": minimum, "set_by": actor}
    )
    before = default.min_workers if not _made else None
    default.min_workers, default.set_by = minimum, actor
    default.save(update_fields=["min_workers", "set_by", "updated_at"])
    default.covered.set(covered)
    audit_event_record(
        actor=actor,
        verb="workforce.default_target_set",
        target=default,
        summary={
            "kind": default.get_community_type_display(),
            "workers": minimum,
            "before": before if before is not None else "-",
            "covered": "、".join(t.name for t in covered) or "-",
        },
    )
    return default


# --- Purchased services ----------------------------------------------------------------------


def contract_scan_check(upload) -> tuple[str, bytes] | None:
    """The scanned contract (a PDF safe to open, core.pdfs), checked before the action's transaction opens; None
    when nothing was sent."""
    if upload is None:
        return None
    content = upload if isinstance(upload, bytes) else upload.read()
    name = str(getattr(upload, "name", "") or _("合同扫描件"))[:80]
    if not content:
        raise DomainError(_("上传的合同扫描件是空文件，请重新扫描后上传。"), field="scan")
    return name, pdf_check(content, name=name, max_bytes=SCAN_MAX, field="scan")


def _scan_store(content: bytes) -> str:
    relative = PurePosixPath(SCAN_DIR, f"{uuid.uuid4()}.pdf")
    file_write_atomically(Path(settings.DATA_DIR) / relative, content)
    return str(relative)


@transaction.atomic
def contract_save(
    *,
    actor: User,
    community: Area,
    contract: ServiceContract | None = None,
    organisation,
    number: str,
    amount,
    starts_on,
    ends_on,
    scope: str = "",
    scan: tuple[str, bytes] | None = None,
) -> ServiceContract:
    """Record (or correct) a contract of purchased social-work services for the community."""
    if contract is not None:
        community = contract.community
    community = _community_check(community)
    if not can(actor, "workforce.keep", community):
        raise NotPermitted(
            _("%(area)s不在您负责的范围内，不能登记它的购买服务合同。") % {"area": community.name}
        )
    if organisation is None:
        raise DomainError(_("请选择承接服务的社会组织（须已登记并服务本村(社区)）。"), field="organisation")
    number = text_clean(number, label=_("合同编号"), field="number", minimum=2, maximum=NUMBER_MAX)
    money = _decimal(amount, label=_("合同金额"), field="amount", maximum=AMOUNT_MAX, places=2)
    start = _date(starts_on, label=_("服务开始日期"), field="starts_on")
    end = _date(ends_on, label=_("服务结束日期"), field="ends_on")
    if end < start:
        raise DomainError(_("服务结束日期不能早于开始日期。"), field="ends_on")
    scope = text_clean(scope, label=_("服务内容"), field="scope", minimum=0, maximum=SCOPE_MAX)
    clash = ServiceContract.objects.filter(community=community, number=number)
    if contract is not None:
        clash = clash.exclude(pk=contract.pk)
    if clash.exists():
        raise DomainError(_("本村(社区)已有编号为「%(n)s」的合同。") % {"n": number}, field="number")
    values = {
        "organisation": organisation,
        "number": number,
        "amount": money,
        "starts_on": start,
        "ends_on": end,
        "scope": scope,
    }
    if scan is not None:
        values["scan_name"], path = scan[0], _scan_store(scan[1])
        values["scan_path"] = path
    if contract is None:
        contract = ServiceContract.objects.create(
            community=community, area_path=community.path, recorded_by=actor, **values
        )
        verb = "workforce.contract_added"
    else:
        contract = row_lock(ServiceContract, contract.pk, "community")
        old = contract.scan_path
        for key, value in values.items():
            setattr(contract, key, value)
        contract.save(update_fields=list(values))
        if scan is not None and old:
            transaction.on_commit(lambda: (Path(settings.DATA_DIR) / old).unlink(missing_ok=True))
        verb = "workforce.contract_changed"
    audit_event_record(
        actor=actor,
        verb=verb,
        target=contract,
        area=community,
        summary={
            "organisation": organisation.name,
            "amount": str(money),
            "from": start.isoformat(),
            "until": end.isoformat(),
            "scan": bool(scan),
        },
    )
    return contract


def gap_export_record(*, actor: User, rows: int) -> None:
    if not can(actor, "workforce.export"):
        raise NotPermitted()
    with transaction.atomic():
        audit_event_record(actor=actor, verb="workforce.exported", summary={"rows": rows})
