from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BallotsConfig(AppConfig):
    name = "gongzhi.ballots"
    label = "ballots"
    verbose_name = _("无记名投票")

    def ready(self) -> None:
        from gongzhi.core.periodic import periodic_job_register

        from .actions import ballot_boxes_close_due
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        # No menu entry or home section: who may vote is not a matter of roles (the menu is worked out per set
        # of roles) and the home page's queries are fixed; the feature that opens a box links to it, and
        # /ballots/ lists the signed-in user's open ballots.
        periodic_job_register("ballots.close_due", ballot_boxes_close_due, "到截止时间自动结束无记名投票")
