from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallConfig(AppConfig):
    name = "gongzhi.hall"
    label = "hall"
    verbose_name = _("便民服务")

    def ready(self) -> None:
        from . import workflow  # noqa: F401  (the case types register on import)
        from .audit_verbs_desk import register as desk_verbs_register

        desk_verbs_register()
        from gongzhi.core.nav import nav_register

        nav_register(
            "hall.apply",
            order=30,
            label=_("办事"),
            url_name="hall:apply_start",
            visible=lambda user: user.has_perm("hall.apply") or user.has_perm("hall.apply_for"),
        )
        nav_register(
            "hall.queue", order=31, label=_("办件待办"), url_name="hall:queue", perm="hall.view_queue"
        )
        nav_register("hall.mine", order=32, label=_("我的办件"), url_name="hall:mine",
                     visible=lambda user: user.has_perm("hall.apply") or user.has_perm("hall.apply_for"))  # fmt: skip
