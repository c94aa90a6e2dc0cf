"""The power list's flows as a kernel hook: a small power's procedure as ordered steps, for whoever follows it.

The village power list (小微权力清单) is kept by one feature; another (the service counter's applications)
makes a record of a bound kind follow its item's flow. Features never import each other, so the kernel
holds only this: the fixed vocabulary of a step's kind, the step as data, and one provider hook — the
feature keeping the list registers `power_flow_provider_register(fn)` in its `AppConfig.ready`, the one
following it asks `power_flow_for(community, code)`. Nothing here knows either (decision 0044).

A step's kinds (the procedure's verbs in the published county standards):

- ``verify`` 核实: staff check the facts (入户调查) and write what they found;
- ``meeting`` 会议: a meeting of the community's body of kind ``body`` (a `bodies.BodyKind` value, e.g.
  ``representatives`` for 民主评议, ``joint`` for the 两委会) votes, and its verdict is recorded;
- ``publish`` 公示: the matter is published on the community's board for ``days`` calendar days; objections
  received in that window must be answered before the next step;
- ``sign`` 签批: the committee's chair signs;
- ``report`` 报送: sent to the township (passing the record up to the township fulfils it).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

VERIFY, MEETING, PUBLISH, SIGN, REPORT = "verify", "meeting", "publish", "sign", "report"
STEP_KINDS = {
    VERIFY: _("核实"),
    MEETING: _("会议"),
    PUBLISH: _("公示"),
    SIGN: _("签批"),
    REPORT: _("报送"),
}
PUBLISH_DAYS_DEFAULT = 7  # the recommendations' 公示 (社会救助暂行办法实施 practice: 7 days)
PUBLISH_DAYS_MAX = 30
STEPS_MAX = 10


@dataclass(frozen=True)
class FlowStep:
    kind: str
    label: str = ""
    body: str = ""  # a meeting's body kind
    days: int = 0  # a publication's days

    def as_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "body": self.body, "days": self.days}

    @classmethod
    def of(cls, raw: dict) -> "FlowStep":
        return cls(
            kind=str(raw.get("kind", "")),
            label=str(raw.get("label", "")),
            body=str(raw.get("body", "")),
            days=int(raw.get("days") or 0),
        )


@dataclass(frozen=True)
class PowerFlow:
    """The flow a community follows for one item of its power list."""

    code: str
    name: str
    basis: str
    steps: tuple[FlowStep, ...]


Provider = Callable[[object, str], PowerFlow | None]
_providers: list[Provider] = []


def power_flow_provider_register(provider: Provider) -> None:
    """The power list's answer to "which flow does this community follow for this code" (None: no such item)."""
    if provider not in _providers:
        _providers.append(provider)


def power_flow_for(community, code: str) -> PowerFlow | None:
    for provider in _providers:
        flow = provider(community, code)
        if flow is not None:
            return flow
    return None
