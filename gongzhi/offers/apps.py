from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "gongzhi.offers"
    label = "offers"
    verbose_name = "微服务"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.hours.sources import hours_source_register

        from .actions import CREDIT_SOURCE

        hours_source_register(CREDIT_SOURCE, label=_("微服务"), permission="offers.serve")
