from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "gongzhi.facilities"
    label = "facilities"
    verbose_name = _("阵地")

    def ready(self) -> None:
        from . import indicators as oversight_indicators

        oversight_indicators.register()  # its figures on the township's oversight page
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register

        from . import workflow  # noqa: F401  (registers the booking's lifecycle)
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        nav_register(
            "facilities.index",
            order=24,
            label=_("阵地"),
            url_name="facilities:index",
            perm="facilities.browse",
        )
