from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongzhi.cases"
    label = "cases"
    verbose_name = _("事项")

    def ready(self) -> None:
        from gongzhi.core.home import home_section_register
        from gongzhi.core.nav import nav_register
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
        # Shown by role alone (the menu is built once per set of roles): whoever may work in a department.
        nav_register(
            "cases.escalations",
            order=42,
            label=_("吹哨待答复"),
            url_name="cases:escalations",
            visible=_may_hold_a_department,
        )


def _may_hold_a_department(user) -> bool:
    from .rules import may_hold_a_department

    return bool(may_hold_a_department.test(user))
