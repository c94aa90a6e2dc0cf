"""The community funds' figures for the township's page of figures (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Indicator, indicator_register

from .selectors import (
    boards_published_by_community,
    income_by_community,
    spent_by_community,
    unreviewed_by_community,
)


def register() -> None:
    group = _("经费")
    indicator_register(
        Indicator(
            code="funds.income", label=_("经费到账"), group=group, unit=_("元"), compute=income_by_community,
            order=900, note=_("期间到账的专项经费、办公经费等各项收入合计"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="funds.spent", label=_("经费支出"), group=group, unit=_("元"), compute=spent_by_community,
            order=910, note=_("期间经两人审批的支出合计，按支出日期"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="funds.unreviewed", label=_("待民主理财审核"), group=group, unit=_("笔"),
            compute=unreviewed_by_community, order=920, note=_("期间已审批、监委会尚未审核的支出笔数"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="funds.boards", label=_("财务公开"), group=group, unit=_("期"),
            compute=boards_published_by_community, order=930, note=_("期间开始的各期财务公开中已公开的期数"),
        )
    )  # fmt: skip
