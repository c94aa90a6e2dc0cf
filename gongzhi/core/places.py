"""Places: a bounded number of people on one thing (a micro-service, an activity), and never one more.

One way everywhere, so that no feature invents its own: the action that takes
a place (a booking, a sign-up) locks the row holding the places
(`row_lock`: SELECT … FOR UPDATE on PostgreSQL; on SQLite every write
transaction is IMMEDIATE, which serializes writers), counts the places taken
inside that same transaction and refuses when none is left (`places_check`).
Everything that gives a place back or changes the number locks the same row
first, so the count a taker sees cannot change until it commits.
"""

from typing import TypeVar

from django.db import models

from .errors import Conflict

M = TypeVar("M", bound=models.Model)


def row_lock(model: type[M], pk: int, *related: str) -> M:
    """The row `pk` of `model`, locked until the caller's transaction ends (its own row only: `of=self`)."""
    query = model._default_manager.select_for_update(of=("self",))  # type: ignore[attr-defined]
    if related:
        query = query.select_related(*related)
    return query.get(pk=pk)


def places_left(*, places: int | None, taken: int) -> int | None:
    """Places still free (never negative); None when the places are unlimited."""
    return None if places is None else max(0, places - taken)


def places_check(*, places: int | None, taken: int, message: str) -> None:
    """Refuse (Conflict "full", with `message`) when `taken` already fills `places`; None means unlimited.

    Call it on the locked row, with `taken` counted after the lock was taken.
    """
    if places is not None and taken >= places:
        raise Conflict(message, code="full")
