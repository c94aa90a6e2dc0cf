"""Referring a matter from one feature to another, as a kernel hook: "转人民调解" from a note or a wish.

Features never import each other. A feature that receives referrals (the
people's dispute committee, 人民调解) registers a receiver in its `AppConfig.ready`; a feature that
refers (微民情, 微心愿) authorizes its own handler, then calls
`referral_send(target, …)` inside its action's transaction and gets back the
receiving case's code, which it writes on its own timeline. The kernel names
neither. The receiver decides what the referred matter becomes and who reads
it (a dispute: its parties, mediators and chair only — not the referrer).
Targets are named by plain strings that the two features agree on.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class ReferralTarget:
    name: str
    label: str | Promise
    # receive(actor=, community=, source=, source_ref=, facts=, resident=) -> the new case's code
    receive: Callable[..., str]


_TARGETS: dict[str, ReferralTarget] = {}


def referral_target_register(
    name: str, *, label: str | Promise, receive: Callable[..., str]
) -> ReferralTarget:
    target = ReferralTarget(name, label, receive)
    _TARGETS[name] = target
    return target


def referral_target(name: str) -> ReferralTarget | None:
    """The registered receiver, or None when the feature that receives is not installed (hide the button)."""
    return _TARGETS.get(name)


def referral_send(
    name: str, *, actor, community, source: str, source_ref: int, facts: str, resident=None
) -> str:
    """Hand a matter over; the caller has authorized `actor` and runs this inside its own transaction."""
    target = _TARGETS.get(name)
    if target is None:
        raise LookupError(f"no referral target {name!r}: its feature registers it in AppConfig.ready")
    return target.receive(
        actor=actor, community=community, source=source, source_ref=source_ref, facts=facts, resident=resident
    )
