from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HoursConfig(AppConfig):
    name = "gongzhi.hours"
    label = "hours"
    verbose_name = _("服务时长")
