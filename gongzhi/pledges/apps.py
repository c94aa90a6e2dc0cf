from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "gongzhi.pledges"
    label = "pledges"
    verbose_name = _("双亮·党员先锋岗")

    def ready(self) -> None:
        from gongzhi.core.home import public_link_register, public_page_register, robots_register
        from gongzhi.core.nav import nav_register

        from . import rules  # noqa: F401 — the permissions
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        public_link_register("pledges", order=18, label=_("党员亮承诺"), url_name="pledges:board")
        public_page_register("pledges.boards", order=36, label=_("党员亮承诺"), url_name="pledges:boards")
        robots_register("pledges", order=18, lines=["Allow: /pledges/board/"])
        nav_register(
            "pledges.index", order=95, label=_("双亮"), url_name="pledges:index", perm="pledges.keep"
        )
