from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "gongzhi.oversight"
    label = "oversight"
    verbose_name = _("督导")

    def ready(self) -> None:
        from gongzhi.core.nav import nav_register

        from . import rules  # noqa: F401  (the permissions)
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        nav_register(
            "oversight.index", order=98, label=_("督导"), url_name="oversight:index", perm="oversight.view"
        )
