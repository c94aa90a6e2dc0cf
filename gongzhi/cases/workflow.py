"""Case types as data: their states, their moves, and how long each state may last.

A feature app declares its case type once (`case_type_register`) and then
moves cases only through `gongzhi.cases.actions.case_move`, which refuses
any move the type does not declare from the current state. A time limit
attached to a state sets the case's due time when the case enters that
state, in workdays (public holidays and 调休 known) or calendar days.

Its moves are the lifecycles' `Move` (`gongzhi.core.moves`, importable
from here too), read the case engine's way: who may make a move is its
`permission`, a permission of the feature's rules asked with the feature's
row (a Wish, a SituationNote) — "only the author may withdraw"; without one,
the staff the case is routed to in the source state (`CaseType.roles_in`,
over the case's area and department). `check` adds a condition of time or
facts ("within 7 days of closing"), asked with the same row. A move that is
not `manual` is made by the system only (a claim period running out) and is
never offered to anyone. The lifecycle's guards and refusals are not used
by case types: `case_move` names the state, or the caller's own message.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.core.moves import Move, MoveCheck

__all__ = [
    "CaseType",
    "Limit",
    "Move",
    "MoveCheck",
    "case_type_of",
    "case_type_register",
    "case_types",
    "closed_within",
    "ENGINE_VERBS",
]

Label = str | Promise

# Moves the engine itself makes on every kind of case, whatever its type declares.
ENGINE_VERBS: dict[str, Label] = {
    "open": _("提交"),
    "rate": _("评价"),
    "redact": _("隐去个人信息"),
    "release_pii": _("保留个人信息公开"),
    "escalate": _("吹哨"),
    "escalation_reply": _("部门答复"),
    "escalation_close": _("结束吹哨"),
}


@dataclass(frozen=True)
class Limit:
    amount: int
    unit: Literal["workdays", "calendar_days"]


def closed_within(days: int) -> MoveCheck:
    """A move check: the case closed less than `days` days ago (reopen within 7 days)."""

    def check(user: Any, subject: Any, now: dt.datetime) -> bool:
        closed_at = getattr(subject, "case", subject).closed_at
        return closed_at is None or closed_at >= now - dt.timedelta(days=days)

    return check


@dataclass(frozen=True)
class CaseType:
    kind: str
    label: Label
    states: dict[str, Label]
    initial: str
    moves: tuple[Move, ...]
    closed: frozenset[str] = frozenset()
    # Entering one of these states sets the due time; entering any other clears it.
    limits: dict[str, Limit] = field(default_factory=dict)
    # Who works on cases of this type, over the case's area, and in which states the
    # case waits for them: their queue, their overdue marks and their daily digest.
    staff_roles: frozenset[str] = frozenset()
    waiting_states: frozenset[str] = frozenset()
    queue_url: str = ""  # URL name of the staff queue, for the digest's links
    # Routing by stage: the roles acting in a state (a front desk, then a back office);
    # a state not named here falls back to `staff_roles`. See `roles_in`.
    state_roles: dict[str, frozenset[str]] = field(default_factory=dict)
    # ... and, where it matters, over which kinds of area those roles must be held (AreaKind values): the
    # township's window, not a village's, handles an application forwarded up (a state not named: any).
    state_levels: dict[str, frozenset[str]] = field(default_factory=dict)
    # 回避: the moves the case is routed for (those without a permission of their own) are never the
    # author's, even where the author is staff the case is routed to (a window clerk's own application).
    recusal: bool = False
    # The author's rating (an engine move): in which states, and the feature's permission for it.
    rate_states: frozenset[str] = frozenset()
    rate_perm: str = ""
    # What each rating is called ({1: "非常不满意", …}, a national scale); empty: stars (1★ … 5★).
    rating_labels: Mapping[int, Label] = field(default_factory=dict)
    # URL name of one case's page (its id as the only argument), for links from the engine's pages.
    detail_url: str = ""

    def __post_init__(self) -> None:
        states = set(self.states)
        assert self.initial in states, f"{self.kind}: unknown initial state"
        assert self.closed <= states, f"{self.kind}: unknown closed states"
        assert set(self.limits) <= states, f"{self.kind}: limits on unknown states"
        assert self.waiting_states <= states, f"{self.kind}: unknown waiting states"
        assert set(self.state_roles) <= states, f"{self.kind}: roles for unknown states"
        assert set(self.state_levels) <= states, f"{self.kind}: levels for unknown states"
        assert self.rate_states <= self.closed, f"{self.kind}: rating before the case is closed"
        for move in self.moves:
            assert move.sources <= states, f"{self.kind}.{move.verb}: unknown state"
            assert move.target in states, f"{self.kind}.{move.verb}: unknown state"

    def move(self, verb: str, state: str) -> Move | None:
        """The declared move `verb` from `state`, or None."""
        for move in self.moves:
            if move.verb == verb and state in move.sources:
                return move
        return None

    def roles_in(self, state: str) -> frozenset[str]:
        """The roles that act on a case of this type while it is in `state`."""
        return self.state_roles.get(state, self.staff_roles)

    def levels_in(self, state: str) -> frozenset[str]:
        """The kinds of area over which the roles acting in `state` must be held (empty: any)."""
        return self.state_levels.get(state, frozenset())

    def waiting_roles(self) -> frozenset[str]:
        """The roles a case of this type waits for in one of its waiting states: whose digest may name it."""
        return frozenset().union(*(self.roles_in(state) for state in self.waiting_states))

    def verbs_from(self, state: str) -> list[str]:
        return [m.verb for m in self.moves if state in m.sources]

    def rating_label(self, rating: int) -> str:
        label = self.rating_labels.get(rating)
        return str(label) if label is not None else f"{rating}★"

    def state_label(self, state: str) -> str:
        return str(self.states.get(state, state))

    def verb_label(self, verb: str) -> str:
        return str(
            next((m.label for m in self.moves if m.verb == verb), None) or ENGINE_VERBS.get(verb, verb)
        )


_REGISTRY: dict[str, CaseType] = {}


def case_type_register(case_type: CaseType) -> CaseType:
    _REGISTRY[case_type.kind] = case_type
    return case_type


def case_type_of(kind: str) -> CaseType:
    return _REGISTRY[kind]


def case_types() -> list[CaseType]:
    return list(_REGISTRY.values())
