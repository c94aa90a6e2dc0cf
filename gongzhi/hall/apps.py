from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallConfig(AppConfig):
    name = "gongzhi.hall"
    label = "hall"
    verbose_name = _("便民服务")

    def ready(self) -> None:
        from gongzhi.core.nav import nav_register

        from . import audit_verbs_rate, workflow  # noqa: F401  (the case types register on import)

        audit_verbs_rate.register()
        nav_register(
            "hall.stats", order=74, label=_("办件统计"), url_name="hall:stats", perm="hall.view_stats"
        )
        nav_register("hall.followups", order=75, label=_("回访整改"), url_name="hall:followups",
                     perm="hall.view_followups")  # fmt: skip
