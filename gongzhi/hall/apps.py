from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallConfig(AppConfig):
    name = "gongzhi.hall"
    label = "hall"
    verbose_name = _("便民服务")

    def ready(self) -> None:
        from gongzhi.core.home import public_link_register, public_page_register, robots_register
        from gongzhi.core.nav import nav_register

        from . import audit_verbs_catalogue, workflow  # noqa: F401  (the case types register on import)

        audit_verbs_catalogue.register()
        # The catalogue: the public guide for everyone, its maintenance for the township's admin.
        nav_register("hall.guide", order=25, label=_("办事指南"), url_name="hall:guide_home")
        nav_register("hall.catalogue", order=92, label=_("事项目录管理"), url_name="hall:catalogue",
                     perm="hall.catalogue_manage")  # fmt: skip
        public_link_register("hall.guide", order=30, label=_("办事指南"), url_name="hall:guide_community")
        public_page_register("hall.guide", order=30, label=_("办事指南"), url_name="hall:guide_home")
        robots_register("hall.guide", order=30, lines=["Allow: /hall/guide/", "Disallow: /hall/catalogue/"])
