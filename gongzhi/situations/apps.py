from django.apps import AppConfig


class SituationsConfig(AppConfig):
    name = "gongzhi.situations"
    label = "situations"
    verbose_name = "微民情"
