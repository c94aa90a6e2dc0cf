"""The service hall's figures on the township's oversight page (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Aggregate, Indicator, indicator_register

from .selectors.indicators import on_time_by_community, satisfaction_by_community


def register() -> None:
    group = _("便民服务")
    indicator_register(
        Indicator(
            code="hall.on_time", label=_("按时办结率"), group=group, unit="%", compute=on_time_by_community,
            aggregate=Aggregate.RATE, scale=100, order=100,
            note=_("期间受理的申请中，按承诺时限出件的占有承诺时限的已办结件的比例"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="hall.satisfaction", label=_("满意率"), group=group, unit="%", compute=satisfaction_by_community,
            aggregate=Aggregate.RATE, scale=100, order=110,
            note=_("期间受理的申请中，评价为满意或非常满意的占已评价件的比例"),
        )
    )  # fmt: skip
