"""The workday calendar: pure rules without the database, then entered years, the action and the page."""

import datetime as dt

import pytest
from django.urls import reverse

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.workdays import selectors
from gongzhi.workdays.actions import calendar_year_enter
from gongzhi.workdays.calendar import (
    CHINA,
    EnteredDay,
    EnteredSchedule,
    TimeLimit,
    WorkCalendar,
    due_at,
    is_workday,
    library_years,
    workdays_between,
)
from gongzhi.workdays.models import CalendarDay, CalendarYear
from gongzhi.workdays.schedule import HolidayRange, schedule_problems, schedule_text_parse

BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"
WORKDAYS = "workdays"


def at(y, m, d, hour=10, minute=0) -> dt.datetime:
    return dt.datetime(y, m, d, hour, minute, tzinfo=CHINA)


def end_of(y, m, d) -> dt.datetime:
    return dt.datetime(y, m, d, 23, 59, 59, tzinfo=CHINA)


def workdays(n: int) -> TimeLimit:
    return TimeLimit(n, "workdays")


# --- Pure: the library years -------------------------------------------------------------


def test_national_day_2026_is_not_a_workday():
    assert is_workday(dt.date(2026, 10, 1)) == (False, "official")
    assert WorkCalendar().day(dt.date(2026, 10, 1)).name == "国庆节"


def test_a_saturday_adjusted_workday_in_2026_is_a_workday():
    saturday = dt.date(2026, 10, 10)
    assert saturday.weekday() == 5
    assert is_workday(saturday) == (True, "official")
    assert WorkCalendar().day(saturday).name == "调休上班"


def test_an_ordinary_weekend_and_weekday():
    assert is_workday(dt.date(2026, 11, 28)) == (False, "official")  # Saturday
    assert is_workday(dt.date(2026, 11, 25)) == (True, "official")  # Wednesday


def test_library_knows_2004_to_2026_only():
    assert library_years() == range(2004, 2027)


def test_2027_counts_weekends_only_and_says_so():
    assert is_workday(dt.date(2027, 2, 8)) == (True, "weekends_only")  # a Monday, whatever 春节 brings
    assert is_workday(dt.date(2027, 2, 6)) == (False, "weekends_only")  # a Saturday
    due = due_at(at(2027, 3, 1), workdays(3))
    assert due.basis == "weekends_only"
    assert due.is_estimate
    assert due.unknown_years == (2027,)
    assert due.basis_note == "2027年节假日安排尚未录入，按周末计算"


def test_a_due_time_running_into_an_unknown_year_carries_the_weakest_basis():
    due = due_at(at(2026, 12, 30), workdays(5))  # Wed 30, Thu 31 → 2027
    assert due.at == end_of(2027, 1, 6)
    assert due.basis == "weekends_only"
    assert due.unknown_years == (2027,)


def test_official_due_time_has_no_note():
    due = due_at(at(2026, 11, 25), workdays(3))
    assert due.basis == "official"
    assert due.basis_note == ""
    assert not due.is_estimate


# --- Pure: the due-time rule -------------------------------------------------------------


def test_n_workdays_end_at_the_end_of_the_nth_workday_after_the_start_day():
    # Wednesday 2026-11-25 10:00 + 3 workdays → Monday 2026-11-30 23:59:59 (weekend skipped).
    due = due_at(at(2026, 11, 25), workdays(3))
    assert due.at == end_of(2026, 11, 30)
    assert due.at.tzinfo is not None
    assert due.unit == "workdays"
    assert due.limit_label == "3个工作日"


def test_the_start_time_of_day_does_not_matter():
    assert due_at(at(2026, 11, 25, 0, 1), workdays(1)).at == due_at(at(2026, 11, 25, 23, 59), workdays(1)).at


def test_a_start_on_a_rest_day_counts_from_the_next_workday():
    # Friday → Monday; Saturday is received on Monday → Tuesday.
    assert due_at(at(2026, 11, 27), workdays(1)).at == end_of(2026, 11, 30)
    assert due_at(at(2026, 11, 28), workdays(1)).at == end_of(2026, 12, 1)
    assert due_at(at(2026, 11, 28), workdays(0)).at == end_of(2026, 11, 30)
    assert due_at(at(2026, 11, 25), workdays(0)).at == end_of(2026, 11, 25)


def test_holidays_and_adjusted_workdays_are_skipped_and_counted():
    # Wed 2026-09-30 + 1 workday: 10-01…10-07 国庆节, 10-08 is the first workday.
    assert due_at(at(2026, 9, 30), workdays(1)).at == end_of(2026, 10, 8)
    # Thu 10-08 + 2: Fri 10-09, Sat 10-10 (调休上班).
    assert due_at(at(2026, 10, 8), workdays(2)).at == end_of(2026, 10, 10)


def test_the_start_is_read_in_beijing_time():
    utc = dt.datetime(2026, 11, 27, 17, 0, tzinfo=dt.UTC)  # Saturday 01:00 in Beijing
    assert due_at(utc, workdays(1)).at == end_of(2026, 12, 1)


def test_naive_datetimes_are_refused():
    naive = dt.datetime(2026, 11, 25, 10)  # noqa: DTZ001 -- the naive value is what is being refused
    with pytest.raises(ValueError, match="timezone-aware"):
        due_at(naive, workdays(1))


def test_calendar_days_end_at_the_end_of_start_plus_n_days():
    due = due_at(at(2026, 9, 30), TimeLimit(3, "calendar_days"))
    assert due.at == end_of(2026, 10, 3)  # a holiday: calendar days do not care
    assert due.basis == "official"
    assert due.limit_label == "3个自然日"
    assert due_at(at(2026, 12, 30), TimeLimit(5, "calendar_days")).basis == "official"


def test_time_limits_are_checked():
    with pytest.raises(ValueError, match="whole number of days"):
        TimeLimit(-1, "workdays")
    with pytest.raises(ValueError, match="unknown time-limit unit"):
        TimeLimit(3, "weeks")  # type: ignore[arg-type]


def test_workdays_between_counts_after_start_up_to_end():
    assert workdays_between(dt.date(2026, 9, 30), dt.date(2026, 10, 12)).days == 4  # 8, 9, 10(调休), 12
    assert workdays_between(dt.date(2026, 10, 12), dt.date(2026, 9, 30)).days == -4
    assert workdays_between(dt.date(2026, 11, 25), dt.date(2026, 11, 25)).days == 0
    span = workdays_between(dt.date(2026, 12, 31), dt.date(2027, 1, 8))
    assert span.days == 6
    assert span.basis == "weekends_only"
    assert span.unknown_years == (2027,)


# --- Pure: an entered schedule passed in --------------------------------------------------


def test_an_entered_schedule_replaces_the_library_for_its_year():
    # A (made-up) correction of 2026 that lists only 春节: 10-01 becomes an ordinary Thursday.
    entered = EnteredSchedule(years=frozenset({2026}), days={dt.date(2026, 2, 17): EnteredDay(False, "春节")})
    assert is_workday(dt.date(2026, 10, 1), entered=entered) == (True, "entered")
    assert is_workday(dt.date(2026, 10, 10), entered=entered) == (False, "entered")
    assert is_workday(dt.date(2026, 2, 17), entered=entered) == (False, "entered")
    assert is_workday(dt.date(2025, 10, 1), entered=entered) == (False, "official")


def test_an_entered_future_year_is_used_and_flagged_entered():
    entered = EnteredSchedule(
        years=frozenset({2027}),
        days={
            **{dt.date(2027, 2, d): EnteredDay(False, "春节") for d in range(6, 14)},
            dt.date(2027, 2, 14): EnteredDay(True, "调休上班"),
        },
    )
    due = due_at(at(2027, 2, 5), workdays(2), entered=entered)  # Fri → Sun 14 (调休), Mon 15
    assert due.at == end_of(2027, 2, 15)
    assert due.basis == "entered"
    assert due.unknown_years == ()
    assert due.basis_note == "按录入的节假日安排计算"


# --- Pure: reading pasted text ------------------------------------------------------------


def test_the_parser_is_forgiving_about_separators_and_date_forms():
    parsed = schedule_text_parse(
        "春节 2027-02-06 至 2027-02-13\n"
        "国庆节：２０２７年１０月１日到７日\n"
        "中秋节 2027/9/15\n"
        "元旦 2026年12月31日－2027年1月2日 放假调休，共3天\n"
        "端午节 6月9日（星期三）~ 6月11日\n"
        "劳动节 2027-05-01-05\n"
        "\n"
        "调休上班 2027-02-14、2027/2/20\n",
        year=2027,
    )
    assert parsed.errors == []
    assert parsed.holidays == [
        HolidayRange(dt.date(2027, 2, 6), dt.date(2027, 2, 13), "春节"),
        HolidayRange(dt.date(2027, 10, 1), dt.date(2027, 10, 7), "国庆节"),
        HolidayRange(dt.date(2027, 9, 15), dt.date(2027, 9, 15), "中秋节"),
        HolidayRange(dt.date(2026, 12, 31), dt.date(2027, 1, 2), "元旦"),
        HolidayRange(dt.date(2027, 6, 9), dt.date(2027, 6, 11), "端午节"),
        HolidayRange(dt.date(2027, 5, 1), dt.date(2027, 5, 5), "劳动节"),
    ]
    assert parsed.workdays == [dt.date(2027, 2, 14), dt.date(2027, 2, 20)]


def test_the_parser_reports_problems_by_line_number():
    parsed = schedule_text_parse(
        "春节 2027-02-06 至\n"
        "国庆 2027-13-01\n"
        "2027-05-01\n"
        "调休上班 2027-02-15\n"
        "清明 明天\n"
        "劳动节 2027-05-05 至 2027-05-01\n",
        year=2027,
    )
    assert parsed.error_messages() == [
        "第1行：“至”后面缺少结束日期。",
        "第2行：“2027-13-01”不是有效日期。",
        "第3行：请在日期前写上节日名称，如“春节”。",
        "第4行：2027-02-15是星期一，本来就是工作日；调休上班日应为周六或周日。",
        "第5行：没有找到日期，日期请写成2027-02-06、2027/2/6或2027年2月6日。",
        "第6行：“劳动节”的结束日期2027-05-01早于开始日期2027-05-05。",
    ]


def test_schedule_problems_name_what_is_wrong():
    def messages(year, holidays, workdays=()):
        return [p.message for p in schedule_problems(year, holidays, list(workdays))]

    d = dt.date
    assert messages(2101, [(d(2101, 1, 1), d(2101, 1, 1), "元旦")]) == ["年份须在2004年至2100年之间。"]
    assert messages(2027, []) == ["请至少填写一个节假日。"]
    assert messages(2027, [(d(2028, 1, 1), d(2028, 1, 1), "元旦")]) == [
        "日期2028-01-01不在2027年内（只可含上一年12月的调休日期）。"
    ]
    assert messages(2027, [(d(2026, 12, 31), d(2027, 1, 1), "元旦")]) == []  # the notice's previous December
    assert messages(
        2027, [(d(2027, 2, 6), d(2027, 2, 13), "春节"), (d(2027, 2, 13), d(2027, 2, 13), "元宵")]
    ) == ["2027-02-13已在“春节”中，不能同时属于“元宵”。"]
    assert messages(2027, [(d(2027, 2, 6), d(2027, 2, 13), "春节")], [d(2027, 2, 7)]) == [
        "2027-02-07既是“春节”假期又是调休上班日，请只保留一个。"
    ]
    assert messages(2027, [(d(2027, 2, 6), d(2027, 2, 6), " ")]) == ["请填写节日名称，如“春节”。"]


# --- Database: entering a year --------------------------------------------------------------

SPRING_2027 = [(dt.date(2027, 2, 6), dt.date(2027, 2, 13), "春节")]
ADJUSTED_2027 = [dt.date(2027, 2, 14)]


def _state():
    return (
        list(CalendarYear.objects.values_list("year", "note", "entered_at")),
        list(CalendarDay.objects.values_list("date", "is_workday", "name")),
        AuditEvent.objects.exclude(verb__startswith="access.").count(),  # a refusal's own trace is no change
    )


@pytest.mark.django_db
def test_entering_2027_makes_due_times_entered(users):
    assert selectors.due_at(at(2027, 2, 5), workdays(2)).basis == "weekends_only"
    entry = calendar_year_enter(
        actor=users["township_admin"],
        year=2027,
        holidays=SPRING_2027,
        workdays=ADJUSTED_2027,
        note="国办发明电〔2026〕X号",
    )
    assert entry.days.count() == 9
    due = selectors.due_at(at(2027, 2, 5), workdays(2))
    assert due.at == end_of(2027, 2, 15)
    assert due.basis == "entered"
    assert selectors.due_for(at(2027, 2, 5), 2, "workdays") == due
    assert selectors.is_workday(dt.date(2027, 2, 8)) == (False, "entered")
    assert selectors.workdays_between(dt.date(2027, 2, 5), dt.date(2027, 2, 15)).days == 2


@pytest.mark.django_db
def test_an_entered_year_overrides_the_library(users):
    assert selectors.is_workday(dt.date(2026, 10, 1)) == (False, "official")
    calendar_year_enter(
        actor=users["township_admin"],
        year=2026,
        holidays=[(dt.date(2026, 10, 1), dt.date(2026, 10, 3), "国庆节")],
        workdays=[],
    )
    assert selectors.is_workday(dt.date(2026, 10, 1)) == (False, "entered")
    assert selectors.is_workday(dt.date(2026, 10, 5)) == (True, "entered")  # no longer a holiday
    assert selectors.is_workday(dt.date(2026, 10, 10)) == (False, "entered")  # no longer 调休
    assert selectors.is_workday(dt.date(2025, 10, 1)) == (False, "official")


@pytest.mark.django_db
def test_entering_a_year_again_replaces_it_and_is_audited(users):
    admin = users["township_admin"]
    calendar_year_enter(actor=admin, year=2027, holidays=SPRING_2027, workdays=ADJUSTED_2027)
    calendar_year_enter(
        actor=admin, year=2027, holidays=[(dt.date(2027, 10, 1), dt.date(2027, 10, 7), "国庆节")], workdays=[]
    )
    assert CalendarYear.objects.count() == 1
    assert set(CalendarDay.objects.values_list("name", flat=True)) == {"国庆节"}
    event = AuditEvent.objects.filter(verb="calendar_year.entered").order_by("-id").first()
    assert event is not None
    assert event.actor_id == admin.pk
    assert event.target_type == "workdays.calendaryear"
    assert event.target_label == "2027年节假日安排"
    assert event.summary["holidays"] == [["国庆节", "2027-10-01", "2027-10-07"]]
    assert event.summary["replaced"]["holiday_days"] == 8
    assert event.summary["replaced"]["workdays"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "holidays", "workdays", "message"),
    [
        (2003, SPRING_2027, [], "年份须在2004年至2100年之间。"),
        (
            2027,
            [(dt.date(2027, 2, 13), dt.date(2027, 2, 6), "春节")],
            [],
            "“春节”的结束日期2027-02-06早于开始日期2027-02-13。",
        ),
        (
            2027,
            [(dt.date(2028, 1, 1), dt.date(2028, 1, 1), "元旦")],
            [],
            "日期2028-01-01不在2027年内（只可含上一年12月的调休日期）。",
        ),
        (2027, SPRING_2027, [dt.date(2027, 2, 8)], "2027-02-08既是“春节”假期又是调休上班日，请只保留一个。"),
        (
            2027,
            SPRING_2027,
            [dt.date(2027, 2, 15)],
            "2027-02-15是星期一，本来就是工作日；调休上班日应为周六或周日。",
        ),
    ],
)
def test_a_refused_schedule_changes_nothing(users, year, holidays, workdays, message):
    admin = users["township_admin"]
    calendar_year_enter(
        actor=admin, year=2027, holidays=[(dt.date(2027, 5, 1), dt.date(2027, 5, 5), "劳动节")], workdays=[]
    )
    before = _state()
    with pytest.raises(DomainError) as info:
        calendar_year_enter(actor=admin, year=year, holidays=holidays, workdays=workdays)
    assert info.value.message == message
    assert _state() == before


@pytest.mark.django_db
def test_a_day_entered_with_another_year_is_refused(users):
    admin = users["township_admin"]
    calendar_year_enter(
        actor=admin, year=2027, holidays=[(dt.date(2026, 12, 31), dt.date(2027, 1, 1), "元旦")], workdays=[]
    )
    before = _state()
    with pytest.raises(DomainError) as info:
        calendar_year_enter(
            actor=admin,
            year=2026,
            holidays=[(dt.date(2026, 12, 31), dt.date(2026, 12, 31), "元旦")],
            workdays=[],
        )
    assert info.value.message == "2026-12-31已录入在2027年的节假日安排中。"
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [
        "nobody",
        "resident",
        "grid_worker",
        "community_staff",
        "window_clerk",
        "supervisor",
        "township_reviewer",
        "sys_admin",
        "sec_admin",
        "audit_admin",
    ],
)
def test_only_the_township_office_enters_a_year(users, role):
    before = _state()
    with pytest.raises(NotPermitted):
        calendar_year_enter(actor=users[role], year=2027, holidays=SPRING_2027, workdays=ADJUSTED_2027)
    assert _state() == before


# --- Pages -------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, users):
    client.force_login(users["township_admin"], backend=BACKEND)
    return client


@pytest.mark.django_db
def test_the_page_lists_years_with_their_basis(admin_client, users):
    calendar_year_enter(
        actor=users["township_admin"],
        year=2028,
        holidays=[(dt.date(2028, 1, 1), dt.date(2028, 1, 1), "元旦")],
        workdays=[],
    )
    html = admin_client.get(reverse("workdays:index")).content.decode()
    assert 'data-year="2026"' in html
    assert 'data-year="2027"' in html
    assert 'data-year="2028"' in html
    assert "国家节假日安排（程序库）" in html
    assert "尚未录入，按周末计算" in html
    assert "已录入" in html
    assert 'name="text"' in html
    assert 'value="2027"' in html


@pytest.mark.django_db
def test_pasting_a_schedule_enters_the_year(admin_client):
    text = "春节 2027年2月6日至13日\n调休上班 2027/2/14\n国庆节 2027-10-01 ~ 2027-10-07"
    response = admin_client.post(
        reverse("workdays:index"), {"year": "2027", "text": text, "note": "2026年11月发布"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workdays:year", args=[2027])
    entry = CalendarYear.objects.get(year=2027)
    assert entry.note == "2026年11月发布"
    assert entry.days.count() == 16
    html = admin_client.get(response["Location"]).content.decode()
    assert "2027-02-14" in html
    assert "春节" in html
    assert "调休上班" in html


@pytest.mark.django_db
def test_parse_errors_are_shown_by_line_and_nothing_changes(admin_client):
    before = _state()
    text = "春节 2027-02-06 至 2027-02-13\n调休上班 2027-02-15\n国庆 某日"
    response = admin_client.post(reverse("workdays:index"), {"year": "2027", "text": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "未保存" in html
    assert "第2行：2027-02-15是星期一" in html
    assert "第3行：没有找到日期" in html
    assert _state() == before


@pytest.mark.django_db
def test_other_staff_read_the_calendar_but_cannot_enter_it(client, users):
    client.force_login(users["community_staff"], backend=BACKEND)
    html = client.get(reverse("workdays:index")).content.decode()
    assert 'data-year="2027"' in html
    assert 'name="text"' not in html
    before = _state()
    response = client.post(
        reverse("workdays:index"), {"year": "2027", "text": "春节 2027-02-06 至 2027-02-13"}
    )
    assert response.status_code == 403
    assert _state() == before
    assert client.get(reverse("workdays:year", args=[2026])).status_code == 200


@pytest.mark.django_db
def test_residents_cannot_see_the_calendar_pages(client, users):
    client.force_login(users["resident"], backend=BACKEND)
    assert client.get(reverse("workdays:index")).status_code == 403
    assert client.get(reverse("workdays:year", args=[2027])).status_code == 403


@pytest.mark.django_db
def test_the_year_page_shows_library_days_and_the_unknown_year_note(admin_client):
    html = admin_client.get(reverse("workdays:year", args=[2026])).content.decode()
    assert "国庆节" in html
    assert "2026-10-10" in html
    assert "调休上班" in html
    html = admin_client.get(reverse("workdays:year", args=[2027])).content.decode()
    assert "2027年的节假日安排尚未录入" in html
