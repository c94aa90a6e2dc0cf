from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WishesConfig(AppConfig):
    name = "gongzhi.wishes"
    label = "wishes"
    verbose_name = _("心愿墙")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.home import home_section_register, public_link_register
        from gongzhi.core.periodic import periodic_job_register

        from . import home
        from .actions import wish_claims_check

        periodic_job_register("wish_claims", wish_claims_check, "认领即将到期提醒，超期退回心愿墙")
        home_section_register("wishes.queue", order=10, template="wishes/home_queue.html", build=home.queue_section)
        home_section_register("wishes.helper", order=20, template="wishes/home_helper.html", build=home.helper_section)
        home_section_register("wishes.mine", order=30, template="wishes/home_mine.html", build=home.mine_section)
        public_link_register("wishes", order=10, label=_("心愿墙"), url_name="wishes:community_wall")
