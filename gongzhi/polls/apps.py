from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "gongzhi.polls"
    label = "polls"
    verbose_name = _("投票与评议")

    def ready(self) -> None:
        from gongzhi.core.home import home_section_register
        from gongzhi.core.periodic import periodic_job_register

        from . import home
        from .actions import rounds_finalise_due
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        periodic_job_register(
            "polls_finalise", rounds_finalise_due, "到期的投票与评议截止后汇总结果、标记连续两次不称职"
        )
        home_section_register(
            "polls.votes", order=35, template="polls/home_votes.html", build=home.votes_section
        )
