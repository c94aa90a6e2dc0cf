"""The staffing figures (队伍) on the township's oversight page (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Indicator, indicator_register

from .selectors import short_by_community, uncovered_by_community, workers_by_community


def register() -> None:
    group = _("队伍")
    indicator_register(
        Indicator(
            code="workforce.workers", label=_("专兼职工作者"), group=group, unit=_("人"),
            compute=workers_by_community, order=800, note=_("今天在岗的专兼职工作者人数（现状，不随期间变化）"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="workforce.short", label=_("距配备目标缺员"), group=group, unit=_("人"),
            compute=short_by_community, order=810, note=_("乡镇配备目标的最少人数减去今天在岗人数（现状）"),
        )
    )  # fmt: skip
    indicator_register(
        Indicator(
            code="workforce.uncovered", label=_("无人任职的网格、小组、楼栋"), group=group, unit=_("处"),
            compute=uncovered_by_community, order=820,
            note=_("配备目标要求每处都有的岗位中，今天无人任职的网格、小组或楼栋数（现状）"),
        )
    )  # fmt: skip
