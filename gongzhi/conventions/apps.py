from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionsConfig(AppConfig):
    name = "gongzhi.conventions"
    label = "conventions"
    verbose_name = _("村规民约")

    def ready(self) -> None:
        from . import indicators as oversight_indicators

        oversight_indicators.register()  # its figures on the township's oversight page
        from django.utils.translation import gettext_lazy as _

        from gongzhi.core.home import home_section_register, public_link_register, robots_register
        from gongzhi.core.library import library_source_register
        from gongzhi.core.nav import nav_register
        from gongzhi.core.periodic import periodic_job_register
        from gongzhi.meetings.http import meeting_document_root_register

        from . import home
        from .actions import conventions_deadline_reminders
        from .audit_verbs import audit_verbs_register
        from .selectors import library_rows_of

        audit_verbs_register()
        library_source_register("conventions", order=10, rows=library_rows_of)
        meeting_document_root_register(
            "conventions"
        )  # adoption PDFs stored before gongzhi.meetings held them

        periodic_job_register(
            "convention_deadlines",
            conventions_deadline_reminders,
            "村规民约修订期限前7天、1天提醒未备案的村(社区)",
        )
        home_section_register(
            "conventions.work", order=40, template="conventions/home_work.html", build=home.work_section
        )
        public_link_register("conventions", order=20, label=_("村规民约"), url_name="conventions:public")
        robots_register("conventions", order=20, lines=["Allow: /conventions/c/"])
        nav_register(
            "conventions.index",
            order=70,
            label=_("村规民约"),
            url_name="conventions:index",
            perm="conventions.view",
        )
