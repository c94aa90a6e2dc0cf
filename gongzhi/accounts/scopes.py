"""Scopes: which parts of the area tree a user's roles cover.

Area paths are fixed-width digit strings (8 digits per level), so a subtree
is one half-open range `[path, next_sibling_path)` on an indexed column —
one indexed query on SQLite and PostgreSQL alike, whatever the collation.
"""

from collections.abc import Iterable

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
        from .usercache import user_cached, version_of

        cached = user_cached(user.pk, "roles", lambda: list(user.role_assignments.values_list("role", "area_path")),
                             version=version_of(user))  # fmt: skip
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
