from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "gongzhi.offers"
    label = "offers"
    verbose_name = _("微服务")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register
        from gongzhi.hours.sources import hours_source_register

        from .actions import CREDIT_SOURCE
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        hours_source_register(CREDIT_SOURCE, label=_("微服务"), permission="offers.serve")
        nav_register("offers.list", order=20, label=_("微服务"), url_name="offers:list")
