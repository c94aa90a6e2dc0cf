"""Writes to the residents' register.

Lifecycle of a resident: registered (created, or imported) → updated any
number of times → moved / moved out / returned / deceased, each recorded as
a ResidentEvent. A resident is never deleted: the register keeps history.
Every action authorizes, writes in one transaction and records an audit
event with a masked summary (no ID or phone numbers in the trail).
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.areas.selectors import area_ancestors
from gongzhi.audit.actions import audit_event_record
from gongzhi.audit.models import AuditEvent
from gongzhi.core.authz import authorize
from gongzhi.core.crypto import blind_index, decrypt, encrypt
from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.lookups import lookups_changed
from gongzhi.core.masking import mask_phone

from .codes import HEAD_RELATION, RELATION_CHOICES, RELATIONS
from .models import Household, Resident, ResidentEvent, ResidentEventKind, ResidentStatus, Tag
from .pinyin import name_keys, name_sort_key
from .validation import ResidentInput
from .workflow import RESIDENT

PLAIN_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "marital_status",
    "registered_address",
    "current_address",
    "residence_type",
    "relation_to_head",
)


def placement(area: Area) -> tuple[str, Area, Area | None]:
    """(area_path, community, grid) of a grid or building."""
    if area.kind not in (AreaKind.GRID, AreaKind.BUILDING):
        raise DomainError(_("居民只能登记到网格或楼栋。"), field="area")
    chain = [*area_ancestors(area)]
    community = next((a for a in chain if a.kind == AreaKind.COMMUNITY), None)
    grid = next((a for a in reversed(chain) if a.kind == AreaKind.GRID), None)
    if community is None:
        raise DomainError(_("该网格不属于任何村(社区)。"), field="area")
    return area.path, community, grid


def id_index_of(id_number: str) -> str:
    return blind_index(id_number, context="id_number")


def _apply(
    resident: Resident, data: ResidentInput, placed: tuple[str, Area, Area | None] | None = None
) -> None:
    for name in PLAIN_FIELDS:
        setattr(resident, name, getattr(data, name))
    resident.name_pinyin, resident.name_initials = name_keys(data.name)
    resident.name_sort = name_sort_key(data.name)
    resident.id_ciphertext = encrypt(data.id_number, context="resident.id_number")
    resident.id_index = id_index_of(data.id_number)
    resident.id_last4 = data.id_number[-4:]
    if data.phone:
        resident.phone_ciphertext = encrypt(data.phone, context="resident.phone")
        resident.phone_index = blind_index(data.phone, context="phone")
        resident.phone_masked = mask_phone(data.phone)
    else:
        resident.phone_ciphertext = resident.phone_index = resident.phone_masked = ""
    resident.area = data.area
    resident.area_path, resident.community, resident.grid = placed or placement(data.area)
    resident.household = data.household


def _check_household(data: ResidentInput, community: Area) -> None:
    if data.household is not None and data.household.community_id != community.pk:
        raise DomainError(_("所选的户不属于该村(社区)。"), field="household_number")


def resident_build(data: ResidentInput, placed: tuple[str, Area, Area | None] | None = None) -> Resident:
    """An unsaved resident from clean input; the importer saves many at once."""
    resident = Resident()
    _apply(resident, data, placed)
    return resident


@transaction.atomic
def resident_create(*, actor: User, data: ResidentInput) -> Resident:
    authorize(actor, "residents.change_resident", data.area)
    resident = resident_build(data)
    _check_household(data, resident.community)
    if Resident.objects.filter(id_index=resident.id_index).exists():
        raise DomainError(_("该身份证号已在居民登记中，请勿重复登记。"), field="id_number")
    try:
        with transaction.atomic():
            resident.save(force_insert=True)
    except IntegrityError:
        raise DomainError(_("该身份证号已在居民登记中，请勿重复登记。"), field="id_number") from None
    resident.tags.set(data.tags)
    ResidentEvent.objects.create(
        resident=resident,
        kind=ResidentEventKind.REGISTERED,
        happened_on=timezone.localdate(),
        to_area=resident.area,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        verb="resident.created",
        target=resident,
        summary={"area": resident.area.name, "tags": [t.name for t in data.tags]},
    )
    return resident


@transaction.atomic
def resident_update(*, actor: User, resident: Resident, data: ResidentInput) -> Resident:
    authorize(actor, "residents.change_resident", resident)
    authorize(actor, "residents.change_resident", data.area)
    resident = Resident.objects.select_for_update().select_related("area").get(pk=resident.pk)
    before = {name: getattr(resident, name) for name in PLAIN_FIELDS}
    before.update(
        area=resident.area.name,
        id_index=resident.id_index,
        phone_index=resident.phone_index,
        household=resident.household_id,
    )
    new_index = id_index_of(data.id_number)
    if new_index != resident.id_index and Resident.objects.filter(id_index=new_index).exists():
        raise DomainError(_("该身份证号已在居民登记中，请勿重复登记。"), field="id_number")
    _apply(resident, data)
    _check_household(data, resident.community)
    after = {name: getattr(resident, name) for name in PLAIN_FIELDS}
    after.update(
        area=resident.area.name,
        id_index=resident.id_index,
        phone_index=resident.phone_index,
        household=resident.household_id,
    )
    changes: dict[str, object] = {}
    for key, old in before.items():
        new = after[key]
        if old != new:
            if key in ("id_index", "phone_index"):
                changes["id_number" if key == "id_index" else "phone"] = "已修改"
            else:
                changes[key] = [str(old), str(new)]
    old_tags = set(resident.tags.values_list("pk", flat=True))
    new_tags = {t.pk for t in data.tags}
    if old_tags != new_tags:
        changes["tags"] = sorted(t.name for t in data.tags)
    if not changes:
        return resident
    resident.save()
    resident.tags.set(data.tags)
    audit_event_record(actor=actor, verb="resident.updated", target=resident, summary=changes)
    return resident


@transaction.atomic
def resident_record_event(
    *,
    actor: User,
    resident: Resident,
    kind: str,
    happened_on: dt.date,
    note: str = "",
    to_area: Area | None = None,
) -> ResidentEvent:
    """Record a move of the resident (gongzhi.residents.workflow: moved, moved out, returned, deceased)."""
    authorize(actor, "residents.change_resident", resident)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if kind not in RESIDENT.verbs():
        raise DomainError(_("请选择变动类型。"), field="kind")
    lifecycle_check(resident, kind)
    if happened_on > timezone.localdate():
        raise DomainError(_("发生日期不能晚于今天。"), field="happened_on")
    if happened_on < resident.birth_date:
        raise DomainError(_("发生日期不能早于出生日期。"), field="happened_on")
    if len(note) > 200:
        raise DomainError(_("说明不能超过200个字。"), field="note")
    from_area = area = resident.area
    changes: dict[str, object] = {}
    if kind in (ResidentEventKind.MOVED, ResidentEventKind.RETURNED) and to_area is not None:
        authorize(actor, "residents.change_resident", to_area)
        area_path, community, grid = placement(to_area)
        changes = {"area": to_area, "area_path": area_path, "community": community, "grid": grid}
        area = to_area
    elif kind == ResidentEventKind.MOVED:
        raise DomainError(_("迁居请选择新的网格或楼栋。"), field="to_area")
    moved = lifecycle_move(
        resident,
        kind,
        actor=actor,
        note=note,
        audit_verb="resident.event",
        changes=changes,
        event_fields={
            "happened_on": happened_on,
            "from_area": from_area,
            "to_area": area if kind in (ResidentEventKind.MOVED, ResidentEventKind.RETURNED) else None,
        },
        summary={"kind": kind, "happened_on": happened_on.isoformat(), "to": area.name},
    )
    return moved.event


@transaction.atomic
def resident_reveal_id(*, actor: User, resident: Resident, reason: str = "") -> str:
    """The full ID number, for someone entitled to it; every reveal is audited."""
    authorize(actor, "residents.reveal_id", resident)
    if not reason.strip():
        raise DomainError(_("请填写查看事由。"), field="reason")
    recent = AuditEvent.objects.filter(
        verb="resident.id_revealed",
        actor_id=actor.pk,
        occurred_at__gte=timezone.now() - dt.timedelta(hours=1),
    ).count()
    if recent >= settings.GONGZHI_REVEAL_LIMIT_PER_HOUR:
        raise DomainError(
            _("一小时内查看完整身份证号已达%(n)d次上限，请稍后再试。")
            % {"n": settings.GONGZHI_REVEAL_LIMIT_PER_HOUR},
            code="rate_limited",
        )
    number = decrypt(resident.id_ciphertext, context="resident.id_number")
    audit_event_record(
        actor=actor, verb="resident.id_revealed", target=resident, summary={"reason": reason[:100]}
    )
    return number


@transaction.atomic
def household_create(*, actor: User, area: Area, number: str, address: str = "") -> Household:
    authorize(actor, "residents.change_resident", area)
    number = (number or "").strip()
    if not number or len(number) > 40:
        raise DomainError(_("请填写户编号（不超过40个字符）。"), field="number")
    if len(address) > 200:
        raise DomainError(_("地址不能超过200个字。"), field="address")
    area_path, community, _grid = placement(area)
    if Household.objects.filter(community=community, number=number).exists():
        raise DomainError(_("本村(社区)已有该户编号。"), field="number")
    household = Household.objects.create(
        number=number, area=area, area_path=area_path, community=community, address=address.strip()
    )
    audit_event_record(actor=actor, verb="household.created", target=household, summary={"area": area.name})
    return household


@transaction.atomic
def tag_create(*, actor: User, code: str, name: str, is_sensitive: bool = False) -> Tag:
    authorize(actor, "residents.manage_tags")
    if not code or not name or len(name) > 40:
        raise DomainError(_("请填写标签代码和名称（不超过40个字）。"))
    if Tag.objects.filter(name=name).exists() or Tag.objects.filter(code=code).exists():
        raise DomainError(_("已有同名或同代码的标签。"))
    tag = Tag.objects.create(code=code, name=name, is_sensitive=is_sensitive)
    transaction.on_commit(lookups_changed)
    audit_event_record(actor=actor, verb="tag.created", target=tag, summary={"name": name})
    return tag


# --- Households: members, head, moving out -----------------------------------------
#
# A household is a register entry of its own: people join it (户主 or a relation to the
# head), the head can change (the former head takes another relation) and the whole
# household can move out, which records a 迁出 event for each member still registered.
# Each is one audited action; a refusal is a DomainError that changes nothing.


def _relation_label(code: str) -> str:
    return dict(RELATIONS).get(code, code) if code else ""  # the register's own (Chinese) label


def _active_heads(household: Household):
    return Resident.objects.filter(
        household=household, relation_to_head=HEAD_RELATION, status=ResidentStatus.ACTIVE
    )


@transaction.atomic
def household_member_add(*, actor: User, household: Household, resident: Resident, relation: str) -> Resident:
    """Put a registered resident into `household` with their relation to its head."""
    authorize(actor, "residents.change_resident", household)
    authorize(actor, "residents.change_resident", resident)
    household = Household.objects.select_for_update().get(pk=household.pk)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if relation not in dict(RELATION_CHOICES):
        raise DomainError(_("请选择与户主的关系。"), field="relation")
    if resident.status != ResidentStatus.ACTIVE:
        raise DomainError(
            _("%(name)s当前状态为“%(status)s”，不能加入本户。")
            % {"name": resident.name, "status": resident.get_status_display()},
            field="resident",
        )
    if resident.household_id == household.pk:
        raise DomainError(_("%(name)s已是本户成员。") % {"name": resident.name}, field="resident")
    if resident.community_id != household.community_id:
        raise DomainError(_("只能把本村(社区)的居民加入本户。"), field="resident")
    if relation == HEAD_RELATION and _active_heads(household).exists():
        raise DomainError(_("本户已有户主；如需更换，请使用“变更户主”。"), field="relation")
    former = resident.household
    resident.household = household
    resident.relation_to_head = relation
    resident.save(update_fields=["household", "relation_to_head", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="household.member_added",
        target=household,
        summary={
            "resident": resident.audit_label,
            "relation": _relation_label(relation),
            "from_household": former.number if former else "",
        },
    )
    return resident


@transaction.atomic
def household_head_change(
    *, actor: User, household: Household, new_head: Resident, former_head_relation: str
) -> Household:
    """Make `new_head` the head; whoever was head takes `former_head_relation` (e.g. 配偶)."""
    authorize(actor, "residents.change_resident", household)
    household = Household.objects.select_for_update().get(pk=household.pk)
    members = {
        r.pk: r
        for r in Resident.objects.select_for_update().filter(
            household=household, status=ResidentStatus.ACTIVE
        )
    }
    head = members.get(new_head.pk)
    if head is None:
        raise DomainError(_("新户主须是本户在册的成员。"), field="new_head")
    if head.relation_to_head == HEAD_RELATION:
        raise DomainError(_("%(name)s已是户主。") % {"name": head.name}, field="new_head")
    if former_head_relation == HEAD_RELATION or former_head_relation not in dict(RELATION_CHOICES):
        raise DomainError(_("请选择原户主与新户主的关系。"), field="former_head_relation")
    former = [r for r in members.values() if r.relation_to_head == HEAD_RELATION]
    for person in former:
        person.relation_to_head = former_head_relation
        person.save(update_fields=["relation_to_head", "updated_at"])
    head.relation_to_head = HEAD_RELATION
    head.save(update_fields=["relation_to_head", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="household.head_changed",
        target=household,
        summary={
            "new_head": head.audit_label,
            "former_head": "、".join(p.audit_label for p in former),
            "former_head_relation": _relation_label(former_head_relation),
        },
    )
    return household


@transaction.atomic
def household_move_out(*, actor: User, household: Household, happened_on: dt.date, note: str = "") -> int:
    """Record 迁出 for every registered member (resident_record_event, one by one); all or none."""
    authorize(actor, "residents.change_resident", household)
    household = Household.objects.select_for_update().get(pk=household.pk)
    members = list(Resident.objects.filter(household=household, status=ResidentStatus.ACTIVE).order_by("id"))
    if not members:
        raise DomainError(_("本户没有在册成员，无需迁出。"))
    for member in members:
        resident_record_event(
            actor=actor, resident=member, kind=ResidentEventKind.MOVED_OUT, happened_on=happened_on, note=note
        )
    audit_event_record(
        actor=actor,
        verb="household.moved_out",
        target=household,
        summary={"members": len(members), "happened_on": happened_on.isoformat(), "note": note[:100]},
    )
    return len(members)


# --- A forgotten password, reset by the community's staff -------------------------------------


@transaction.atomic
def resident_password_reset(*, actor: User, resident: Resident) -> str:
    """Community staff give a resident who cannot reset by mail a temporary password (returned once,
    to be read out or handed over); it must be changed at the next login. Accounts that hold any role
    besides 居民 are the system administrator's, not the community's. The resident is told in notices."""
    from gongzhi.accounts.actions import password_temporary_set
    from gongzhi.accounts.roles import Role
    from gongzhi.notices.actions import notice_send

    authorize(actor, "residents.reset_password", resident)
    user = resident.user
    if user is None or not user.is_active:
        raise DomainError(_("这位居民还没有可用的登录账号。"))
    if user.pk == actor.pk:
        raise DomainError(_("不能重置自己的密码，请用“忘记密码”。"))
    if user.role_assignments.exclude(role=Role.RESIDENT).exists():
        raise DomainError(_("这个账号还担任其他职务，请联系系统管理员重置密码。"))
    password = password_temporary_set(actor=actor, user=user, area=resident.community)
    notice_send(
        recipient=user,
        kind="account",
        title=_("您的登录密码已由村(社区)工作人员重置"),
        body=_(
            "请用工作人员告诉您的临时密码登录，登录后须立即设置新密码。如果不是您本人要求的，"
            "请马上联系村(社区)。"
        ),
    )
    return password
