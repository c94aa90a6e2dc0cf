from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeritConfig(AppConfig):
    name = "gongzhi.merit"
    label = "merit"
    verbose_name = _("积德榜")

    def ready(self) -> None:
        from gongzhi.core.home import (
            home_section_register,
            public_link_register,
            public_page_register,
            robots_register,
        )
        from gongzhi.core.nav import nav_register

        from . import home
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        home_section_register(
            "merit.work", order=47, template="merit/home_work.html", build=home.work_section
        )
        public_link_register("merit", order=17, label=_("积德榜"), url_name="merit:board")
        public_page_register("merit.boards", order=35, label=_("积德榜"), url_name="merit:boards")
        robots_register("merit", order=17, lines=["Allow: /merit/board/"])
        nav_register("merit.index", order=24, label=_("积德榜"), url_name="merit:index", perm="merit.use")
