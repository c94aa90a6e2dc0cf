from django.apps import AppConfig


class HoursConfig(AppConfig):
    name = "gongzhi.hours"
    label = "hours"
    verbose_name = "服务时长"
