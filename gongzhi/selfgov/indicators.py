"""四议两公开 figures on the township's oversight page (gongzhi.core.indicators)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Entry, Indicator, ReportList, indicator_register, report_list_register

from .selectors.decisions import decisions_done_by_community, decisions_of, decisions_started_by_community


def register() -> None:
    group = _("四议两公开")
    indicator_register(
        Indicator(
            code="selfgov.started", label=_("启动决策事项"), group=group, unit=_("件"),
            compute=decisions_started_by_community, order=400, note=_("期间按四议两公开启动的决策事项"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="selfgov.done", label=_("完成决策事项"), group=group, unit=_("件"),
            compute=decisions_done_by_community, order=410, note=_("期间走完全部环节、实施结果已公开的决策事项"),
        )
    )  # fmt: skip
    report_list_register(ReportList("selfgov.decisions", _("四议两公开决策事项"), _decisions, order=400))


def _decisions(community, start, end) -> list[Entry]:
    return [
        Entry(timezone.localdate(d.started_at), d.title, d.get_state_display())
        for d in decisions_of(community, start, end)
    ]
