from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "gongzhi.situations"
    label = "situations"
    verbose_name = _("微民情")

    def ready(self) -> None:
        from gongzhi.core.home import home_section_register

        from . import home

        home_section_register("situations.queue", order=15, template="situations/home_queue.html",
                              build=home.queue_section)  # fmt: skip
        home_section_register("situations.mine", order=35, template="situations/home_mine.html",
                              build=home.mine_section)  # fmt: skip
