from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulebookConfig(AppConfig):
    name = "gongzhi.rulebook"
    label = "rulebook"
    verbose_name = _("制度")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register

        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        nav_register(
            "rulebook.index", order=71, label=_("制度"), url_name="rulebook:index", perm="rulebook.view"
        )
