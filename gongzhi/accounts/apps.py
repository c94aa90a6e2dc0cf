from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gongzhi.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register

        from . import checks, signals  # noqa: F401  (三员 system checks; login/logout audit only)

        nav_register(
            "accounts.roles",
            order=90,
            label=_("角色分配"),
            url_name="accounts:roles",
            perm="accounts.assign_roles",
        )
