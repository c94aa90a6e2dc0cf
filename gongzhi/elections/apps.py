from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "gongzhi.elections"
    label = "elections"
    verbose_name = _("换届选举")

    def ready(self) -> None:
        from . import indicators as oversight_indicators

        oversight_indicators.register()  # its figures on the township's oversight page
        from gongzhi.core.nav import nav_register

        from . import audit_verbs_count, audit_verbs_roll

        nav_register(
            "elections.rounds",
            order=94,
            label=_("换届选举"),
            url_name="elections:rounds",
            perm="elections.view",
        )

        audit_verbs_roll.register()  # the round, the committee and the roll
        audit_verbs_count.register()  # candidates, the count and the result
