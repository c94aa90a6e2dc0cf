from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HoursConfig(AppConfig):
    name = "gongzhi.hours"
    label = "hours"
    verbose_name = _("服务时长")

    def ready(self) -> None:
        from gongzhi.audit.verbs import verb_register
        from gongzhi.core.deeds import DeedAct, deed_source_register

        from .selectors import hours_deeds_between

        # The service-hours record is a source of recorded deeds: a credit exists only once the helped person
        # (or a witness) confirmed the service (every hours source registered with gongzhi.hours.sources).
        deed_source_register(
            "hours", label=_("志愿服务时长"), act=DeedAct.SERVICE_CONFIRMED, lister=hours_deeds_between
        )
        verb_register(
            "hours.certificate_printed",
            _("打印志愿服务时长证明"),
            _("打印{target}的志愿服务时长证明：{lines} 条记录，共 {hours} 小时"),
        )
