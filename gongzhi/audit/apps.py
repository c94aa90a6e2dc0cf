from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gongzhi.audit"
    label = "audit"
    verbose_name = _("审计")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register
        from gongzhi.core.periodic import periodic_job_register

        from .refusals import audit_refusals_summarise

        periodic_job_register(
            "audit_refusals_summarise", audit_refusals_summarise, "被拒绝访问的超限次数汇总为一条审计记录"
        )
        nav_register(
            "audit.list", order=90, label=_("审计日志"), url_name="audit:list", perm="audit.view_audit"
        )
