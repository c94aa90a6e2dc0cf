"""Meeting figures on the township's supervision page (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Entry, Indicator, ReportList, indicator_register, report_list_register
from gongzhi.core.quorum import RULES

from .selectors import representatives_meetings_by_community, representatives_meetings_of


def register() -> None:
    indicator_register(
        Indicator(
            code="meetings.representatives", label=_("代表会议召开次数"), group=_("议事会议"), unit=_("次"),
            compute=representatives_meetings_by_community, order=500,
            note=_("期间召开的村(居)民代表会议（每季度至少一次）"),
        )
    )  # fmt: skip
    register_lists()


def _meetings(community, start, end) -> list[Entry]:
    return [
        Entry(
            m.held_on,
            m.title or (str(RULES[m.body_kind].label) if m.body_kind in RULES else ""),
            m.get_state_display(),
        )
        for m in representatives_meetings_of(community, start, end)
    ]


def register_lists() -> None:
    report_list_register(ReportList("meetings.representatives", _("召开的代表会议"), _meetings, order=500))
