"""The moves of a lifecycle or a case type, as data: one `Move` class for both.

Pure declarations (no database, no audit): `gongzhi.core.lifecycle` moves
records by them and re-exports them, and `gongzhi.cases.workflow` declares
case types with them without importing the move function (the audit's
sentences read case types, and the audit's reads must not reach its writes).
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

Label = str | Promise


@dataclass(frozen=True)
class Refusal:
    """What the user is told when a move is not possible. `message` may name the current state as %(state)s."""

    message: Label
    code: str = "move_refused"
    field: str | None = None  # the form field the message belongs to, if any


@dataclass(frozen=True)
class Guard:
    """A condition on the record (not the user) that must hold for a move, and the refusal when it does not."""

    test: Callable[[Any], bool]
    refusal: Refusal


# An extra condition on a move, beside who may make it: (user, the record, now) -> may they now?
MoveCheck = Callable[[Any, Any, dt.datetime], bool]


@dataclass(frozen=True)
class Move:
    """A move from any of `sources` to `target`, the one shape for lifecycles and case types alike."""

    verb: str
    sources: frozenset[str]
    target: str
    label: Label
    # Who may make it: a `rules` permission checked on the record ("" = the action decides alone;
    # on a case type, the staff the case is routed to).
    permission: str = ""
    # A condition of time or facts on the user and the record ("within 7 days of closing").
    check: MoveCheck | None = None
    # A move that is not manual is made by the system only (a period running out, a parent record
    # cancelled) and is never offered to anyone.
    manual: bool = True
    # Whether it is possible now, in order; checked after the state (before it with `guards_first`,
    # for guards on a parent record whose refusal says more than the record's own state would).
    guards: tuple[Guard, ...] = ()
    guards_first: bool = False
    # The refusal when the record is in a state the move does not start from, by that state,
    # else `refused`, else the lifecycle's default (which names the current state).
    refusals: Mapping[str, Refusal] = field(default_factory=dict)
    refused: Refusal | None = None
