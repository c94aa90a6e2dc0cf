from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "gongzhi.meetings"
    label = "meetings"
    verbose_name = _("会议记录")

    def ready(self) -> None:
        from . import indicators

        indicators.register()  # its figures in the indicators registry (gongzhi.core.indicators)
        from django.utils.translation import gettext_lazy as _

        from gongzhi.audit.verbs import verb_register

        from . import workflow  # noqa: F401  (the convened meeting's lifecycle)
        from .sentences import meeting_item_voted, meeting_recorded, meetings_register

        verb_register("meeting.recorded", _("记录会议"), meeting_recorded)
        verb_register("meeting.item_voted", _("记录会议表决"), meeting_item_voted)
        verb_register(
            "meeting.item_confirmed",
            _("复核会议表决"),
            _("复核「{title}」的表决票数：赞成 {in_favour}，反对 {against}，弃权 {abstaining}"),
        )
        meetings_register()

        from gongzhi.core.home import home_section_register

        from .home import called_meetings_section

        home_section_register(
            "meetings.called", order=30, template="meetings/home_called.html", build=called_meetings_section
        )

        from gongzhi.core.nav import nav_register

        nav_register(
            "meetings.index", order=75, label=_("会议"), url_name="meetings:index", perm="meetings.view"
        )
