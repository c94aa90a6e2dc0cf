"""Mediation outcomes on the township's oversight page, in aggregate only (gongzhi.core.indicators): counts of
closed disputes by outcome; no party, code or fact."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.indicators import Indicator, indicator_register

from .models import Outcome
from .selectors import outcome_counter

LABELS = {
    Outcome.AGREEMENT: _("调解成功"),
    Outcome.FAILED: _("调解不成"),
    Outcome.WITHDRAWN: _("当事人撤回"),
    Outcome.DECLINED: _("不予受理"),
}


def register() -> None:
    for order, (outcome, label) in enumerate(LABELS.items()):
        indicator_register(
            Indicator(
                code=f"mediation.{outcome.value}", label=label, group=_("人民调解"), unit=_("件"),
                compute=outcome_counter(outcome.value), order=700 + order, note=_("期间结案的纠纷按结果计数"),
            )
        )  # fmt: skip
