from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "gongzhi.workforce"
    label = "workforce"
    verbose_name = _("队伍")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register

        from . import rules  # noqa: F401  (registers the permissions)
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        from . import indicators as oversight_indicators

        oversight_indicators.register()  # its figures on the township's oversight page
        nav_register(
            "workforce.index", order=24, label=_("队伍"), url_name="workforce:index", perm="workforce.browse"
        )
