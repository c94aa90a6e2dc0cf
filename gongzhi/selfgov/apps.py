from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfgovConfig(AppConfig):
    name = "gongzhi.selfgov"
    label = "selfgov"
    verbose_name = _("村(居)民自治")

    def ready(self) -> None:
        from . import indicators as oversight_indicators

        oversight_indicators.register()  # its figures on the township's oversight page
        from gongzhi.core.power_flows import power_flow_provider_register

        from . import audit_verbs_decisions, power_flows, proposals_registry

        audit_verbs_decisions.register()
        proposals_registry.register()
        power_flow_provider_register(power_flows.power_flow_of)
        from . import fund_decisions  # spending plans approved by a 四议两公开 decision (gongzhi.funds, 0058)

        fund_decisions.register()
