"""Entering a year's official holiday schedule.

Lifecycle: a year is unknown (due times count weekends only and say so) until
the chinesecalendar library knows it or the township office enters the State
Council notice here. Entering a year again replaces everything entered for it
before (a correction); each entry is one audit row with what was entered.
Entered years are never deleted: a wrong entry is corrected by entering the
year again.
"""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError

from .models import CalendarDay, CalendarYear
from .schedule import HolidayRange, schedule_problems

NOTE_MAX = 200


@transaction.atomic
def calendar_year_enter(
    *,
    actor: User,
    year: int,
    holidays: Sequence[tuple[dt.date, dt.date, str]],
    workdays: Sequence[dt.date],
    note: str = "",
) -> CalendarYear:
    """Store (or replace) the holidays and adjusted workdays of `year`."""
    authorize(actor, "workdays.manage_calendar")
    ranges = [HolidayRange(start, end, (name or "").strip()) for start, end, name in holidays]
    workdays = sorted(set(workdays))
    note = (note or "").strip()
    problems = schedule_problems(year, ranges, workdays)
    if problems:
        raise DomainError(problems[0].message, field="schedule", code="invalid_schedule")
    if len(note) > NOTE_MAX:
        raise DomainError(_("说明不能超过%(n)s个字。") % {"n": NOTE_MAX}, field="note")

    entry = CalendarYear.objects.select_for_update().filter(year=year).first()
    days = {day: (False, h.name) for h in ranges for day in _span(h.start, h.end)}
    days |= {day: (True, _("调休上班")) for day in workdays}
    taken = (
        CalendarDay.objects.filter(date__in=list(days))
        .exclude(calendar_year__year=year)
        .select_related("calendar_year")
        .order_by("date")
        .first()
    )
    if taken is not None:
        raise DomainError(
            _("%(date)s已录入在%(year)s年的节假日安排中。")
            % {"date": taken.date.isoformat(), "year": taken.calendar_year.year},
            field="schedule",
        )

    previous = None
    if entry is None:
        entry = CalendarYear.objects.create(year=year, entered_by=actor, entered_at=timezone.now(), note=note)
    else:
        previous = {
            "holiday_days": entry.days.filter(is_workday=False).count(),
            "workdays": entry.days.filter(is_workday=True).count(),
            "entered_at": entry.entered_at.isoformat(),
        }
        entry.days.all().delete()
        entry.entered_by, entry.entered_at, entry.note = actor, timezone.now(), note
        entry.save(update_fields=["entered_by", "entered_at", "note"])
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=entry, date=day, is_workday=is_workday, name=name)
        for day, (is_workday, name) in sorted(days.items())
    )
    audit_event_record(
        actor=actor,
        verb="calendar_year.entered",
        target=entry,
        summary={
            "year": year,
            "holidays": [[h.name, h.start.isoformat(), h.end.isoformat()] for h in ranges],
            "workdays": [day.isoformat() for day in workdays],
            "note": note,
            "replaced": previous,
        },
    )
    return entry


def _span(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
