from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "gongzhi.budgeting"
    label = "budgeting"
    verbose_name = _("参与式预算")

    def ready(self) -> None:
        from gongzhi.core.nav import nav_register

        from . import indicators as township_figures
        from . import rules  # noqa: F401
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        township_figures.register()
        nav_register(
            "budgeting.index",
            order=98,
            label=_("村公资金"),
            url_name="budgeting:index",
            perm="budgeting.enter",
        )
