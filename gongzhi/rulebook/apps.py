from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulebookConfig(AppConfig):
    name = "gongzhi.rulebook"
    label = "rulebook"
    verbose_name = _("制度")

    def ready(self) -> None:
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
