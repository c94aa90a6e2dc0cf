from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "gongzhi.situations"
    label = "situations"
    verbose_name = _("微民情")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.home import home_section_register
        from gongzhi.core.nav import nav_register

        from . import home

        home_section_register(
            "situations.queue", order=15, template="situations/home_queue.html", build=home.queue_section
        )
        home_section_register(
            "situations.mine", order=35, template="situations/home_mine.html", build=home.mine_section
        )
        nav_register(
            "situations.queue",
            order=40,
            label=_("民情办理"),
            url_name="situations:queue",
            perm="situations.view_queue",
        )
        # Who handles notes sees the queue; who only posts them sees their own.
        nav_register(
            "situations.mine",
            order=45,
            label=_("微民情"),
            url_name="situations:mine",
            visible=_posts_but_does_not_handle,
        )


def _posts_but_does_not_handle(user) -> bool:
    return not user.has_perm("situations.view_queue") and user.has_perm("situations.post")
