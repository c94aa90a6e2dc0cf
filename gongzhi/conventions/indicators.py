"""The convention campaign on the township's oversight page (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Aggregate, Indicator, indicator_register

from .selectors import stage_by_community


def register() -> None:
    indicator_register(
        Indicator(
            code="conventions.stage", label=_("村规民约修订"), group=_("村规民约与换届"), unit=_("阶段"),
            compute=stage_by_community, aggregate=Aggregate.TEXT, order=300,
            note=_("期末最近一次村规民约(居民公约)修订所处的阶段；合计为有修订的村(社区)数"),
        )
    )  # fmt: skip
