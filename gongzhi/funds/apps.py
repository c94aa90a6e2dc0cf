from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "gongzhi.funds"
    label = "funds"
    verbose_name = _("经费")

    def ready(self) -> None:
        from gongzhi.core.nav import nav_register

        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        from . import indicators as township_figures

        township_figures.register()  # its figures for the township's page of figures
        nav_register("funds.index", order=97, label=_("经费"), url_name="funds:index", perm="funds.view")
