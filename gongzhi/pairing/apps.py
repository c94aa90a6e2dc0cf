from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "gongzhi.pairing"
    label = "pairing"
    verbose_name = _("党员结对")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register

        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        nav_register(
            "pairing.index", order=96, label=_("结对"), url_name="pairing:index", perm="pairing.view"
        )
