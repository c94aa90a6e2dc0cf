from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "gongzhi.audit"
    label = "audit"
    verbose_name = "审计"

    def ready(self) -> None:
        from gongzhi.core.periodic import periodic_job_register

        from .refusals import audit_refusals_summarise

        periodic_job_register(
            "audit_refusals_summarise", audit_refusals_summarise, "被拒绝访问的超限次数汇总为一条审计记录"
        )
