from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "gongzhi.areas"
    label = "areas"
    verbose_name = _("区域")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.nav import nav_register

        from .audit_verbs import audit_verbs_register

        audit_verbs_register()

        # The area tree is a tool of whoever keeps the register.
        nav_register(
            "areas.tree", order=60, label=_("区域"), url_name="areas:tree", perm="residents.view_resident"
        )
        # The township's departments (科室/部门): the township office keeps them.
        nav_register(
            "areas.departments",
            order=62,
            label=_("部门"),
            url_name="areas:departments",
            perm="areas.manage_departments",
        )
