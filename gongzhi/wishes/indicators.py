"""The wish wall's figures on the township's oversight page (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Aggregate, Indicator, indicator_register

from .selectors import claimed_by_community, confirmed_by_community, response_hours_by_community


def register() -> None:
    group = _("微心愿")
    indicator_register(
        Indicator(
            code="wishes.claimed", label=_("认领心愿"), group=group, unit=_("件"), compute=claimed_by_community,
            order=200, note=_("期间被认领的心愿"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="wishes.confirmed", label=_("确认完成心愿"), group=group, unit=_("件"),
            compute=confirmed_by_community, order=210, note=_("期间由心愿人（或见证人）确认完成的心愿"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="wishes.response_hours", label=_("平均认领用时"), group=group, unit=_("小时"),
            compute=response_hours_by_community, aggregate=Aggregate.RATE, order=220,
            note=_("期间被认领的心愿从发布到认领的平均小时数"),
        )
    )  # fmt: skip
