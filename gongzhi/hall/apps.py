from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallConfig(AppConfig):
    name = "gongzhi.hall"
    label = "hall"
    verbose_name = _("便民服务")

    def ready(self) -> None:
        from . import (
            audit_verbs_office,
            workflow,  # noqa: F401  (the case types register on import)
        )

        audit_verbs_office.register()
