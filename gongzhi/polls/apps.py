from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "gongzhi.polls"
    label = "polls"
    verbose_name = _("投票与评议")

    def ready(self) -> None:
        from gongzhi.core.nav import nav_register
        from gongzhi.core.periodic import periodic_job_register

        from .actions import rounds_finalise_due
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        periodic_job_register(
            "polls_finalise", rounds_finalise_due, "到期的投票与评议截止后汇总结果、标记连续两次不称职"
        )
        nav_register("polls.index", order=75, label=_("投票与评议"), url_name="polls:index")
