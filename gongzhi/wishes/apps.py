from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WishesConfig(AppConfig):
    name = "gongzhi.wishes"
    label = "wishes"
    verbose_name = _("心愿墙")

    def ready(self) -> None:
        from . import indicators as oversight_indicators

        oversight_indicators.register()  # its figures on the township's oversight page
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.deeds import DeedAct, deed_source_register
        from gongzhi.core.forms import text_audience_register
        from gongzhi.core.home import (
            home_section_register,
            public_link_register,
            public_page_register,
            robots_register,
        )
        from gongzhi.core.nav import nav_register
        from gongzhi.core.periodic import periodic_job_register
        from gongzhi.hours.sources import hours_source_register

        from . import home
        from .actions import HOURS_SOURCE, wish_claims_check
        from .audit_verbs import audit_verbs_register
        from .selectors import wish_deeds_between

        audit_verbs_register()

        # What a resident typing a wish is told: it goes on the wall, and they can choose closed readers.
        text_audience_register(
            "wish",
            advice=_(
                "这些内容发布后所有人都能看到，请删去。认领后，您可以和认领人在留言里联系，电话只给您同意的人看。"
                "工作人员审核时也会隐去这些信息。"
            ),
            sensitive_hint=_(
                "内容涉及%(topics)s。建议在“谁能看到”中选择“仅工作人员和认领人”；无论怎么选，公开页面都不会显示您的姓氏。"
            ),
        )
        periodic_job_register("wish_claims", wish_claims_check, "认领即将到期提醒，超期退回心愿墙")
        home_section_register(
            "wishes.queue", order=10, template="wishes/home_queue.html", build=home.queue_section
        )
        home_section_register(
            "wishes.helper", order=20, template="wishes/home_helper.html", build=home.helper_section
        )
        home_section_register(
            "wishes.mine", order=30, template="wishes/home_mine.html", build=home.mine_section
        )
        public_link_register("wishes", order=10, label=_("心愿墙"), url_name="wishes:community_wall")
        hours_source_register(HOURS_SOURCE, label=_("微心愿"), permission="wishes.confirm")
        # A wish its claimer fulfilled and the wisher (or a witness) confirmed is a recorded deed of the claimer,
        # whether or not hours were credited for it (the party members' pledge cards show them).
        deed_source_register(
            "wishes", label=_("实现微心愿"), act=DeedAct.SERVICE_CONFIRMED, lister=wish_deeds_between
        )
        public_page_register(
            "wishes.wall", order=10, label=_("不登录也可以看看心愿墙"), url_name="wishes:wall"
        )
        robots_register(
            "wishes",
            order=10,
            lines=[
                "Allow: /wishes/$",
                "Allow: /wishes/c/",
                "Allow: /wishes/*/$",
                "Disallow: /wishes/new/",
                "Disallow: /wishes/mine/",
                "Disallow: /wishes/queue/",
                "Disallow: /wishes/settings/",
            ],
        )
        nav_register("wishes.wall", order=10, label=_("心愿墙"), url_name="wishes:wall")
        nav_register(
            "wishes.queue", order=30, label=_("心愿办理"), url_name="wishes:queue", perm="wishes.view_queue"
        )
