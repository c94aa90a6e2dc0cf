from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeritConfig(AppConfig):
    name = "gongzhi.merit"
    label = "merit"
    verbose_name = _("积德榜")

    def ready(self) -> None:
        from gongzhi.core.deeds import DeedAct, deed_source_register
        from gongzhi.core.home import (
            home_section_register,
            public_link_register,
            public_page_register,
            robots_register,
        )
        from gongzhi.core.nav import nav_register

        from . import home
        from .audit_verbs import audit_verbs_register
        from .selectors import board_deeds_between

        audit_verbs_register()
        # An entry on the board is a recorded deed the optional points (积分制) may reward: the council adopted it.
        deed_source_register(
            "merit", label=_("上积德榜"), act=DeedAct.REVIEW_ADOPTED, lister=board_deeds_between
        )
        home_section_register(
            "merit.work", order=47, template="merit/home_work.html", build=home.work_section
        )
        public_link_register("merit", order=17, label=_("积德榜"), url_name="merit:board")
        public_page_register("merit.boards", order=35, label=_("积德榜"), url_name="merit:boards")
        robots_register("merit", order=17, lines=["Allow: /merit/board/"])
        nav_register("merit.index", order=24, label=_("积德榜"), url_name="merit:index", perm="merit.use")
