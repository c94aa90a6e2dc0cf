"""Disclosure figures on the township's supervision page (gongzhi.core.indicators)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Entry, Indicator, ReportList, indicator_register, report_list_register

from .selectors import overdue_by_community, published_in


def register() -> None:
    indicator_register(
        Indicator(
            code="disclosures.overdue", label=_("逾期公开"), group=_("四议两公开"), unit=_("项"),
            compute=overdue_by_community, order=420,
            note=_("期间应公开的事项中，逾期才公开或到期仍未公开的"),
        )
    )  # fmt: skip
    report_list_register(ReportList("disclosures.published", _("发布的公开"), _published, order=420))


def _published(community, start, end) -> list[Entry]:
    return [
        Entry(timezone.localdate(d.published_at), d.title, str(_("已撤回")) if d.withdrawn_at else "")
        for d in published_in(community, start, end)
    ]
