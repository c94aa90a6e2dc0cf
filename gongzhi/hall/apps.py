from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HallConfig(AppConfig):
    name = "gongzhi.hall"
    label = "hall"
    verbose_name = _("便民服务")

    def ready(self) -> None:
        from . import indicators as oversight_indicators

        oversight_indicators.register()  # its figures on the township's oversight page
        from gongzhi.core.home import public_link_register, public_page_register, robots_register
        from gongzhi.core.nav import nav_register
        from gongzhi.core.periodic import periodic_job_register

        from . import (
            audit_verbs_catalogue,
            audit_verbs_desk,
            audit_verbs_flow,
            audit_verbs_office,
            audit_verbs_open311,
            audit_verbs_rate,
            workflow,  # noqa: F401  (the case types register on import)
        )

        audit_verbs_catalogue.register()
        audit_verbs_desk.register()
        audit_verbs_flow.register()
        audit_verbs_office.register()
        audit_verbs_open311.register()
        audit_verbs_rate.register()

        def applies(user) -> bool:
            return user.has_perm("hall.apply") or user.has_perm("hall.apply_for")

        # The public guide for everyone; 办事 and 我的办件 for residents and those who apply for them;
        # 办件待办 for the hall's staff; the catalogue's maintenance for the township's admin.
        nav_register("hall.guide", order=24, label=_("办事指南"), url_name="hall:guide_home")
        nav_register("hall.apply", order=25, label=_("办事"), url_name="hall:apply_start", visible=applies)
        nav_register("hall.mine", order=26, label=_("我的办件"), url_name="hall:mine", visible=applies)
        nav_register(
            "hall.queue", order=47, label=_("办件待办"), url_name="hall:queue", perm="hall.view_queue"
        )
        nav_register(
            "hall.catalogue",
            order=92,
            label=_("事项目录管理"),
            url_name="hall:catalogue",
            perm="hall.catalogue_manage",
        )
        nav_register(
            "hall.stats", order=74, label=_("办件统计"), url_name="hall:stats", perm="hall.view_stats"
        )
        nav_register(
            "hall.followups",
            order=75,
            label=_("回访整改"),
            url_name="hall:followups",
            perm="hall.view_followups",
        )
        nav_register(
            "hall.promises",
            order=48,
            label=_("容缺后补"),
            url_name="hall:promises",
            perm="hall.receive_promised",
        )
        nav_register(
            "hall.open311",
            order=93,
            label=_("外部系统接入（Open311）"),
            url_name="hall:open311_keys",
            perm="hall.open311_keys",
        )
        from .actions.sweep import hall_files_orphans_delete

        periodic_job_register(
            "hall_file_orphans", hall_files_orphans_delete, "删除没有记录的办件材料和结果文书文件"
        )
        public_link_register("hall.guide", order=30, label=_("办事指南"), url_name="hall:guide_community")
        public_page_register("hall.guide", order=30, label=_("办事指南"), url_name="hall:guide_home")
        robots_register("hall.guide", order=30, lines=["Allow: /hall/guide/", "Disallow: /hall/catalogue/"])
