"""Workdays and due times under China's public-holiday schedule (pure: no database).

Where a day's status comes from, first match wins:

1. ``entered``: the township entered the official schedule of that year
   (国务院办公厅关于某年部分节假日安排的通知) as data. An entered year replaces
   the library for the whole year, so a mistake in the library can be
   corrected; a day the notice does not list follows the weekly rule
   (Monday–Friday work, Saturday and Sunday rest). A notice may also list days
   at the end of the previous December (the 2019 notice moved 2018-12-29 to a
   workday); those days count as entered too.
2. ``official``: the ``chinesecalendar`` library (2004–2026 in v1.11.0).
3. ``weekends_only``: nobody knows the year yet; only weekends are days off,
   and every result says so (``basis`` and ``basis_note``).

A result that touches several years carries the weakest basis among them
(weekends_only < entered < official) and lists the unknown years.

The due-time rule (N workdays from a moment):

* the *receipt day* is the start's date in Asia/Shanghai, or the next workday
  when the start falls on a rest day (a Saturday submission counts as received
  on Monday);
* the count starts the day after the receipt day (as 期间开始的当日不计入);
* the case is due at 23:59:59 Asia/Shanghai on the N-th workday after the
  receipt day. Zero workdays means the end of the receipt day itself.

N calendar days: due at 23:59:59 on the start date + N days, whatever that
day is. No holiday data is needed, so the basis is always ``official``.

The staff-entered days are an argument (``EnteredSchedule``); the database
provider is ``gongzhi.workdays.selectors.work_calendar()``.
"""

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

import chinese_calendar
from django.utils.translation import gettext as _

Basis = Literal["official", "entered", "weekends_only"]
Unit = Literal["workdays", "calendar_days"]

# Holidays are a Chinese matter: the day ends at midnight in Beijing time,
# whatever TIME_ZONE a deployment runs with.
CHINA = ZoneInfo("Asia/Shanghai")
END_OF_DAY = dt.time(23, 59, 59)
UNITS: tuple[Unit, ...] = ("workdays", "calendar_days")
_STRENGTH: dict[Basis, int] = {"weekends_only": 0, "entered": 1, "official": 2}


# --- Limits and results -----------------------------------------------------------------


@dataclass(frozen=True)
class TimeLimit:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown time-limit unit {self.unit!r}")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"a time limit needs a whole number of days >= 0, not {self.amount!r}")

    def label(self) -> str:
        if self.unit == "workdays":
            return _("%(n)s个工作日") % {"n": self.amount}
        return _("%(n)s个自然日") % {"n": self.amount}

    def __str__(self) -> str:
        return self.label()


def _basis_note(basis: Basis, unknown_years: tuple[int, ...]) -> str:
    if basis == "weekends_only":
        years = _("、").join(_("%(year)s年") % {"year": y} for y in unknown_years)
        return _("%(years)s节假日安排尚未录入，按周末计算") % {"years": years}
    if basis == "entered":
        return _("按录入的节假日安排计算")
    return ""


@dataclass(frozen=True)
class Due:
    """When something is due, and how sure gongzhi is about it."""

    at: dt.datetime  # aware, 23:59:59 Asia/Shanghai
    limit: TimeLimit
    basis: Basis
    unknown_years: tuple[int, ...] = ()

    @property
    def unit(self) -> Unit:
        return self.limit.unit

    @property
    def date(self) -> dt.date:
        return self.at.date()

    @property
    def limit_label(self) -> str:
        return self.limit.label()

    @property
    def is_estimate(self) -> bool:
        return self.basis == "weekends_only"

    @property
    def basis_note(self) -> str:
        """Empty for official; otherwise a Chinese sentence to show next to the due time."""
        return _basis_note(self.basis, self.unknown_years)


@dataclass(frozen=True)
class WorkdayCount:
    """Workdays d with start < d <= end (negative when end is before start)."""

    days: int
    basis: Basis
    unknown_years: tuple[int, ...] = ()

    @property
    def is_estimate(self) -> bool:
        return self.basis == "weekends_only"

    @property
    def basis_note(self) -> str:
        return _basis_note(self.basis, self.unknown_years)


class DayStatus(NamedTuple):
    date: dt.date
    is_workday: bool
    basis: Basis
    name: str  # 春节, 调休上班 …; "" for an ordinary day


# --- The staff-entered schedule ---------------------------------------------------------


class EnteredDay(NamedTuple):
    is_workday: bool
    name: str


@dataclass(frozen=True)
class EnteredSchedule:
    """Years whose schedule was entered (they replace the library) and the days listed."""

    years: frozenset[int] = frozenset()
    days: Mapping[dt.date, EnteredDay] = field(default_factory=dict)


NO_ENTRIES = EnteredSchedule()


# --- The library ------------------------------------------------------------------------


@lru_cache(maxsize=256)
def library_knows(year: int) -> bool:
    """Whether chinesecalendar has the official schedule of `year`."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def library_years() -> range:
    """The years chinesecalendar knows, e.g. range(2004, 2027) for v1.11.0."""
    known = [y for y in range(2000, 2101) if library_knows(y)]
    return range(known[0], known[-1] + 1) if known else range(0)


_LIBRARY_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}


def _library_day(day: dt.date) -> tuple[bool, str]:
    is_workday = chinese_calendar.is_workday(day)
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if name:
        label = _LIBRARY_NAMES.get(name, name)
        return is_workday, (label if on_holiday else _("调休上班"))
    return is_workday, ""


# --- The calendar -----------------------------------------------------------------------


def _weakest(bases: set[Basis]) -> Basis:
    return min(bases, key=_STRENGTH.__getitem__) if bases else "official"


class WorkCalendar:
    """Answers about days, with the staff-entered schedule taking precedence."""

    def __init__(self, entered: EnteredSchedule = NO_ENTRIES) -> None:
        self.entered = entered

    def year_basis(self, year: int) -> Basis:
        if year in self.entered.years:
            return "entered"
        if library_knows(year):
            return "official"
        return "weekends_only"

    def day(self, day: dt.date) -> DayStatus:
        if isinstance(day, dt.datetime):
            raise TypeError("pass a date, not a datetime")
        listed = self.entered.days.get(day)
        if listed is not None:
            return DayStatus(day, listed.is_workday, "entered", listed.name)
        basis = self.year_basis(day.year)
        if basis == "official":
            is_workday, name = _library_day(day)
            return DayStatus(day, is_workday, basis, name)
        return DayStatus(day, day.weekday() < 5, basis, "")

    def is_workday(self, day: dt.date) -> tuple[bool, Basis]:
        status = self.day(day)
        return status.is_workday, status.basis

    def days_of(self, year: int) -> Iterator[DayStatus]:
        day = dt.date(year, 1, 1)
        while day.year == year:
            yield self.day(day)
            day += dt.timedelta(days=1)

    def due_at(self, start: dt.datetime, limit: TimeLimit) -> Due:
        local = _china_time(start)
        if limit.unit == "calendar_days":
            due_day = local.date() + dt.timedelta(days=limit.amount)
            return Due(_end_of(due_day), limit, "official")
        seen: list[DayStatus] = []
        day = local.date()
        status = self.day(day)
        seen.append(status)
        while not status.is_workday:  # received on a rest day: counts as the next workday
            day += dt.timedelta(days=1)
            status = self.day(day)
            seen.append(status)
        remaining = limit.amount
        while remaining:
            day += dt.timedelta(days=1)
            status = self.day(day)
            seen.append(status)
            if status.is_workday:
                remaining -= 1
        basis, unknown = _summary(seen)
        return Due(_end_of(day), limit, basis, unknown)

    def workdays_between(self, start: dt.date, end: dt.date) -> WorkdayCount:
        """Workdays after `start` up to and including `end`: elapsed or overdue workdays."""
        sign, low, high = (1, start, end) if start <= end else (-1, end, start)
        seen = []
        day = low + dt.timedelta(days=1)
        while day <= high:
            seen.append(self.day(day))
            day += dt.timedelta(days=1)
        basis, unknown = _summary(seen)
        return WorkdayCount(sign * sum(1 for s in seen if s.is_workday), basis, unknown)


def _summary(seen: list[DayStatus]) -> tuple[Basis, tuple[int, ...]]:
    unknown = tuple(sorted({s.date.year for s in seen if s.basis == "weekends_only"}))
    return _weakest({s.basis for s in seen}), unknown


def _china_time(moment: dt.datetime) -> dt.datetime:
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("due times need a timezone-aware datetime")
    return moment.astimezone(CHINA)


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=CHINA)


# --- Module-level shortcuts (library only unless a schedule is passed) -----------------


def due_at(start: dt.datetime, limit: TimeLimit, *, entered: EnteredSchedule = NO_ENTRIES) -> Due:
    return WorkCalendar(entered).due_at(start, limit)


def is_workday(day: dt.date, *, entered: EnteredSchedule = NO_ENTRIES) -> tuple[bool, Basis]:
    return WorkCalendar(entered).is_workday(day)


def workdays_between(start: dt.date, end: dt.date, *, entered: EnteredSchedule = NO_ENTRIES) -> WorkdayCount:
    return WorkCalendar(entered).workdays_between(start, end)
