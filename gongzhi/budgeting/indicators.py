"""The participatory budget's figures for the township's page of figures (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Aggregate, Indicator, indicator_register

from .selectors import funded_by_community, proposed_by_community, ratings_by_community


def register() -> None:
    group = _("村公资金")
    indicator_register(
        Indicator(
            code="budgeting.proposed", label=_("居民提出项目"), group=group, unit=_("个"),
            compute=proposed_by_community, order=940, note=_("期间居民提出（或请工作人员代为登记）的村公资金项目数"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="budgeting.funded", label=_("议定立项"), group=group, unit=_("个"),
            compute=funded_by_community, order=950, note=_("期间经议事会议定立项的项目数，按议定日期"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="budgeting.rating", label=_("完工项目平均评分"), group=group, unit=_("星"),
            compute=ratings_by_community, aggregate=Aggregate.RATE, places=1, order=960,
            note=_("期间居民为完工项目的评分（1至5星）的平均数，全镇按全部评分平均"),
        )
    )  # fmt: skip
