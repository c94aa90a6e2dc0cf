"""Which decisions may approve a spending plan, as a kernel hook (gongzhi.funds reads it, features fill it).

gongzhi.funds is a kernel app and never imports a feature. A feature whose decisions can approve spending (the
四议两公开 decisions of the self-governance feature) registers a source in its `AppConfig.ready`:

- `resolved(community)` lists the community's resolved decisions as `FundDecision`s (newest first);
- `get(community, decision_id)` returns one of them, or None when it is not a resolved decision of that community.

funds then keeps the decision's app, id and label on the plan. Without any source installed, only a meeting item
(gongzhi.meetings, kernel) can approve a plan.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class FundDecision:
    app: str  # the registering app's label
    id: int
    label: str  # e.g. "2026-07 修建村道（四议两公开）"
    four_two: bool  # reached through 四议两公开
    url: str = ""


@dataclass(frozen=True)
class FundDecisionSource:
    app: str
    label: str | Promise
    resolved: Callable[..., list[FundDecision]]
    get: Callable[..., FundDecision | None]


_SOURCES: dict[str, FundDecisionSource] = {}


def fund_decision_source_register(
    app: str,
    *,
    label: str | Promise,
    resolved: Callable[..., list[FundDecision]],
    get: Callable[..., FundDecision | None],
) -> FundDecisionSource:
    source = FundDecisionSource(app, label, resolved, get)
    _SOURCES[app] = source
    return source


def fund_decisions_resolved(community) -> list[FundDecision]:
    """Every registered source's resolved decisions of `community` (empty when no source is installed)."""
    found: list[FundDecision] = []
    for source in _SOURCES.values():
        found.extend(source.resolved(community))
    return found


def fund_decision_get(community, app: str, decision_id: int) -> FundDecision | None:
    source = _SOURCES.get(app)
    if source is None:
        return None
    return source.get(community, decision_id)
