"""System checks for 三员分立 (等保 8.1.4.2d, 8.1.5): `gongzhi check --database default`.

They read the database, so Django runs them only when a database is named
(`check --database default`, `migrate`); before the tables exist they stay quiet.
"""

from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError

from .selectors import superusers, users_holding_several_admin_roles, users_with_reserved_names


def _names(queryset) -> str:
    names = list(queryset.order_by("username").values_list("username", flat=True)[:20])
    return "、".join(names)


@register(Tags.security, Tags.database)
def separation_of_duties_check(app_configs=None, databases=None, **kwargs) -> list[CheckMessage]:
    if not databases or "default" not in databases:
        return []
    messages: list[CheckMessage] = []
    try:
        if superusers().exists():
            messages.append(
                Error(
                    f"存在超级用户账号：{_names(superusers())}。",
                    hint="gongzhi 不使用超级用户：请取消其 is_superuser，按三员分立分配角色。",
                    id="gongzhi.E001",
                )
            )
        conflicts = users_holding_several_admin_roles()
        if conflicts.exists():
            messages.append(
                Error(
                    f"以下账号同时担任系统管理员、安全管理员、审计管理员中的两种或以上：{_names(conflicts)}。",
                    hint="三员分立：每人只能担任其中一种管理员角色，请撤销多余的角色。",
                    id="gongzhi.E002",
                )
            )
        reserved = users_with_reserved_names()
        if reserved.exists():
            messages.append(
                Warning(
                    f"存在使用保留用户名的账号：{_names(reserved)}。",
                    hint="admin、root、test 等用户名最先被猜测，请改用实名账号并停用这些账号。",
                    id="gongzhi.W001",
                )
            )
    except DatabaseError:
        return []  # tables not created yet (first migrate)
    return messages
