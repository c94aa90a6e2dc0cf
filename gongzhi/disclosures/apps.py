from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "gongzhi.disclosures"
    label = "disclosures"
    verbose_name = _("党务村务财务公开")

    def ready(self) -> None:
        from . import indicators

        indicators.register()  # its figures in the indicators registry (gongzhi.core.indicators)
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.home import home_section_register, public_link_register, robots_register
        from gongzhi.core.nav import nav_register

        from . import home
        from .audit_verbs import audit_verbs_register

        audit_verbs_register()
        home_section_register(
            "disclosures.work", order=45, template="disclosures/home_work.html", build=home.work_section
        )
        public_link_register("disclosures", order=15, label=_("公开栏"), url_name="disclosures:board")
        robots_register(
            "disclosures",
            order=15,
            lines=["Allow: /disclosures/c/", "Allow: /disclosures/d/", "Disallow: /disclosures/manage/"],
        )
        nav_register(
            "disclosures.index",
            order=72,
            label=_("公开栏"),
            url_name="disclosures:index",
            perm="disclosures.view",
        )
