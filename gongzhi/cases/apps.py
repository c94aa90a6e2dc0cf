from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongzhi.cases"
    label = "cases"
    verbose_name = _("事项")

    def ready(self) -> None:
        from gongzhi.core.home import home_section_register
        from gongzhi.core.periodic import periodic_job_register

        from .digest import digests_send
        from .selectors import escalations_home_section

        periodic_job_register("staff_digest", digests_send, "工作人员每日待办汇总（每天8点后一次）")
        home_section_register(
            "cases.escalations",
            order=12,
            template="cases/home_escalations.html",
            build=escalations_home_section,
        )
