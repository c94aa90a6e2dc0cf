from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    name = "gongzhi.devtools"
    label = "devtools"
    verbose_name = "演示数据"
