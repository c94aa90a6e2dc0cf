"""The navigation a user sees depends on what they may do."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.roles import Role
from gongzhi.accounts.scopes import role_paths
from gongzhi.notices.selectors import notice_unread_count


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    items = [("wishes:wall", _("心愿墙")), ("offers:list", _("微服务"))]
    if user.has_perm("wishes.view_queue"):
        items.append(("wishes:queue", _("心愿办理")))
    if user.has_perm("situations.view_queue"):
        items.append(("situations:queue", _("民情办理")))
    elif user.has_perm("situations.post"):
        items.append(("situations:mine", _("微民情")))
    if user.has_perm("residents.view_resident"):
        items.append(("residents:list", _("居民登记")))
        items.append(("areas:tree", _("区域")))
    if user.has_perm("conventions.view"):
        items.append(("conventions:index", _("村规民约")))
    if user.has_perm("workdays.view_calendar"):
        items.append(("workdays:index", _("工作日历")))
    if user.has_perm("audit.view_audit"):
        items.append(("audit:list", _("审计日志")))
    items.append(("notices:inbox", _("通知")))
    roles = sorted({str(Role(r).label) for r, _p in role_paths(user)})
    return {"nav": items, "my_roles": roles, "unread_notices": _Unread(user)}


class _Unread:
    """The header's unread count, counted when a page shows it (a fragment never does) and once per page."""

    def __init__(self, user) -> None:
        self.user = user
        self.value: int | None = None

    def __call__(self) -> int:
        if self.value is None:
            self.value = notice_unread_count(viewer=self.user)
        return self.value
