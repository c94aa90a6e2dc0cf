"""Reads of the catalogue of matters (事项目录): the staff's list over the townships they manage, and the
public guide (办事指南: a township's active matters, one matter) that anyone reads without an account.

REGISTER_FACTS are the facts about an applicant that gongzhi already holds in the register ("enter once"):
a material whose source is the register names one of them, and the apply form fills it in, never asks.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind, Department
from gongzhi.core.errors import NotFound

from ..limits import Step, steps_label
from ..models import Material, MaterialSource, Matter, MatterStep
from ..roles import HALL_ADMINS

REGISTER_FACTS: dict[str, object] = {
    "name": _("姓名"),
    "id_number": _("身份证号"),
    "gender": _("性别"),
    "age": _("年龄"),
    "address": _("户籍地址"),
    "household": _("户口簿(户成员)"),
    "phone": _("联系电话"),
    "community": _("所在村(社区)"),
}


def register_fact_label(key: str) -> str:
    return str(REGISTER_FACTS.get(key, key))


def managed_townships_for(*, viewer) -> QuerySet[Area]:
    """The townships whose catalogue the viewer maintains (their township admin role covers them)."""
    if not viewer.is_authenticated:
        return Area.objects.none()
    paths = paths_for(viewer, HALL_ADMINS)
    if not paths:
        return Area.objects.none()
    # A role held over a township covers it; one held over a county covers its townships.
    return Area.objects.filter(scope_q(paths, "path"), kind=AreaKind.TOWNSHIP).order_by("path")


def managed_township_get_for(*, viewer, township_id: int | None) -> Area:
    """The township the viewer works on (the first they manage unless they name one); NotFound otherwise."""
    townships = managed_townships_for(viewer=viewer)
    township = townships.filter(pk=township_id).first() if township_id is not None else townships.first()
    if township is None:
        raise NotFound()
    return township


def _with_lines(query: QuerySet[Matter]) -> QuerySet[Matter]:
    return query.select_related("department", "parent", "township").prefetch_related(
        Prefetch("steps", queryset=MatterStep.objects.order_by("order", "id")),
        Prefetch("materials", queryset=Material.objects.order_by("order", "id")),
    )


def catalogue_for(*, viewer, township: Area, q: str = "", active: str = "") -> list[Matter]:
    """The township's matters, main items each followed by its sub-items (`matter.subs`), for its managers."""
    if not managed_townships_for(viewer=viewer).filter(pk=township.pk).exists():
        raise NotFound()
    query = _with_lines(Matter.objects.filter(township=township))
    if active in ("1", "0"):
        query = query.filter(is_active=active == "1")
    if q:
        query = query.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(parent__name__icontains=q))
    return _tree(list(query.order_by("sort_order", "code")))


def _tree(matters: list[Matter]) -> list[Matter]:
    """Main items in order, each with `.subs` (its sub-items among `matters`); an orphan sub-item (its main
    item filtered out) is shown at the top level."""
    ids = {m.pk for m in matters}
    subs: dict[int, list[Matter]] = {}
    for matter in matters:
        if matter.parent_id in ids:
            subs.setdefault(matter.parent_id, []).append(matter)
    top = [m for m in matters if m.parent_id not in ids]
    for matter in matters:
        matter.subs = subs.get(matter.pk, [])  # type: ignore[attr-defined]
    return top


def matter_get_for_manager(*, viewer, matter_id: int) -> Matter:
    matter = _with_lines(Matter.objects.filter(pk=matter_id)).first()
    if matter is None or not managed_townships_for(viewer=viewer).filter(pk=matter.township_id).exists():
        raise NotFound()
    return matter


def main_items_of(township: Area, *, exclude_id: int | None = None) -> QuerySet[Matter]:
    """The main items a matter may hang under (top-level matters of the township)."""
    query = Matter.objects.filter(township=township, parent__isnull=True)
    if exclude_id is not None:
        query = query.exclude(pk=exclude_id)
    return query.order_by("sort_order", "code")


def departments_of(township: Area) -> QuerySet[Department]:
    return Department.objects.filter(township=township, is_active=True).order_by("sort_order", "id")


def matter_limit_label(matter: Matter) -> str:
    """ "15个工作日", "公示7个自然日，审核15个工作日"; "" when it promises none."""
    steps = [Step(s.name, s.amount, s.unit) for s in matter.steps.all()]
    return steps_label(steps) if steps else ""


def matters_for_export(township: Area) -> list[Matter]:
    """Every matter of the township (active or not), main items before their sub-items, with lines."""
    matters = list(_with_lines(Matter.objects.filter(township=township)).order_by("sort_order", "code"))
    ordered: list[Matter] = []
    for top in _tree(matters):
        ordered.append(top)
        ordered.extend(top.subs)  # type: ignore[attr-defined]
    return ordered


# --- The public guide (办事指南): no account, active matters only ----------------------------------------


def guide_townships() -> QuerySet[Area]:
    """The townships that publish a guide (they have an active matter)."""
    return Area.objects.filter(
        kind=AreaKind.TOWNSHIP, pk__in=Matter.objects.filter(is_active=True).values("township_id")
    ).order_by("path")


def guide_township_get(township_id: int) -> Area:
    township = Area.objects.filter(pk=township_id, kind=AreaKind.TOWNSHIP).first()
    if township is None:
        raise NotFound()
    return township


def guide_community_township(community_id: int) -> Area:
    """The township of a community (whose catalogue its residents apply from)."""
    community = Area.objects.filter(pk=community_id, kind=AreaKind.COMMUNITY).select_related("parent").first()
    if community is None or community.parent is None:
        raise NotFound()
    return community.parent


@dataclass
class GuideGroup:
    title: str
    matters: list[Matter]


def guide_index(township: Area, *, q: str = "", by: str = "item") -> list[GuideGroup]:
    """The township's active matters that one applies for, grouped by main item (or by department).

    A main item with active sub-items is a heading; a main item without sub-items is applied for itself.
    """
    query = (
        Matter.objects.filter(township=township, is_active=True)
        .filter(Q(parent__isnull=True) | Q(parent__is_active=True))
        .select_related("department", "parent")
        .prefetch_related(Prefetch("steps", queryset=MatterStep.objects.order_by("order", "id")))
        .order_by("sort_order", "code")
    )
    matters = list(query)
    parents_with_children = {m.parent_id for m in matters if m.parent_id}
    leaves = [m for m in matters if m.pk not in parents_with_children]
    if q:
        q = q.strip()
        # By name, its main item's name, or its plain-language guide (where the common name is: 低保).
        leaves = [
            m for m in leaves if q in m.name or q in m.guide or (m.parent is not None and q in m.parent.name)
        ]
    groups: dict[str, GuideGroup] = {}
    for matter in leaves:
        if by == "department":
            title = matter.department.name if matter.department else str(_("村(社区)直接办理"))
        else:
            title = matter.parent.name if matter.parent else matter.name
        groups.setdefault(title, GuideGroup(title, [])).matters.append(matter)
    return list(groups.values())


def guide_matter_get(matter_id: int) -> Matter:
    """One active matter for its public guide (NotFound for an inactive one: nobody can apply for it)."""
    matter = (
        _with_lines(Matter.objects.filter(pk=matter_id, is_active=True))
        .filter(Q(parent__isnull=True) | Q(parent__is_active=True))
        .first()
    )
    if matter is None:
        raise NotFound()
    return matter


def guide_materials(matter: Matter) -> tuple[list[Material], list[Material]]:
    """(what the applicant brings, what gongzhi already knows from the register: never asked)."""
    bring: list[Material] = []
    known: list[Material] = []
    for material in matter.materials.all():
        (known if material.source == MaterialSource.REGISTER else bring).append(material)
    return bring, known
