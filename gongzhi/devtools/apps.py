from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    name = "gongzhi.devtools"
    label = "devtools"
    verbose_name = _("演示数据")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.audit.verbs import verb_register

        verb_register(
            "system.seeded",
            _("生成演示数据"),
            _("生成演示数据：{communities} 个村（社区），{residents} 名居民，{wishes} 个心愿"),
        )
