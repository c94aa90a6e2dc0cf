from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HoursConfig(AppConfig):
    name = "gongzhi.hours"
    label = "hours"
    verbose_name = _("服务时长")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.audit.verbs import verb_register

        verb_register(
            "hours.certificate_printed",
            _("打印志愿服务时长证明"),
            _("打印{target}的志愿服务时长证明：{lines} 条记录，共 {hours} 小时"),
        )
