from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "gongzhi.offers"
    label = "offers"
    verbose_name = "微服务"
