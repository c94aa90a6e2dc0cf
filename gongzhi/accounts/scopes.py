"""Scopes: which parts of the area tree a user's roles cover.

Area paths are fixed-width digit strings (8 digits per level), so a subtree
is one half-open range `[path, next_sibling_path)` on an indexed column —
one indexed query on SQLite and PostgreSQL alike, whatever the collation.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q

SEGMENT = 8


def path_segment(area_id: int) -> str:
    return f"{area_id:0{SEGMENT}d}"


def path_upper(path: str) -> str:
    """The smallest path that sorts after every path in `path`'s subtree."""
    head, last = path[:-SEGMENT], int(path[-SEGMENT:])
    return head + path_segment(last + 1)


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """Drop paths already covered by an ancestor in the list."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(p) for p in result):
            result.append(path)
    return sorted(result)


def role_paths(user) -> list[tuple[str, str]]:
    """[(role, area_path)] for the user: on the user object for the request, read once per change of the
    user's roles (gongzhi.accounts.usercache; the authentication backend brings them with the user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_gongzhi_role_paths", None)
    if cached is None:
        cached = [(role, path) for role, path, _department in role_grants(user)]
        user._gongzhi_role_paths = cached
    return cached


def paths_for(user, roles: Iterable[str]) -> list[str]:
    wanted = set(roles)
    return minimal_paths(path for role, path in role_paths(user) if role in wanted)


def roles_of(user) -> set[str]:
    return {role for role, _ in role_paths(user)}


def covers(paths: Iterable[str], target_path: str) -> bool:
    return bool(target_path) and any(target_path.startswith(p) for p in paths)


def scope_q(paths: Iterable[str], field: str = "area_path") -> Q:
    """A filter matching rows whose `field` lies in any of the subtrees."""
    query = Q(pk__in=[])
    for path in minimal_paths(paths):
        query |= Q(**{f"{field}__gte": path, f"{field}__lt": path_upper(path)})
    return query


# --- Roles held in a department (routing by department) -------------------------------------


def role_grants(user) -> list[tuple[str, str, int | None]]:
    """[(role, area_path, department id or None)] for the user: on the user object for the request, read once
    per change of the user's roles (gongzhi.accounts.usercache; the authentication backend brings them)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_gongzhi_role_grants", None)
    if cached is None:
        from .usercache import user_cached, version_of

        cached = user_cached(user.pk, "grants", lambda: role_grants_read(user.pk), version=version_of(user))
        user._gongzhi_role_grants = cached
    return cached


def role_grants_read(user_id) -> list[tuple[str, str, int | None]]:
    """The user's role assignments from the database: (role, area_path, department id or None)."""
    from .models import RoleAssignment

    return list(
        RoleAssignment.objects.filter(user_id=user_id).values_list("role", "area_path", "department_id")
    )


def department_ids_for(user, roles: Iterable[str] | None = None) -> set[int]:
    """The departments the user works in (holding one of `roles` there, or any role)."""
    wanted = None if roles is None else set(roles)
    return {d for role, _, d in role_grants(user) if d is not None and (wanted is None or role in wanted)}


def _grants(user, roles: Iterable[str], held_at: Callable[[str], bool] | None):
    wanted = set(roles)
    return [g for g in role_grants(user) if g[0] in wanted and (held_at is None or held_at(g[1]))]


def routed_q(
    user,
    roles: Iterable[str],
    path_field: str = "area_path",
    department_field: str = "department",
    *,
    held_at: Callable[[str], bool] | None = None,
) -> Q:
    """Rows inside the area of one of the user's `roles`; a role held in a department matches only
    the rows of that department, a role held without one every row of its area. `held_at` keeps only
    the roles held over the areas it accepts (by path: a township's window, not a village's)."""
    grants = _grants(user, roles, held_at)
    whole = [path for _, path, d in grants if d is None]
    query = scope_q(whole, path_field) if whole else Q(pk__in=[])
    for _, path, department in grants:
        if department is not None and not covers(whole, path):
            query |= scope_q([path], path_field) & Q(**{f"{department_field}_id": department})
    return query


def routes_to(
    user,
    roles: Iterable[str],
    path: str,
    department_id: int | None,
    *,
    held_at: Callable[[str], bool] | None = None,
) -> bool:
    """Whether a row at `path` of department `department_id` is inside `routed_q(user, roles, held_at=)`."""
    return any(
        covers([area], path) and (d is None or d == department_id)
        for _, area, d in _grants(user, roles, held_at)
    )


# --- Roles held for a social organisation (gongzhi.orgs) ---------------------------------------


def organisation_ids_for(user, roles: Iterable[str]) -> set[int]:
    """The organisations for which the user holds one of `roles` (accounts.roles.ORGANISATION_ROLES): read once
    per change of the user's roles, like the grants."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    wanted = set(roles)
    if not {role for role, _ in role_paths(user)} & wanted:
        return set()  # no such role at all: no query
    cached = getattr(user, "_gongzhi_organisations", None)
    if cached is None:
        from .usercache import user_cached, version_of

        cached = user_cached(
            user.pk, "organisations", lambda: _organisations_read(user.pk), version=version_of(user)
        )
        user._gongzhi_organisations = cached
    return {org for role, org in cached if role in wanted}


def _organisations_read(user_id) -> list[tuple[str, int]]:
    from .models import RoleAssignment

    return list(
        RoleAssignment.objects.filter(user_id=user_id, organisation__isnull=False).values_list(
            "role", "organisation_id"
        )
    )
