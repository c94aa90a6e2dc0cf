"""The statute's cadence as data (gongzhi.disclosures.statute): periods, the last one that ended, the
categories with no publication in it, and what "at once" means in workdays. No database."""

import datetime as dt

import pytest

from gongzhi.disclosures.statute import (
    AFFAIRS,
    FINANCE,
    MAJOR_WITHIN,
    MONTH,
    PARTY,
    QUARTER,
    cadence_basis,
    cadence_of,
    gaps,
    period_last_ended,
    period_of,
    period_parse,
    periods_recent,
)
from gongzhi.workdays.calendar import CHINA, due_at


@pytest.mark.parametrize(
    ("day", "kind", "start", "end", "key"),
    [
        (dt.date(2026, 12, 6), QUARTER, dt.date(2026, 10, 1), dt.date(2026, 12, 31), "2026-Q4"),
        (dt.date(2026, 2, 28), QUARTER, dt.date(2026, 1, 1), dt.date(2026, 3, 31), "2026-Q1"),
        (dt.date(2026, 12, 6), MONTH, dt.date(2026, 12, 1), dt.date(2026, 12, 31), "2026-12"),
        (dt.date(2028, 2, 10), MONTH, dt.date(2028, 2, 1), dt.date(2028, 2, 29), "2028-02"),
    ],
)
def test_a_day_lies_in_its_calendar_quarter_and_month(day, kind, start, end, key):
    period = period_of(day, kind)
    assert (period.start, period.end, period.key) == (start, end, key)
    assert period_parse(key) == period


def test_the_last_period_that_ended_is_the_one_before_today():
    assert period_last_ended(dt.date(2026, 12, 6), QUARTER).key == "2026-Q3"
    assert period_last_ended(dt.date(2026, 1, 1), QUARTER).key == "2025-Q4"
    assert period_last_ended(dt.date(2026, 1, 1), MONTH).key == "2025-12"
    assert period_of(dt.date(2026, 7, 1), QUARTER).label == "2026年第3季度"
    assert [p.key for p in periods_recent(dt.date(2026, 2, 3), MONTH, 3)] == ["2026-02", "2026-01", "2025-12"]


@pytest.mark.parametrize(
    "key", ["", "2026", "2026-Q5", "2026-13", "2026-00", "1899-01", "abcd-Q1", "2026-Q1x"]
)
def test_a_key_that_names_no_period_is_none(key):
    assert period_parse(key) is None


def test_general_matters_are_due_quarterly_and_busy_finance_monthly_with_the_article_cited():
    assert cadence_of(AFFAIRS, finance_monthly=True) == QUARTER
    assert cadence_of(FINANCE, finance_monthly=False) == QUARTER
    assert cadence_of(FINANCE, finance_monthly=True) == MONTH
    assert "第三十条" in cadence_basis(AFFAIRS, urban=False, finance_monthly=False)
    assert "每月" in cadence_basis(FINANCE, urban=False, finance_monthly=True)
    assert "城市居民委员会组织法未定频次" in cadence_basis(AFFAIRS, urban=True, finance_monthly=False)
    assert "党务公开条例" in cadence_basis(PARTY, urban=False, finance_monthly=False)


def test_a_category_with_nothing_in_its_last_ended_period_is_a_gap():
    today = dt.date(2026, 12, 6)
    published = {
        PARTY: [dt.date(2026, 8, 1)],  # Q3: kept
        AFFAIRS: [dt.date(2026, 10, 9)],  # Q4 only: Q3 was missed
        FINANCE: [dt.date(2026, 9, 30), dt.date(2026, 10, 31)],  # Q3 kept; November missed if monthly
    }
    quarterly = gaps(published, today=today, urban=False, finance_monthly=False)
    assert [(g.category, g.period.key) for g in quarterly] == [(AFFAIRS, "2026-Q3")]
    monthly = gaps(published, today=today, urban=False, finance_monthly=True)
    assert [(g.category, g.period.key) for g in monthly] == [(AFFAIRS, "2026-Q3"), (FINANCE, "2026-11")]
    assert len(gaps({}, today=today, urban=True, finance_monthly=False)) == 3


def test_at_once_is_five_workdays_so_a_holiday_does_not_make_it_overdue():
    assert (MAJOR_WITHIN.amount, MAJOR_WITHIN.unit) == (5, "workdays")
    # Resolved on Wednesday 2025-10-01 (National Day): the week's holiday does not count.
    resolved = dt.datetime(2025, 9, 30, 20, 0, tzinfo=CHINA)
    assert due_at(resolved, MAJOR_WITHIN).date > dt.date(2025, 10, 9)
    ordinary = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA)  # a Monday
    assert due_at(ordinary, MAJOR_WITHIN).date == dt.date(2026, 3, 9)
