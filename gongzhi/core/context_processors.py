"""The navigation a user sees depends on what they may do (the entries: gongzhi.core.nav)."""

from gongzhi.accounts.roles import Role
from gongzhi.accounts.scopes import role_paths
from gongzhi.notices.selectors import notice_unread_count

from .nav import footer_links, nav_for


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    held = role_paths(user)
    roles = sorted({str(Role(r).label) for r, _p in held})
    # What the menu's permissions depend on: the roles (and Django's superuser flag, which grants every one).
    nav = nav_for(user, memo_key=(tuple(held), user.is_superuser))
    return {"nav": nav, "my_roles": roles, "unread_notices": _Unread(user)}


def footer(request) -> dict:
    """The footer's links (gongzhi.core.nav.footer_register), for everyone, signed in or not."""
    return {"footer_links": footer_links()}


class _Unread:
    """The header's unread count, counted when a page shows it (a fragment never does) and once per page."""

    def __init__(self, user) -> None:
        self.user = user
        self.value: int | None = None

    def __call__(self) -> int:
        if self.value is None:
            self.value = notice_unread_count(viewer=self.user)
        return self.value
