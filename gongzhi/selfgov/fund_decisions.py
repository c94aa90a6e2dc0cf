"""The 四议两公开 decisions that may approve a community's spending plan (gongzhi.funds), offered through the
kernel hook `core.fund_decisions` (decision 0058): a decision whose resolution passed (being disclosed, executed,
its result disclosed, or done)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fund_decisions import FundDecision, fund_decision_source_register

from .models import Decision, DecisionState

RESOLVED = (DecisionState.DISCLOSURE, DecisionState.EXECUTING, DecisionState.RESULT, DecisionState.DONE)
LIST_MAX = 100


def _decision(decision: Decision) -> FundDecision:
    return FundDecision(
        app="selfgov",
        id=decision.pk,
        label=f"{decision.started_at:%Y-%m} {decision.title}",
        four_two=True,
        url=reverse("selfgov:decision", args=[decision.pk]),
    )


def resolved(community) -> list[FundDecision]:
    found = Decision.objects.filter(community=community, state__in=RESOLVED).order_by("-started_at", "-id")
    return [_decision(d) for d in found[:LIST_MAX]]


def get(community, decision_id: int) -> FundDecision | None:
    found = Decision.objects.filter(community=community, state__in=RESOLVED, pk=decision_id).first()
    return _decision(found) if found is not None else None


def register() -> None:
    fund_decision_source_register("selfgov", label=_("四议两公开"), resolved=resolved, get=get)
