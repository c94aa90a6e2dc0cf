"""The election round on the township's oversight page (gongzhi.core.indicators)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Aggregate, Indicator, indicator_register

from .selectors import stage_by_community


def register() -> None:
    indicator_register(
        Indicator(
            code="elections.stage", label=_("换届选举"), group=_("村规民约与换届"), unit=_("阶段"),
            compute=stage_by_community, aggregate=Aggregate.TEXT, order=310,
            note=_("期末最近一次换届选举所处的阶段；合计为已部署选举的村(社区)数"),
        )
    )  # fmt: skip
