from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfgovConfig(AppConfig):
    name = "gongzhi.selfgov"
    label = "selfgov"
    verbose_name = _("村(居)民自治")

    def ready(self) -> None:
        from . import audit_verbs_decisions, proposals_registry

        audit_verbs_decisions.register()
        proposals_registry.register()
