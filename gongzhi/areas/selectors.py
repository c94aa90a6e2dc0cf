"""Reads of the area tree, scoped to the viewer."""

from django.db.models import Count, Q, QuerySet

from gongzhi.accounts.roles import AREA_EDITORS, STAFF_ROLES
from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.core.errors import NotFound
from gongzhi.core.lookups import cached_lookup

from .models import Area, AreaKind, Department


def area_list_for(*, viewer, kinds: list[str] | None = None, roles=STAFF_ROLES) -> QuerySet[Area]:
    """Areas inside the viewer's scopes, plus nothing above them."""
    query = Area.objects.filter(scope_q(paths_for(viewer, roles), "path"))
    if kinds:
        query = query.filter(kind__in=kinds)
    return query.order_by("path")


def area_path_for(*, viewer, area_id: int, roles=STAFF_ROLES) -> str:
    """The path of an area inside the viewer's scopes (NotFound otherwise), for subtree filters.

    Cached per scope (gongzhi.core.lookups): an area's path never changes
    once it exists, and the viewer's current roles are part of the key, so
    a cached answer can be late to show a new area but never shows one
    outside the scope.
    """
    paths = paths_for(viewer, roles)
    key = "area-paths:" + ",".join(paths)
    in_scope = cached_lookup(
        key, lambda: dict(Area.objects.filter(scope_q(paths, "path")).values_list("id", "path"))
    )
    path = in_scope.get(area_id)
    if path is None:
        area = area_get_for(viewer=viewer, area_id=area_id, roles=roles)  # created within the last minute?
        path = area.path
    return path


def area_get_for(*, viewer, area_id: int, roles=STAFF_ROLES) -> Area:
    area = area_list_for(viewer=viewer, roles=roles).filter(pk=area_id).first()
    if area is None:
        raise NotFound()
    return area


def area_ancestors(area: Area) -> list[Area]:
    ids = area.ancestor_ids()
    by_id = Area.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def community_of(area: Area) -> Area | None:
    if area.kind == AreaKind.COMMUNITY:
        return area
    return next((a for a in area_ancestors(area) if a.kind == AreaKind.COMMUNITY), None)


def township_of(area: Area) -> Area | None:
    """The township an area lies in (itself, for a township)."""
    if area.kind == AreaKind.TOWNSHIP:
        return area
    return next((a for a in area_ancestors(area) if a.kind == AreaKind.TOWNSHIP), None)


def departments_of(area: Area) -> QuerySet[Department]:
    """The active departments of the township `area` lies in: where a case of that area may be escalated."""
    township = township_of(area)
    if township is None:
        return Department.objects.none()
    return Department.objects.filter(township=township, is_active=True).order_by("sort_order", "id")


def department_list_for(*, viewer) -> QuerySet[Department]:
    """The departments of the townships the viewer keeps (the township office), each with `staff`: how many
    active accounts hold a role in it."""
    townships = area_list_for(viewer=viewer, kinds=[AreaKind.TOWNSHIP], roles=AREA_EDITORS)
    return (
        Department.objects.filter(township__in=townships)
        .select_related("township")
        .annotate(
            staff=Count(
                "role_assignments__user",
                filter=Q(role_assignments__user__is_active=True),
                distinct=True,
            )
        )
        .order_by("township__path", "sort_order", "id")
    )


def department_get_for(*, viewer, department_id: int) -> Department:
    """One department the viewer keeps; another township's answers like a missing one (NotFound)."""
    department = department_list_for(viewer=viewer).filter(pk=department_id).first()
    if department is None:
        raise NotFound()
    return department


def department_staff(department: Department) -> list:
    """Who holds a role in the department: [(assignment with its user)], active accounts first, by name."""
    return list(
        department.role_assignments.select_related("user").order_by(
            "-user__is_active", "user__display_name", "user__username", "role"
        )
    )


def department_choices_for(*, viewer, roles) -> list[tuple[int, str]]:
    """("永安镇 / 民政办") of the active departments of the townships inside the viewer's scope for `roles`:
    what an assigner may choose for new work (a deactivated department takes none)."""
    townships = area_list_for(viewer=viewer, kinds=[AreaKind.TOWNSHIP], roles=roles)
    rows = (
        Department.objects.filter(township__in=townships, is_active=True)
        .order_by("township__path", "sort_order", "id")
        .values_list("pk", "township__name", "name")
    )
    return [(pk, f"{township} / {name}") for pk, township, name in rows]


def area_choices_for(*, viewer, kinds: list[str], roles=STAFF_ROLES) -> list[tuple[int, str]]:
    """(id, "社区 / 网格") labels for select boxes, cached briefly per scope (gongzhi.core.lookups)."""
    paths = paths_for(viewer, roles)
    key = "areas:" + ",".join(sorted(kinds)) + ":" + ",".join(paths)
    return cached_lookup(key, lambda: _area_choices(paths, kinds))


def _area_choices(paths: list[str], kinds: list[str]) -> list[tuple[int, str]]:
    areas = list(Area.objects.filter(scope_q(paths, "path"), kind__in=kinds).order_by("path"))
    parent_ids = {int(a.path[i : i + 8]) for a in areas for i in range(0, len(a.path) - 8, 8)}
    names = dict(Area.objects.filter(pk__in=parent_ids).values_list("id", "name"))
    result = []
    for area in areas:
        chain = [names.get(int(area.path[i : i + 8]), "") for i in range(0, len(area.path) - 8, 8)]
        chain = [n for n in chain if n][-2:]
        result.append((area.pk, " / ".join([*chain, area.name])))
    return result


def communities_public() -> QuerySet[Area]:
    """Every village and community, for public pages (names only are public; no scope applies)."""
    return Area.objects.filter(kind=AreaKind.COMMUNITY).order_by("path")


def community_public_get(community_id: int) -> Area:
    """One village or community by id for a public page, from the lookups cache (areas rarely change)."""
    community = cached_lookup(
        f"areas:community:{community_id}",
        lambda: communities_public().filter(pk=community_id).first() or False,
    )
    if not isinstance(community, Area):
        raise NotFound()
    return community


def community_public_choices() -> list[tuple[int, str]]:
    """(id, name) of every community, for public filters, from the lookups cache."""
    return cached_lookup("areas:communities", lambda: list(communities_public().values_list("pk", "name")))


def township_directory() -> list[tuple[Area, list[Area]]]:
    """Each township (镇) with its villages and communities, in tree order: names only, for the public start page."""
    areas = (
        Area.objects.filter(kind__in=[AreaKind.TOWNSHIP, AreaKind.COMMUNITY])
        .order_by("path")
        .only("id", "name", "kind", "path")
    )
    directory: list[tuple[Area, list[Area]]] = []
    for area in areas:
        if area.kind == AreaKind.TOWNSHIP:
            directory.append((area, []))
        elif directory and area.path.startswith(directory[-1][0].path):
            directory[-1][1].append(area)
    return directory


def area_names_by_path(paths) -> dict[str, str]:
    return dict(Area.objects.filter(path__in=list(paths)).values_list("path", "name"))
