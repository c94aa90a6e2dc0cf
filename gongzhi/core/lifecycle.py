"""Lifecycles as data for the stateful records that are not cases, and the one function that moves them.

A feature declares each stateful model's lifecycle once, in its app's
`workflow.py`: the states, the initial one, the closed ones, and the moves
(verb, from-states, to-state) — each move with the permission that says who
may make it and the guards that say whether it is possible now (the service
has not started yet, the filing is not yet acknowledged). Actions then change
the state only through `lifecycle_move`, and pages ask `lifecycle_moves_for`
which moves a user may make now, so the two cannot disagree.

Cases have the same shape with more to them (due
times, queues, notices): `gongzhi.cases.workflow`, whose case types declare
their moves with this same `Move` (declared in `gongzhi.core.moves`).
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Generic, TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.audit.actions import audit_event_record

from .authz import can
from .errors import Conflict, DomainError
from .moves import Guard, Label, Move, MoveCheck, Refusal

__all__ = [
    "Guard",
    "Label",
    "Lifecycle",
    "Move",
    "MoveCheck",
    "Moved",
    "Refusal",
    "lifecycle_check",
    "lifecycle_move",
    "lifecycle_moves_for",
    "lifecycle_of",
    "lifecycle_register",
    "lifecycle_verbs_for",
]

T = TypeVar("T")


EventWriter = Callable[..., Any]


@dataclass(frozen=True)
class Lifecycle:
    model: str  # the model's label, "app_label.ModelName": lifecycle_of(obj) finds it by that
    states: Mapping[str, Label]
    initial: str
    moves: tuple[Move, ...]
    closed: frozenset[str] = frozenset()
    field: str = "state"
    # Set to now on entering a closed state, cleared on leaving one ("" = the model keeps no such field).
    closed_at_field: str = ""
    # Further fields every save of a move writes (auto_now fields such as updated_at).
    touch: tuple[str, ...] = ()
    # Writes the model's own event row: event(obj, actor=, verb=, from_state=, to_state=, note=, **event_fields).
    event: EventWriter | None = None
    error: type[DomainError] = Conflict

    def __post_init__(self) -> None:
        states = set(self.states)
        assert self.initial in states, f"{self.model}: unknown initial state"
        assert self.closed <= states, f"{self.model}: unknown closed states"
        for move in self.moves:
            assert move.sources <= states, f"{self.model}.{move.verb}: unknown state"
            assert move.target in states, f"{self.model}.{move.verb}: unknown state"
            assert set(move.refusals) <= states, f"{self.model}.{move.verb}: refusals for unknown states"

    def move(self, verb: str, state: str) -> Move | None:
        """The declared move `verb` from `state`, or None."""
        for move in self.moves:
            if move.verb == verb and state in move.sources:
                return move
        return None

    def verbs(self) -> set[str]:
        return {move.verb for move in self.moves}

    def state_label(self, state: str) -> str:
        return str(self.states.get(state, state))

    def verb_label(self, verb: str) -> str:
        return str(next((m.label for m in self.moves if m.verb == verb), verb))

    def refusal(self, verb: str, state: str) -> Refusal:
        """Why `verb` is not possible from `state`."""
        declared = [m for m in self.moves if m.verb == verb]
        for move in declared:
            if state in move.refusals:
                return move.refusals[state]
        for move in declared:
            if move.refused is not None:
                return move.refused
        return Refusal(_("当前状态为“%(state)s”，不能%(verb)s。"), "move_refused")


_REGISTRY: dict[str, Lifecycle] = {}


def lifecycle_register(lifecycle: Lifecycle) -> Lifecycle:
    _REGISTRY[lifecycle.model] = lifecycle
    return lifecycle


def lifecycle_of(obj) -> Lifecycle:
    """The lifecycle declared for `obj`'s model (a model instance or class), in its app's `workflow.py`."""
    label = obj._meta.label
    if label not in _REGISTRY:
        import_module(f"{obj._meta.app_config.name}.workflow")
    return _REGISTRY[label]


def _refuse(lifecycle: Lifecycle, refusal: Refusal, *, verb: str, state: str) -> DomainError:
    values = {"state": lifecycle.state_label(state), "verb": lifecycle.verb_label(verb)}
    return lifecycle.error(str(refusal.message) % values, code=refusal.code, field=refusal.field)


def lifecycle_check(obj, verb: str) -> Move:
    """The move `verb` of `obj` if it is declared from the current state and its guards hold; else the refusal."""
    lifecycle = lifecycle_of(obj)
    state = getattr(obj, lifecycle.field)
    declared = lifecycle.move(verb, state)
    for move in [m for m in lifecycle.moves if m.verb == verb and m.guards_first][:1] + [declared]:
        if move is None:
            raise _refuse(lifecycle, lifecycle.refusal(verb, state), verb=verb, state=state)
        for guard in move.guards:
            if not guard.test(obj):
                raise _refuse(lifecycle, guard.refusal, verb=verb, state=state)
    assert declared is not None
    return declared


@dataclass(frozen=True)
class Moved(Generic[T]):
    """The record after the move, the move made, the state it left and the event row written (if any)."""

    obj: T
    move: Move
    before: str
    event: Any = None


def lifecycle_move(
    obj: T,
    verb: str,
    *,
    actor,
    audit_verb: str,
    summary: dict | None = None,
    area=None,
    note: str = "",
    changes: Mapping[str, Any] | None = None,
    event_fields: Mapping[str, Any] | None = None,
) -> Moved[T]:
    """Move `obj` (the caller's locked row) by `verb`, inside the caller's transaction.

    Refuses (the lifecycle's error, with the move's message and code) a move
    not declared from the current state or one whose guard fails; otherwise
    sets the state and `changes`, saves only those fields, writes the
    model's event row (if the lifecycle has one) and the audit row.
    The caller has authorized the actor and locked the row.
    """
    lifecycle = lifecycle_of(obj)
    move = lifecycle_check(obj, verb)
    before = getattr(obj, lifecycle.field)
    setattr(obj, lifecycle.field, move.target)
    fields = [lifecycle.field, *lifecycle.touch]
    for name, value in (changes or {}).items():
        setattr(obj, name, value)
        fields.append(name)
    closing, closed = move.target in lifecycle.closed, before in lifecycle.closed
    if lifecycle.closed_at_field and lifecycle.closed_at_field not in fields and closing != closed:
        setattr(obj, lifecycle.closed_at_field, timezone.now() if closing else None)
        fields.append(lifecycle.closed_at_field)
    obj.save(update_fields=list(dict.fromkeys(fields)))  # type: ignore[attr-defined]
    event = None
    if lifecycle.event is not None:
        event = lifecycle.event(
            obj,
            actor=actor,
            verb=verb,
            from_state=before,
            to_state=move.target,
            note=note,
            **(event_fields or {}),
        )
    audit_event_record(actor=actor, verb=audit_verb, target=obj, area=area, summary=summary)
    return Moved(obj=obj, move=move, before=before, event=event)


def lifecycle_moves_for(obj, user, *, now: dt.datetime | None = None) -> list[Move]:
    """The moves `user` may make on `obj` now: manual, declared from its state, guards holding,
    permission held, and the move's own check passing."""
    lifecycle = lifecycle_of(obj)
    state = getattr(obj, lifecycle.field)
    now = now or timezone.now()
    return [
        move
        for move in lifecycle.moves
        if move.manual
        and state in move.sources
        and all(guard.test(obj) for guard in move.guards)
        and (not move.permission or can(user, move.permission, obj))
        and (move.check is None or move.check(user, obj, now))
    ]


def lifecycle_verbs_for(obj, user) -> dict[str, bool]:
    """{verb: may this user make it now} for every manual verb of `obj`'s lifecycle (for templates)."""
    possible = {move.verb for move in lifecycle_moves_for(obj, user)}
    manual = {move.verb for move in lifecycle_of(obj).moves if move.manual}
    return {verb: verb in possible for verb in sorted(manual)}
