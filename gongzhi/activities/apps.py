from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "gongzhi.activities"
    label = "activities"
    verbose_name = _("活动")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.deeds import DeedAct, deed_source_register
        from gongzhi.core.home import (
            home_section_register,
            public_link_register,
            public_page_register,
            robots_register,
        )
        from gongzhi.core.nav import nav_register
        from gongzhi.hours.sources import hours_source_register

        from . import home
        from .actions import CREDIT_SOURCE
        from .audit_verbs import audit_verbs_register
        from .selectors import attendance_deeds_between

        audit_verbs_register()
        hours_source_register(CREDIT_SOURCE, label=_("志愿服务活动"), permission="activities.attend")
        # An attendance its organiser recorded is a deed the optional points (积分制) may reward.
        deed_source_register(
            "activities", label=_("参加活动"), act=DeedAct.ATTENDANCE_MARKED, lister=attendance_deeds_between
        )
        nav_register("activities.calendar", order=21, label=_("活动"), url_name="activities:calendar")
        public_link_register("activities", order=27, label=_("活动日历"), url_name="activities:community")
        public_page_register(
            "activities.calendar",
            order=27,
            label=_("不登录也可以看看活动日历"),
            url_name="activities:calendar",
        )
        robots_register("activities", order=27, lines=["Allow: /activities/"])
        home_section_register(
            "activities.mine", order=35, template="activities/home_mine.html", build=home.mine_section
        )
