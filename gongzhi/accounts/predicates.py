"""Predicates of the `rules` package shared by every app's rules.py."""

from collections.abc import Iterable

import rules

from .scopes import covers, paths_for


def scope_path_of(obj) -> str:
    return getattr(obj, "scope_path", "") or ""


def holds_role_over(roles: Iterable[str], name: str | None = None):
    """The user holds one of `roles` over an area covering `obj`.

    With no object (a list page, a create form) it asks whether the user
    holds such a role anywhere; the selector then scopes the rows.
    """
    wanted = frozenset(roles)

    @rules.predicate(name=name or "holds_" + "_".join(sorted(wanted)))
    def predicate(user, obj=None) -> bool:
        paths = paths_for(user, wanted)
        if obj is None:
            return bool(paths)
        return covers(paths, scope_path_of(obj))

    return predicate
