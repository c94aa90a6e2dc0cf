from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "gongzhi.legal"
    # Not "legal": the residents' register keeps a tag coded "legal_literate", and no kernel file may name a
    # feature app's label (tests/test_boundaries.py).
    label = "lawaid"
    verbose_name = _("法律顾问与法律明白人")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.home import home_section_register, public_link_register, robots_register
        from gongzhi.core.nav import nav_register
        from gongzhi.core.periodic import periodic_job_register
        from gongzhi.core.posts import people_in_posts_register

        from . import home, workflow  # noqa: F401  (the lifecycles)
        from .actions import consultation_reminders
        from .audit_verbs import audit_verbs_register
        from .selectors import SAVVY_SOURCE, savvy_in_office

        audit_verbs_register()
        # The roster of 法律明白人 is their one record (decision 0061): a staffing page reads it from here.
        people_in_posts_register(
            SAVVY_SOURCE,
            order=10,
            label=_("法治·法律明白人名册"),
            post="法律明白人",
            holders=savvy_in_office,
            url_name="legal:community",
        )
        periodic_job_register(
            "legal_consultation_reminders", consultation_reminders, "法律咨询预约前一天提醒预约的居民"
        )
        home_section_register(
            "legal.work", order=45, template="legal/home_work.html", build=home.work_section
        )
        nav_register("legal.index", order=94, label=_("法治"), url_name="legal:index", perm="legal.view")
        nav_register(
            "legal.consult", order=95, label=_("法律咨询"), url_name="legal:consult", perm="legal.book"
        )
        public_link_register("legal", order=28, label=_("民主法治示范村"), url_name="legal:named")
        robots_register("legal", order=28, lines=["Allow: /legal/named/"])
