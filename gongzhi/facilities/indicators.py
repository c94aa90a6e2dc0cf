"""Facility figures on the township's oversight page (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Indicator, indicator_register

from .selectors import gap_counts_by_community


def register() -> None:
    indicator_register(
        Indicator(
            code="facilities.gap", label=_("缺少的必备阵地"), group=_("阵地与人员"), unit=_("类"),
            compute=gap_counts_by_community, order=600,
            note=_("按镇里的阵地建设标准，目前还缺少的必备阵地类型数"),
        )
    )  # fmt: skip
