from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "gongzhi.areas"
    label = "areas"
    verbose_name = _("区域")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register

        # The area tree is a tool of whoever keeps the register.
        nav_register(
            "areas.tree", order=60, label=_("区域"), url_name="areas:tree", perm="residents.view_resident"
        )
