"""Creating and editing areas and a township's departments. Neither is ever deleted: they hold history.

A department (科室/部门, decision 0032) is created, renamed, deactivated and
reactivated by the township office (`areas.manage_departments` over its
township). A deactivated department keeps its staff's roles and its past
escalations, but cannot be called in a new escalation or chosen for new work.
"""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.accounts.scopes import path_segment
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.lookups import lookups_changed
from gongzhi.core.text import text_normalise, text_refusal
from gongzhi.core.validators import validate_area_code

from .models import ALLOWED_CHILDREN, Area, AreaKind, Department, DepartmentKind


def _check_code(kind: str, code: str, exclude_id: int = 0) -> str:
    if kind == AreaKind.COMMUNITY and not code:
        raise DomainError(_("村(社区)必须填写12位统计用区划代码。"), field="code")
    if not code:
        return ""
    from django.core.exceptions import ValidationError

    try:
        code = validate_area_code(code)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field="code") from None
    if Area.objects.filter(code=code).exclude(pk=exclude_id).exists():
        raise DomainError(_("该统计用区划代码已被其他区域使用。"), field="code")
    return code


def area_create_unchecked(
    *, kind: str, name: str, parent: Area | None, code: str = "", community_type: str = ""
) -> Area:
    """Create without permission check or audit: for migrations and the demo loader only."""
    area = Area.objects.create(
        kind=kind,
        name=name,
        parent=parent,
        code=code,
        community_type=community_type,
        path="tmp-" + uuid.uuid4().hex,
    )
    area.path = (parent.path if parent else "") + path_segment(area.pk)
    area.depth = len(area.path) // 8 - 1
    area.save(update_fields=["path", "depth"])
    transaction.on_commit(lookups_changed)
    return area


@transaction.atomic
def area_create(
    *, actor: User, kind: str, name: str, parent: Area | None, code: str = "", community_type: str = ""
) -> Area:
    name = text_normalise(name).strip()
    text_refusal(name, label=_("名称"), field="name")
    if parent is None:
        authorize(actor, "areas.change_area", None)
        raise DomainError(_("顶级区域（县、镇）只能在初始化时创建，请选择上级区域。"), field="parent")
    authorize(actor, "areas.change_area", parent)
    if not name:
        raise DomainError(_("请填写名称。"), field="name")
    if len(name) > 100:
        raise DomainError(_("名称不能超过100个字。"), field="name")
    if kind not in ALLOWED_CHILDREN.get(parent.kind, set()):
        raise DomainError(
            _("%(parent)s下不能直接设立%(kind)s。")
            % {
                "parent": parent.get_kind_display(),
                "kind": AreaKind(kind).label if kind in AreaKind.values else kind,
            },
            field="kind",
        )
    if parent.children.filter(name=name).exists():
        raise DomainError(_("同一上级下已有同名区域。"), field="name")
    if kind == AreaKind.COMMUNITY and community_type not in ("village", "urban"):
        raise DomainError(_("请选择行政村或城市社区。"), field="community_type")
    code = _check_code(kind, code)
    area = area_create_unchecked(
        kind=kind, name=name, parent=parent, code=code, community_type=community_type
    )
    audit_event_record(actor=actor, verb="area.created", target=area, summary={"kind": kind, "name": name})
    return area


@transaction.atomic
def area_update(*, actor: User, area: Area, name: str, code: str) -> Area:
    authorize(actor, "areas.change_area", area)
    area = Area.objects.select_for_update().get(pk=area.pk)
    name = text_normalise(name).strip()
    text_refusal(name, label=_("名称"), field="name")
    if not name or len(name) > 100:
        raise DomainError(_("名称不能为空且不超过100个字。"), field="name")
    code = _check_code(area.kind, code, exclude_id=area.pk)
    changes = {}
    if name != area.name:
        changes["name"] = [area.name, name]
    if code != area.code:
        changes["code"] = [area.code, code]
    if not changes:
        return area
    area.name, area.code = name, code
    area.save(update_fields=["name", "code"])
    transaction.on_commit(lookups_changed)
    audit_event_record(actor=actor, verb="area.updated", target=area, summary=changes)
    return area


@transaction.atomic
def area_search_indexing_set(*, actor: User, community: Area, allowed: bool) -> Area:
    """Let search engines index the community's public pages (wish wall, convention), or stop them."""
    authorize(actor, "areas.change_public_settings", community)
    community = Area.objects.select_for_update().get(pk=community.pk)
    if community.kind != AreaKind.COMMUNITY:
        raise DomainError(_("只有村(社区)可以设置搜索引擎收录。"))
    if community.search_indexing == allowed:
        return community
    community.search_indexing = allowed
    community.save(update_fields=["search_indexing"])
    transaction.on_commit(lookups_changed)
    audit_event_record(
        actor=actor,
        verb="area.search_indexing_changed",
        target=community,
        area=community,
        summary={"search_indexing": [not allowed, allowed]},
    )
    return community


# --- Departments (科室/部门) of a township -------------------------------------------------------

DEPARTMENT_NAME_MAX = 50


def _department_name(name: str, *, township: Area, exclude_id: int = 0) -> str:
    name = " ".join(text_normalise(name).split())
    text_refusal(name, label=_("部门名称"), field="name")
    if not name:
        raise DomainError(_("请填写部门名称。"), field="name")
    if len(name) > DEPARTMENT_NAME_MAX:
        raise DomainError(_("部门名称不能超过%(n)d个字。") % {"n": DEPARTMENT_NAME_MAX}, field="name")
    if Department.objects.filter(township=township, name=name).exclude(pk=exclude_id).exists():
        raise DomainError(
            _("%(township)s已有名为“%(name)s”的部门。") % {"township": township.name, "name": name},
            field="name",
        )
    return name


@transaction.atomic
def department_create(
    *, actor: User, township: Area, name: str, kind: str = DepartmentKind.DEPARTMENT
) -> Department:
    """A new department of `township`, active, last in the township's order."""
    authorize(actor, "areas.manage_departments", township)
    township = Area.objects.select_for_update().get(pk=township.pk)  # two creations of one name: one waits
    if township.kind != AreaKind.TOWNSHIP:
        raise DomainError(_("部门只能设在镇(街道)下。"), field="township")
    if kind not in DepartmentKind.values:
        raise DomainError(_("请选择部门类型。"), field="kind")
    name = _department_name(name, township=township)
    last = Department.objects.filter(township=township).order_by("-sort_order").first()
    department = Department.objects.create(
        township=township, name=name, kind=kind, sort_order=(last.sort_order + 1) if last else 1
    )
    audit_event_record(
        actor=actor,
        verb="department.created",
        target=department,
        area=township,
        summary={"name": name, "kind": kind},
    )
    return department


def _department_lock(department: Department) -> Department:
    return Department.objects.select_for_update().select_related("township").get(pk=department.pk)


@transaction.atomic
def department_rename(*, actor: User, department: Department, name: str) -> Department:
    authorize(actor, "areas.manage_departments", department)
    department = _department_lock(department)
    name = _department_name(name, township=department.township, exclude_id=department.pk)
    if name == department.name:
        return department
    before = department.name
    department.name = name
    department.save(update_fields=["name"])
    audit_event_record(
        actor=actor,
        verb="department.renamed",
        target=department,
        area=department.township,
        summary={"name": [before, name]},
    )
    return department


@transaction.atomic
def department_active_set(*, actor: User, department: Department, active: bool) -> Department:
    """Deactivate (no new escalations, no new staff) or reactivate a department; nothing is deleted."""
    authorize(actor, "areas.manage_departments", department)
    department = _department_lock(department)
    if department.is_active == active:
        raise DomainError(
            _("“%(name)s”已经是启用状态。") % {"name": department.name}
            if active
            else _("“%(name)s”已经停用。") % {"name": department.name},
            code="unchanged",
        )
    department.is_active = active
    department.save(update_fields=["is_active"])
    audit_event_record(
        actor=actor,
        verb="department.reactivated" if active else "department.deactivated",
        target=department,
        area=department.township,
        summary={"name": department.name},
    )
    return department
