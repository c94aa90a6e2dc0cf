from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongzhi.cases"
    label = "cases"
    verbose_name = _("事项")

    def ready(self) -> None:
        from gongzhi.core.periodic import periodic_job_register

        from .digest import digests_send

        periodic_job_register("staff_digest", digests_send, "工作人员每日待办汇总（每天8点后一次）")
