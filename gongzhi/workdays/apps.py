from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "gongzhi.workdays"
    label = "workdays"
    verbose_name = _("工作日历")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register

        nav_register(
            "workdays.index",
            order=80,
            label=_("工作日历"),
            url_name="workdays:index",
            perm="workdays.view_calendar",
        )
