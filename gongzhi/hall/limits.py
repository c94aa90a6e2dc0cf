"""A matter's promised time limit (承诺时限), chained over its steps, and how near an application is to it.

Some matters chain steps in different units — a 7-day 公示 (calendar days)
then a 15-workday review — so the due time of a decision is the end of the
last step, each step starting when the one before ends, from acceptance.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongzhi.workdays.calendar import Due, TimeLimit
from gongzhi.workdays.selectors import due_at

# Amber once this share of the time from acceptance to the due time has passed; red when overdue.
AMBER_AT = 0.8
_STRENGTH = {"weekends_only": 0, "entered": 1, "official": 2}


@dataclass(frozen=True)
class Step:
    name: str
    amount: int
    unit: str  # "workdays" | "calendar_days"


@dataclass(frozen=True)
class ChainedDue:
    """When a chain of steps ends, as `cases.actions.case_move(due=)` takes it."""

    at: dt.datetime
    steps: tuple[tuple[Step, Due], ...]

    @property
    def limit_label(self) -> str:
        return steps_label([step for step, _due in self.steps])

    @property
    def basis(self) -> str:
        return min((due.basis for _step, due in self.steps), key=_STRENGTH.__getitem__, default="official")

    @property
    def basis_note(self) -> str:
        notes = [due.basis_note for _step, due in self.steps if due.basis_note]
        return notes[0] if notes else ""


def steps_label(steps: Iterable[Step]) -> str:
    """ "15个工作日", or "公示7个自然日，审核15个工作日" for a chain."""
    steps = list(steps)
    if len(steps) == 1:
        return TimeLimit(steps[0].amount, steps[0].unit).label()  # type: ignore[arg-type]
    return _("，").join(
        f"{step.name}{TimeLimit(step.amount, step.unit).label()}"  # type: ignore[arg-type]
        for step in steps
    )


def promised_due(start: dt.datetime, steps: Iterable[Step]) -> ChainedDue | None:
    """The end of the chain of `steps` started at `start` (None when the matter promises no time)."""
    chain: list[tuple[Step, Due]] = []
    moment = start
    for step in steps:
        due = due_at(moment, TimeLimit(step.amount, step.unit))  # type: ignore[arg-type]
        chain.append((step, due))
        moment = due.at
    if not chain:
        return None
    return ChainedDue(at=moment, steps=tuple(chain))


def due_colour(start: dt.datetime | None, due: dt.datetime | None, now: dt.datetime) -> str:
    """ "red" when overdue, "amber" from 80 % of the time between `start` and `due`, else ""."""
    if due is None:
        return ""
    if now > due:
        return "red"
    if start is None or due <= start:
        return ""
    return "amber" if (now - start) / (due - start) >= AMBER_AT else ""
