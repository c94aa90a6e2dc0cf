"""The lead times and the quarters (gongzhi/meetings/statute.py): pure, no database."""

import datetime as dt

from gongzhi.meetings import statute


def test_the_villagers_meeting_needs_ten_days_by_article_21_and_a_body_may_not_go_below():
    lead = statute.lead_time("villagers_meeting")
    assert (lead.days, lead.statutory) == (10, True)
    assert "第二十一条" in lead.law
    assert statute.lead_time("villagers_meeting", 3).days == 10
    assert statute.lead_time("villagers_meeting", 14).days == 14


def test_other_meetings_take_the_townships_default_or_the_bodys_own():
    assert statute.lead_time("body_meeting").days == 1
    assert statute.lead_time("village_representatives_meeting").days == 3
    assert statute.lead_time("body_meeting", 0).days == 0
    assert not statute.lead_time("joint_meeting").statutory


def test_notice_days_count_whole_days_between():
    assert statute.notice_days_given(dt.date(2026, 12, 1), dt.date(2026, 12, 11)) == 10


def test_quarters():
    assert statute.quarter_start(dt.date(2026, 12, 6)) == dt.date(2026, 10, 1)
    assert statute.previous_quarter_start(dt.date(2026, 2, 1)) == dt.date(2025, 10, 1)
    assert statute.quarter_label(dt.date(2026, 5, 1)) == "2026年第2季度"


def test_a_representatives_meeting_is_overdue_when_neither_this_quarter_nor_the_last_had_one():
    today, old_body = dt.date(2026, 12, 6), dt.date(2020, 1, 1)
    held_last_quarter = statute.quarterly_status(today, dt.date(2026, 8, 20), old_body)
    assert (held_last_quarter.overdue, held_last_quarter.due) == (False, True)
    held_now = statute.quarterly_status(today, dt.date(2026, 11, 2), old_body)
    assert (held_now.overdue, held_now.due) == (False, False)
    assert statute.quarterly_status(today, dt.date(2026, 6, 30), old_body).overdue
    assert statute.quarterly_status(today, None, old_body).overdue
    # A body registered since the last quarter began is not overdue yet.
    assert not statute.quarterly_status(today, None, dt.date(2026, 9, 1)).overdue
