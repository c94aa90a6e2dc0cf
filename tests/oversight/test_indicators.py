"""The indicators registry and the figures the apps register: computed from the recorded work, per community,
with township totals from summed parts (never averaged rates)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongzhi.cases.models import Case
from gongzhi.core.indicators import Aggregate, Indicator, Ratio, indicator_values, indicators
from gongzhi.disclosures.models import DisclosureCategory, DisclosureDue
from gongzhi.meetings.models import Meeting, MeetingState
from gongzhi.oversight.selectors import Period, period_parse, table_of, value_of
from gongzhi.wishes.models import Wish

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _moment(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(YEAR, month, day, hour, tzinfo=timezone.get_current_timezone())


def _wish(community, staff, *, posted, claimed=None, confirmed=None):
    case = Case.objects.create(
        kind="wish", state="claimed", title="买菜", body="帮忙买菜", submitted_by=staff, community=community,
        area_path=community.path,
    )  # fmt: skip
    Case.objects.filter(pk=case.pk).update(created_at=posted)
    return Wish.objects.create(
        case=case, category="elderly", claimer=staff, claimed_at=claimed, confirmed_at=confirmed
    )


def _meeting(community, staff, held_on, state=MeetingState.HELD, rule="village_representatives_meeting"):
    return Meeting.objects.create(
        body_kind=rule, area=community, area_path=community.path, held_on=held_on, present=20, members=25,
        recorded_by=staff, state=state,
    )  # fmt: skip


def test_every_app_registers_its_indicators():
    codes = {i.code for i in indicators()}
    assert {
        "hall.on_time", "hall.satisfaction", "wishes.claimed", "wishes.confirmed", "wishes.response_hours",
        "selfgov.started", "selfgov.done", "disclosures.overdue", "meetings.representatives", "facilities.gap",
        "mediation.agreement", "workforce.workers", "workforce.short", "workforce.uncovered", "funds.income",
        "funds.spent", "funds.unreviewed", "funds.boards",
        "budgeting.proposed", "budgeting.funded", "budgeting.rating",
    } <= codes  # fmt: skip


def test_a_rate_total_adds_the_parts_not_the_rates():
    rate = Indicator(code="x.rate", label="r", group="g", unit="%", compute=lambda *a: {}, aggregate=Aggregate.RATE,
                     scale=100)  # fmt: skip
    # 1 of 1 (100 %) and 1 of 3 (33.3 %): the township is 2 of 4, 50 %, not the 66.7 % an average would say.
    total = rate.total([Ratio(1, 1), Ratio(1, 3), None])
    assert rate.shown(total) == Decimal("50.0")
    assert rate.shown(Ratio(0, 0)) is None


def test_meetings_wishes_and_disclosures_are_counted_per_community(areas, users):
    village, urban, staff = areas["village"], areas["urban"], users["community_staff"]
    _meeting(village, staff, dt.date(YEAR, 2, 10))
    _meeting(village, staff, dt.date(YEAR, 5, 10))
    _meeting(village, staff, dt.date(YEAR, 2, 20), state=MeetingState.CANCELLED)
    _meeting(urban, staff, dt.date(YEAR, 3, 1), rule="residents_representatives_meeting")
    _meeting(urban, staff, dt.date(YEAR, 3, 2), rule="villagers_meeting")
    _wish(village, staff, posted=_moment(1, 5, 10), claimed=_moment(1, 5, 14), confirmed=_moment(1, 20))
    _wish(village, staff, posted=_moment(1, 6, 10), claimed=_moment(1, 7, 10))
    _wish(urban, staff, posted=_moment(2, 1, 8), claimed=_moment(2, 1, 10))
    DisclosureDue.objects.create(area=village, area_path=village.path, category=DisclosureCategory.AFFAIRS, title="一季度村务",
                                 due_on=dt.date(YEAR, 1, 10), registered_by=staff)  # fmt: skip
    q1 = Period(YEAR, 1)
    values = indicator_values([village.pk, urban.pk], q1.start, q1.end)
    assert values["meetings.representatives"] == {village.pk: 1, urban.pk: 1}
    assert values["wishes.claimed"] == {village.pk: 2, urban.pk: 1}
    assert values["wishes.confirmed"] == {village.pk: 1}
    assert values["wishes.response_hours"][village.pk].value() == Decimal("14.0")  # 4 h and 24 h
    table = table_of(areas["township"], q1)
    assert [r.community.name for r in table.rows] == ["东街社区", "青山村"]  # by area code, not by a figure
    assert value_of(table, "wishes.response_hours", None) == Decimal("10.0")  # (4 + 24 + 2) / 3
    assert value_of(table, "wishes.claimed", None) == 3
    assert value_of(table, "disclosures.overdue", village.pk) == 1
    assert value_of(table, "meetings.representatives", None) == 2
    year = table_of(areas["township"], Period(YEAR))
    assert value_of(year, "meetings.representatives", village.pk) == 2


def test_the_table_takes_a_few_queries_whatever_the_number_of_communities(areas, users):
    from gongzhi.areas.actions import area_create_unchecked
    from gongzhi.areas.models import AreaKind

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            table_of(areas["township"], Period(YEAR))
        return len(captured)

    before = queries()
    for n in range(12):
        area_create_unchecked(kind=AreaKind.COMMUNITY, name=f"新村{n}", parent=areas["township"],
                              code=f"5114231012{50 + n}", community_type="village")  # fmt: skip
    assert queries() == before


def test_a_period_is_checked_with_a_chinese_message():
    from gongzhi.core.errors import DomainError

    assert period_parse("2025", "3").start == dt.date(2025, 7, 1)
    assert period_parse("2025", "3").end == dt.date(2025, 9, 30)
    assert period_parse("2025", "").end == dt.date(2025, 12, 31)
    with pytest.raises(DomainError, match="年份"):
        period_parse("abc", "")
    with pytest.raises(DomainError, match="季度"):
        period_parse("2025", "5")


def test_stages_are_labels_and_their_total_counts_the_communities_having_one():
    from gongzhi.elections.selectors import stage_of

    codes = {i.code for i in indicators()}
    assert {"conventions.stage", "elections.stage"} <= codes
    day = dt.date(YEAR, 6, 1)
    election = {"election_day": day, "committee_formed_on": dt.date(YEAR, 3, 1), "roll_published_at": None,
                "candidates_published_at": None, "result_filed_at": None}  # fmt: skip
    assert stage_of(election, dt.date(YEAR, 3, 31)) == "选举委员会已产生"
    assert stage_of(election, dt.date(YEAR, 6, 30)) == "已选举"
    text = Indicator(
        code="x.stage", label="s", group="g", unit="", compute=lambda *a: {}, aggregate=Aggregate.TEXT
    )
    assert text.total(["已选举", None, "已部署"]) == 2


def test_figures_read_alike_take_one_query_per_call_and_are_not_kept(areas, users):
    """The four mediation outcomes, the five register counts, the hall's two rates, the wish wall's three figures
    and the three staffing figures each read their records once per `indicator_values` call
    (core.indicators.shared); the next call reads them afresh."""
    from gongzhi.core.indicators import shared

    ids = [areas["village"].pk, areas["urban"].pk]
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    groups = {
        "mediation": ["mediation.agreement", "mediation.failed", "mediation.withdrawn", "mediation.declined"],
        "residents": ["residents.people", "residents.men", "residents.women", "residents.minors",
                      "residents.elderly"],
        "hall": ["hall.on_time", "hall.satisfaction"],
        "wishes": ["wishes.claimed", "wishes.confirmed", "wishes.response_hours"],
    }  # fmt: skip
    for codes in groups.values():
        with CaptureQueriesContext(connection) as one:
            indicator_values(ids, start, end, codes=codes[:1])
        with CaptureQueriesContext(connection) as every:
            indicator_values(ids, start, end, codes=codes)
        assert len(every) == len(one), codes
    with CaptureQueriesContext(connection) as one:
        indicator_values(ids, start, end, codes=["workforce.workers"])
    with CaptureQueriesContext(connection) as three:
        indicator_values(
            ids, start, end, codes=["workforce.workers", "workforce.short", "workforce.uncovered"]
        )
    assert len(three) == len(one)
    # Outside a call, nothing is kept: each read computes.
    reads = []
    assert shared("k", lambda: reads.append(1) or len(reads)) == 1
    assert shared("k", lambda: reads.append(1) or len(reads)) == 2
    # A new record between two calls is counted by the second.
    _meeting(areas["village"], users["community_staff"], dt.date(YEAR, 3, 3))
    first = indicator_values(ids, start, end, codes=["meetings.representatives"])["meetings.representatives"]
    _meeting(areas["village"], users["community_staff"], dt.date(YEAR, 4, 3))
    second = indicator_values(ids, start, end, codes=["meetings.representatives"])["meetings.representatives"]
    assert second[areas["village"].pk] == first[areas["village"].pk] + 1
