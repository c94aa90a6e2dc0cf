"""Writes of the catalogue of matters (事项目录): create and edit a matter with its time-limit steps and its
materials checklist, deactivate and reactivate it (nothing is deleted once an application uses it), and load
the starter catalogue.

Every write: the township admin over the matter's township (hall.catalogue_manage), the township row locked
(one catalogue writer per township at a time: codes stay unique), checked, written, audited.
"""

from dataclasses import dataclass, field, fields

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind, Department
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import Conflict, DomainError, NotFound

from ..models import (
    ApplicationMaterial,
    HandlingMode,
    Level,
    LimitUnit,
    Material,
    MaterialForm,
    MaterialSource,
    Matter,
    MatterStep,
)
from ..selectors.catalogue import REGISTER_FACTS
from .flow import power_code_check

PERMISSION = "hall.catalogue_manage"
CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


@dataclass
class StepData:
    name: str
    amount: int
    unit: str = LimitUnit.WORKDAYS


@dataclass
class MaterialData:
    name: str
    required: bool = True
    form: str = MaterialForm.COPY
    count: int = 1
    source: str = MaterialSource.APPLICANT
    register_fact: str = ""
    check_point: str = ""
    note: str = ""
    id: int | None = None  # the line being edited (the form); None: matched by name (import) or new


@dataclass
class MatterData:
    """A matter as a form or a spreadsheet row gives it (department and parent already looked up)."""

    code: str
    name: str
    mode: str
    department: Department | None = None
    parent: Matter | None = None
    levels: list[str] = field(default_factory=lambda: [Level.VILLAGE, Level.TOWNSHIP])
    village_review: bool = False
    county_office: str = ""
    legal_basis: str = ""
    conditions: str = ""
    guide: str = ""
    where: str = ""
    fee: str = ""
    online: bool = True
    proxy: bool = True
    open311: bool = False
    sort_order: int = 0
    is_active: bool | None = None  # None: left as it is (the form has its own switch); the import sets it
    power_code: str | None = None  # the village power list's item (None: left as it is; the import has none)
    steps: list[StepData] = field(default_factory=list)
    materials: list[MaterialData] = field(default_factory=list)


# The plain fields copied onto the model as they are.
PLAIN_FIELDS = (
    "code", "name", "mode", "levels", "village_review", "county_office", "legal_basis", "conditions", "guide",
    "where", "fee", "online", "proxy", "open311", "sort_order",
)  # fmt: skip
_LENGTHS: dict[str, int] = {
    f.name: int(getattr(f, "max_length", 0))
    for f in Matter._meta.get_fields()
    if getattr(f, "max_length", None)
}


# How the audit row names what changed (the fields' own labels, and the lines').
_CHANGE_LABELS: dict[str, object] = {
    **{
        name: getattr(Matter._meta.get_field(name), "verbose_name", name)
        for name in (*PLAIN_FIELDS, "department", "parent", "is_active", "power_code")
    },
    "steps": gettext_lazy("办理时限"),
    "materials": gettext_lazy("申请材料"),
}


def _clean(data: MatterData) -> MatterData:
    """Whitespace trimmed; register facts only on register-sourced lines."""
    for name in PLAIN_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, value.strip())
    if data.power_code is not None:
        data.power_code = data.power_code.strip().upper()
    for step in data.steps:
        step.name = step.name.strip()
    for line in data.materials:
        for f in fields(line):
            value = getattr(line, f.name)
            if isinstance(value, str):
                setattr(line, f.name, value.strip())
        if line.source != MaterialSource.REGISTER:
            line.register_fact = ""
    return data


def matter_check(township: Area, data: MatterData, *, matter: Matter | None = None) -> None:
    """Every rule a matter must keep, as a DomainError naming the field (the form and the import show it)."""
    if data.power_code:
        power_code_check(township, data.power_code, mode=data.mode, village_review=data.village_review)
    if not data.code:
        raise DomainError(_("请填写事项编码。"), field="code")
    if len(data.code) > _LENGTHS["code"] or not set(data.code) <= CODE_CHARS:
        raise DomainError(
            _("事项编码只能由字母、数字和 - _ . 组成，最多 %(n)d 个字符。") % {"n": _LENGTHS["code"]},
            field="code",
        )
    same_code = Matter.objects.filter(township=township, code=data.code)
    if matter is not None:
        same_code = same_code.exclude(pk=matter.pk)
    if same_code.exists():
        raise DomainError(_("本镇已有编码为 %(code)s 的事项。") % {"code": data.code}, field="code")
    if not data.name:
        raise DomainError(_("请填写事项名称。"), field="name")
    for name in ("name", "county_office", "where", "fee"):
        if len(getattr(data, name)) > _LENGTHS[name]:
            raise DomainError(_("内容太长，最多 %(n)d 个字。") % {"n": _LENGTHS[name]}, field=name)
    if data.mode not in HandlingMode.values:
        raise DomainError(_("请选择办理方式。"), field="mode")
    if not data.levels or not set(data.levels) <= set(Level.values):
        raise DomainError(_("请选择行使层级。"), field="levels")
    if data.department is not None and data.department.township_id != township.pk:
        raise DomainError(_("审批部门必须是本镇的部门。"), field="department")
    if data.mode != HandlingMode.VILLAGE_DIRECT and data.department is None:
        raise DomainError(_("“%(mode)s”的事项须选择本镇的审批部门。") % {"mode": HandlingMode(data.mode).label},
                          field="department")  # fmt: skip
    if data.parent is not None:
        if data.parent.township_id != township.pk or data.parent.parent_id is not None:
            raise DomainError(_("所属主项必须是本镇的主项。"), field="parent")
        if matter is not None and (data.parent.pk == matter.pk or matter.children.exists()):
            raise DomainError(_("已有子项的主项不能再挂到其他主项下。"), field="parent")
    if not data.steps:
        raise DomainError(_("请至少填写一个办理时限环节。"), field="steps")
    for number, step in enumerate(data.steps, start=1):
        if step.amount is None or step.amount < 1:
            raise DomainError(_("第 %(n)d 个时限环节的时限至少为 1。") % {"n": number}, field="steps")
        if step.amount > 365:
            raise DomainError(_("第 %(n)d 个时限环节的时限不能超过 365。") % {"n": number}, field="steps")
        if step.unit not in LimitUnit.values:
            raise DomainError(
                _("第 %(n)d 个时限环节的单位须为工作日或自然日。") % {"n": number}, field="steps"
            )
        if not step.name and len(data.steps) > 1:
            raise DomainError(_("第 %(n)d 个时限环节缺少环节名称。") % {"n": number}, field="steps")
        if len(step.name) > 30:
            raise DomainError(
                _("第 %(n)d 个时限环节的名称太长，最多 30 个字。") % {"n": number}, field="steps"
            )
    seen: set[str] = set()
    for number, line in enumerate(data.materials, start=1):
        if not line.name:
            raise DomainError(_("第 %(n)d 项材料缺少名称。") % {"n": number}, field="materials")
        if len(line.name) > 100 or len(line.check_point) > 200 or len(line.note) > 200:
            raise DomainError(_("材料「%(name)s」的内容太长。") % {"name": line.name[:20]}, field="materials")
        if line.name in seen:
            raise DomainError(_("材料「%(name)s」重复填写了。") % {"name": line.name}, field="materials")
        seen.add(line.name)
        if line.form not in MaterialForm.values:
            raise DomainError(_("材料「%(name)s」的形式不正确。") % {"name": line.name}, field="materials")
        if line.source not in MaterialSource.values:
            raise DomainError(_("材料「%(name)s」的来源不正确。") % {"name": line.name}, field="materials")
        if line.count is None or not 1 <= line.count <= 20:
            raise DomainError(
                _("材料「%(name)s」的份数须在 1 到 20 之间。") % {"name": line.name}, field="materials"
            )
        if line.source == MaterialSource.REGISTER and line.register_fact not in REGISTER_FACTS:
            raise DomainError(
                _("材料「%(name)s」来自登记信息，须选择对应的登记信息项。") % {"name": line.name},
                field="materials",
            )


def _snapshot(matter: Matter, *, with_active: bool, with_power: bool = False) -> dict:
    """What a matter says, to compare before and after (an unchanged import writes nothing)."""
    return {
        **({"is_active": matter.is_active} if with_active else {}),
        **({"power_code": matter.power_code} if with_power else {}),
        **{name: getattr(matter, name) for name in PLAIN_FIELDS},
        "department": matter.department_id,
        "parent": matter.parent_id,
        "steps": [(s.name, s.amount, s.unit) for s in matter.steps.order_by("order", "id")],
        "materials": [
            (m.name, m.required, m.form, m.count, m.source, m.register_fact, m.check_point, m.note)
            for m in matter.materials.order_by("order", "id")
        ],
    }


def _data_snapshot(data: MatterData) -> dict:
    return {
        **({"is_active": data.is_active} if data.is_active is not None else {}),
        **({"power_code": data.power_code} if data.power_code is not None else {}),
        **{name: getattr(data, name) for name in PLAIN_FIELDS},
        "department": data.department.pk if data.department else None,
        "parent": data.parent.pk if data.parent else None,
        "steps": [(s.name, s.amount, s.unit) for s in data.steps],
        "materials": [
            (m.name, m.required, m.form, m.count, m.source, m.register_fact, m.check_point, m.note)
            for m in data.materials
        ],
    }


def township_lock(township_id: int) -> Area:
    """Lock the township's row: one catalogue writer per township at a time (codes stay unique)."""
    township = Area.objects.select_for_update().filter(pk=township_id, kind=AreaKind.TOWNSHIP).first()
    if township is None:
        raise NotFound()
    return township


def _write_lines(matter: Matter, data: MatterData) -> None:
    """Steps replaced; materials updated in place (by id, else by name), added, or removed when unused."""
    MatterStep.objects.filter(matter=matter).delete()
    MatterStep.objects.bulk_create(
        MatterStep(matter=matter, order=order, name=s.name, amount=s.amount, unit=s.unit)
        for order, s in enumerate(data.steps)
    )
    existing = {m.pk: m for m in Material.objects.filter(matter=matter)}
    by_name = {m.name: m for m in existing.values()}
    kept: set[int] = set()
    for order, line in enumerate(data.materials):
        material = existing.get(line.id) if line.id else by_name.get(line.name)
        if material is None or material.pk in kept:
            material = Material(matter=matter)
        for name in ("name", "required", "form", "count", "source", "register_fact", "check_point", "note"):
            setattr(material, name, getattr(line, name))
        material.order = order
        material.save()
        kept.add(material.pk)
    gone = [m for pk, m in existing.items() if pk not in kept]
    if gone:
        used = ApplicationMaterial.objects.filter(material__in=gone).values_list("material__name", flat=True)
        used_names = sorted(set(used))
        if used_names:
            raise Conflict(
                _("材料「%(name)s」已有办件使用，不能删除；可以改为非必要材料。") % {"name": used_names[0]},
                field="materials",
            )
        Material.objects.filter(pk__in=[m.pk for m in gone]).delete()


def _save(matter: Matter, data: MatterData) -> None:
    for name in PLAIN_FIELDS:
        setattr(matter, name, getattr(data, name))
    matter.department = data.department
    matter.parent = data.parent
    if data.is_active is not None:
        matter.is_active = data.is_active
    if data.power_code is not None:
        matter.power_code = data.power_code
    matter.save()
    _write_lines(matter, data)


def matter_write(actor: User, township: Area, data: MatterData, *, matter: Matter | None = None) -> str:
    """Create or update one matter inside the caller's transaction (township locked, permission checked):
    "created", "updated" or "unchanged". Shared by the form's actions, the import and the starter."""
    data = _clean(data)
    matter_check(township, data, matter=matter)
    if matter is None:
        matter = Matter(township=township)
        _save(matter, data)
        audit_event_record(actor=actor, verb="hall.matter_created", target=matter, area=township,
                           summary={"code": matter.code, "mode": matter.mode})  # fmt: skip
        return "created"
    before = _snapshot(matter, with_active=data.is_active is not None, with_power=data.power_code is not None)
    after = _data_snapshot(data)
    if before == after:
        return "unchanged"
    _save(matter, data)
    changed = [str(_CHANGE_LABELS.get(key, key)) for key in after if before[key] != after[key]]
    audit_event_record(actor=actor, verb="hall.matter_updated", target=matter, area=township,
                       summary={"code": matter.code, "changed": "、".join(changed)})  # fmt: skip
    return "updated"


def matter_create(actor: User, township: Area, data: MatterData) -> Matter:
    """A new matter (main item, or a sub-item under `data.parent`) in the township's catalogue."""
    authorize(actor, PERMISSION, township)
    with transaction.atomic():
        township = township_lock(township.pk)
        matter_write(actor, township, data)
        return Matter.objects.get(township=township, code=data.code)


def matter_update(actor: User, matter_id: int, data: MatterData) -> Matter:
    """The matter as the form now says it (steps replaced, materials kept by their line)."""
    current = Matter.objects.select_related("township").filter(pk=matter_id).first()
    if current is None:
        raise NotFound()
    authorize(actor, PERMISSION, current)
    with transaction.atomic():
        township = township_lock(current.township_id)
        matter = Matter.objects.select_for_update().get(pk=matter_id)
        matter_write(actor, township, data, matter=matter)
        return Matter.objects.get(pk=matter_id)


def matter_active_set(actor: User, matter_id: int, *, active: bool) -> Matter:
    """Deactivate (no new applications; the guide hides it) or reactivate a matter. Deactivating a main item
    hides its sub-items from the guide too; they keep their own switch."""
    current = Matter.objects.select_related("township").filter(pk=matter_id).first()
    if current is None:
        raise NotFound()
    authorize(actor, PERMISSION, current)
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter_id)
        if matter.is_active == active:
            raise Conflict(_("该事项已经启用。") if active else _("该事项已经停用。"))
        if active and matter.parent is not None and not matter.parent.is_active:
            raise DomainError(_("请先启用所属主项「%(name)s」。") % {"name": matter.parent.name})
        matter.is_active = active
        matter.save(update_fields=["is_active", "updated_at"])
        verb = "hall.matter_reactivated" if active else "hall.matter_deactivated"
        audit_event_record(
            actor=actor, verb=verb, target=matter, area=matter.township, summary={"code": matter.code}
        )
        return Matter.objects.get(pk=matter_id)


def catalogue_starter_load(actor: User, township: Area) -> int:
    """The starter catalogue (hall/starter.py) added to the township: the departments it names are created if
    missing; a matter whose code the township already has is left as it is. Idempotent: returns how many
    matters were added (0 the second time)."""
    from ..starter import STARTER

    authorize(actor, PERMISSION, township)
    created = 0
    with transaction.atomic():
        township = township_lock(township.pk)
        known = set(Matter.objects.filter(township=township).values_list("code", flat=True))
        departments = {d.name: d for d in Department.objects.filter(township=township)}
        for index, entry in enumerate(STARTER, start=1):
            parent = None
            for place, item in enumerate([entry, *entry.get("subs", [])]):
                if item["code"] in known:
                    parent = parent or Matter.objects.get(township=township, code=item["code"])
                    continue
                department = None
                if item.get("department"):
                    department = departments.get(item["department"])
                    if department is None:
                        order = len(departments) + 1
                        department = Department.objects.create(
                            township=township, name=item["department"], sort_order=order
                        )
                        departments[department.name] = department
                data = starter_data(item, department=department, parent=parent if item is not entry else None)
                data.sort_order = index * 10 + place
                matter_write(actor, township, data)
                known.add(item["code"])
                created += 1
                if item is entry:
                    parent = Matter.objects.get(township=township, code=item["code"])
        audit_event_record(actor=actor, verb="hall.starter_loaded", target=township, area=township,
                           summary={"created": created})  # fmt: skip
    return created


def starter_data(item: dict, *, department: Department | None, parent: Matter | None) -> MatterData:
    """One starter entry as MatterData (steps as (name, amount, unit); materials as dicts)."""
    plain = {k: v for k, v in item.items() if k in PLAIN_FIELDS}
    return MatterData(
        **plain,
        department=department,
        parent=parent,
        steps=[StepData(name, amount, unit) for name, amount, unit in item["steps"]],
        materials=[MaterialData(**m) for m in item.get("materials", [])],
    )
