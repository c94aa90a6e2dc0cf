from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongzhi.core"
    label = "core"
    verbose_name = _("核心")

    def ready(self) -> None:
        from django.urls import register_converter

        from .ids import IdConverter, YearConverter

        # Before any URL configuration is imported: every pattern takes ids as <id:…>, never <int:…>.
        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")
