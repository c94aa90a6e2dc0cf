"""Recorded deeds: the kernel's registry of sources of recorded, confirmed acts that a feature may reward.

A feature whose records say that a person did something for the community — a service the helped person
confirmed, an attendance its organiser marked, a good deed its review council adopted — registers a
source in its `AppConfig.ready`, with one call::

    deed_source_register(
        "SOURCE",  # the feature's source name
        label=_("参加活动"),
        act=DeedAct.ATTENDANCE_MARKED,
        lister=deeds_between,  # (community, start, end) -> the Deeds of that community and those days
    )

`lister(community, start, end)` returns the deeds recorded in that community from `start` to `end` (both
days included). Whoever reads deeds (a feature that rewards them) names no feature: it asks this registry.

What a deed is NOT is structural: `act` must be one of `DeedAct`, a closed list of recorded acts that a
second person confirms or an organiser or council records. There is no member for signing in, opening a
page, clicking, posting or sharing, and a source name that says one of these is refused
(`DEED_NAMES_REFUSED`), so no feature can register such a count (国办函〔2026〕12号 "五不得"; decision 0049).
Adding a member to `DeedAct` is a kernel change, reviewed against that decision.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DeedAct(models.TextChoices):
    """The recorded, confirmed acts a deed may be (never a login, click, post or share)."""

    SERVICE_CONFIRMED = "service_confirmed", _("服务经受助方确认")
    ATTENDANCE_MARKED = "attendance_marked", _("出席经组织者登记")
    REVIEW_ADOPTED = "review_adopted", _("事迹经评议通过")


# Words a source's name may not carry (each "_"-separated word of it): what the "五不得" forbids counting.
DEED_NAMES_REFUSED = frozenset(
    {"login", "logins", "signin", "checkin", "checkins", "click", "clicks", "pageview", "pageviews", "views",
     "post", "posts", "share", "shares", "forward", "forwards", "like", "likes", "online", "visits_page"}
)  # fmt: skip
NAME_MAX = 20


@dataclass(frozen=True)
class Deed:
    """One recorded act of one person: the source's own id for it (unique within the source, once per
    person), who (an account, a register entry, or both), their household where the source knows it, the day,
    what was done, and how many units (hours of service; 1 for an attendance or an entry)."""

    source: str
    source_id: int
    on: dt.date
    description: str
    user_id: int | None = None
    resident_id: int | None = None
    household_id: int | None = None
    units: Decimal = Decimal(1)


Lister = Callable[[Any, dt.date, dt.date], Iterable[Deed]]  # (a community Area, first day, last day)


@dataclass(frozen=True)
class DeedSource:
    name: str
    label: str | Promise
    act: str
    lister: Lister

    def between(self, community, start: dt.date, end: dt.date) -> list[Deed]:
        found = []
        for deed in self.lister(community, start, end):
            if deed.source != self.name:
                raise ValueError(f"deed source {self.name!r} listed a deed of {deed.source!r}")
            found.append(deed)
        return found


_SOURCES: dict[str, DeedSource] = {}


def deed_source_register(name: str, *, label: str | Promise, act: str, lister: Lister) -> DeedSource:
    """Register a source of recorded deeds (from the feature's AppConfig.ready). Refused (ValueError, at
    start-up) for a name that is empty, too long or says a login, click, post or share, and for an act that
    is not a recorded, confirmed act of `DeedAct`."""
    if not name or len(name) > NAME_MAX or not name.replace("_", "").isalnum() or name != name.lower():
        raise ValueError(f"a deed source name has 1 to {NAME_MAX} lowercase letters, digits or _: {name!r}")
    if any(word in DEED_NAMES_REFUSED for word in name.split("_")):
        raise ValueError(f"deed source {name!r}: logins, clicks, views, posts and shares are never deeds")
    if act not in DeedAct.values:
        raise ValueError(f"deed source {name!r}: act {act!r} is not a recorded, confirmed act (DeedAct)")
    if not callable(lister):
        raise ValueError(f"deed source {name!r}: the lister must be callable")
    source = DeedSource(name, label, act, lister)
    known = _SOURCES.get(name)
    if known is not None and (known.act, known.lister) != (act, lister):
        raise ValueError(f"deed source {name!r} is already registered differently")
    _SOURCES[name] = source
    return source


def deed_source_unregister(name: str) -> None:
    """Remove a source (tests that register one of their own)."""
    _SOURCES.pop(name, None)


def deed_source(name: str) -> DeedSource:
    try:
        return _SOURCES[name]
    except KeyError:
        raise LookupError(
            f"unknown deed source {name!r}: register it in the feature's AppConfig.ready"
        ) from None


def deed_sources() -> list[DeedSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.name)
