"""The workday calendar backed by the database: library + the years staff entered.

The calendar is the same for every viewer (a public schedule), so these reads
take no viewer; the pages that show it are gated by `workdays.view_calendar`.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .calendar import (
    Basis,
    DayStatus,
    Due,
    EnteredDay,
    EnteredSchedule,
    TimeLimit,
    Unit,
    WorkCalendar,
    WorkdayCount,
    library_years,
)
from .models import CalendarDay, CalendarYear


def entered_schedule() -> EnteredSchedule:
    """Everything staff entered, in the form the pure calendar takes (two queries)."""
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    days = {
        date: EnteredDay(is_workday, name)
        for date, is_workday, name in CalendarDay.objects.values_list("date", "is_workday", "name")
    }
    return EnteredSchedule(years=years, days=days)


def work_calendar() -> WorkCalendar:
    return WorkCalendar(entered_schedule())


def due_at(start: dt.datetime, limit: TimeLimit) -> Due:
    return work_calendar().due_at(start, limit)


def due_for(start: dt.datetime, amount: int, unit: Unit) -> Due:
    """`due_at` for callers holding the amount and unit separately (case types)."""
    return due_at(start, TimeLimit(amount, unit))


def is_workday(day: dt.date) -> tuple[bool, Basis]:
    return work_calendar().is_workday(day)


def workdays_between(start: dt.date, end: dt.date) -> WorkdayCount:
    return work_calendar().workdays_between(start, end)


# --- For the staff pages ---------------------------------------------------------------


@dataclass(frozen=True)
class YearRow:
    year: int
    basis: Basis
    entry: CalendarYear | None
    holiday_days: int
    workdays: int


def calendar_year_rows(*, today: dt.date | None = None) -> list[YearRow]:
    """From the last library year before today to next year, plus every entered year; newest first."""
    today = today or timezone.localdate()
    entries = {
        e.year: e
        for e in CalendarYear.objects.select_related("entered_by").annotate(
            holiday_days=Count("days", filter=Q(days__is_workday=False)),
            adjusted_workdays=Count("days", filter=Q(days__is_workday=True)),
        )
    }
    known = library_years()
    first = min([today.year - 1, *entries]) if entries else today.year - 1
    last = max([today.year + 1, *entries])
    calendar = WorkCalendar(EnteredSchedule(years=frozenset(entries)))
    rows = []
    for year in range(last, first - 1, -1):
        entry = entries.get(year)
        if entry is None and year not in known and year < today.year:
            continue
        rows.append(
            YearRow(
                year=year,
                basis=calendar.year_basis(year),
                entry=entry,
                holiday_days=getattr(entry, "holiday_days", 0),
                workdays=getattr(entry, "adjusted_workdays", 0),
            )
        )
    return rows


def calendar_year_get(year: int) -> CalendarYear | None:
    return CalendarYear.objects.select_related("entered_by").filter(year=year).first()


def calendar_days_of(year: int) -> QuerySet[CalendarDay]:
    """The days entered with `year`'s notice (may include the previous December)."""
    return CalendarDay.objects.filter(calendar_year__year=year).order_by("date")


def year_special_days(year: int, *, calendar: WorkCalendar | None = None) -> list[DayStatus]:
    """Every day of `year` that is not what the weekly rule says: holidays on weekdays,
    weekend holidays named in a schedule, and adjusted workdays."""
    calendar = calendar or work_calendar()
    return [s for s in calendar.days_of(year) if s.name or s.is_workday != (s.date.weekday() < 5)]
