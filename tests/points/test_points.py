"""The optional points: off by default, a catalogue adopted through the representatives' meeting, awards from
recorded deeds or by staff with evidence and a second person's approval, appeals, the store; every bad input
refused with a Chinese message and nothing changed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.core.deeds import Deed, DeedAct, deed_source_register, deed_source_unregister
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.hours.models import ServiceCredit
from gongzhi.points.actions import (
    ItemSpec,
    appeal_answer,
    appeal_file,
    award_enter,
    catalogue_convene,
    catalogue_draft,
    catalogue_take,
    deeds_import,
    entry_decide,
    funding_record,
    goods_add,
    points_switch_set,
    redemption_make,
)
from gongzhi.points.models import (
    Account,
    Appeal,
    Catalogue,
    CatalogueState,
    Entry,
    EntryState,
    Goods,
    PointsSwitch,
)
from gongzhi.points.selectors import balance_of, month_summary, points_enabled
from tests.points.conftest import ITEMS, adopt

TODAY = timezone.localdate


def _state():
    return (
        PointsSwitch.objects.filter(enabled=True).count(),
        Catalogue.objects.count(),
        Entry.objects.count(),
        Appeal.objects.count(),
        list(Account.objects.order_by("pk").values_list("balance", flat=True)),
        list(Goods.objects.order_by("pk").values_list("quantity", flat=True)),
        AuditEvent.objects.filter(verb__startswith="points.").count(),
    )


def _item(catalogue, name):
    return catalogue.items.get(name=name)


def _award(staff, catalogue, household, name="参加道德讲堂", **extra):
    data = {"evidence": "道德讲堂签到表第3页", "occurred_on": TODAY()} | extra
    return award_enter(
        actor=staff, community=catalogue.community, household=household, item=_item(catalogue, name), **data
    )


# --- The switch ----------------------------------------------------------------------------------------


def test_the_points_are_off_by_default_and_every_write_is_refused(staff, areas, representatives, households):
    assert not points_enabled(areas["village"])
    before = _state()
    with pytest.raises(DomainError, match="没有开启积分制") as refused:
        catalogue_draft(actor=staff, community=areas["village"], title="青山村积分制规则", items=ITEMS)
    assert refused.value.code == "points_off"
    with pytest.raises(DomainError, match="没有开启积分制"):
        goods_add(actor=staff, community=areas["village"], name="洗衣粉", price=10, quantity=5)
    with pytest.raises(DomainError, match="没有开启积分制"):
        funding_record(
            actor=staff,
            community=areas["village"],
            kind="donation",
            source="爱心企业",
            amount="500",
            received_on=TODAY(),
        )
    with pytest.raises(DomainError, match="没有开启积分制"):
        deeds_import(actor=staff, community=areas["village"], start=TODAY(), end=TODAY())
    assert _state() == before


def test_only_the_township_office_switches_and_it_is_audited(users, areas):
    with pytest.raises(NotPermitted):
        points_switch_set(actor=users["community_staff"], township=areas["township"], enabled=True)
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=True)
    assert points_enabled(areas["village"])
    assert points_enabled(areas["urban"])
    with pytest.raises(DomainError, match="已经是开启状态"):
        points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=True)
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=False)
    assert not points_enabled(areas["village"])
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="points.switched")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["points.switched_on", "points.switched_off"]


def test_switched_off_again_the_ledger_stays_but_nothing_more_is_written(
    staff, second, catalogue, households, users, areas
):
    entry = _award(staff, catalogue, households["zhang"])
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=False)
    before = _state()
    with pytest.raises(DomainError, match="没有开启积分制"):
        entry_decide(actor=second, entry=entry, approve=True)
    assert _state() == before


# --- The catalogue through the representatives' meeting -------------------------------------------------


def test_a_catalogue_is_in_force_only_once_the_representatives_vote_is_taken(
    staff, second, switched_on, representatives, areas, households
):
    draft = catalogue_draft(actor=staff, community=areas["village"], title="青山村积分制规则", items=ITEMS)
    assert draft.state == CatalogueState.DRAFT
    before = _state()
    with pytest.raises(DomainError, match="还没有经村\\(居\\)民代表会议通过") as refused:
        _award(staff, draft, households["zhang"])
    assert refused.value.code == "no_catalogue"
    with pytest.raises(DomainError, match="没有待采用的代表会议表决"):
        catalogue_take(actor=staff, catalogue=draft)
    assert _state() == before
    adopted = adopt(staff, second, draft)
    assert adopted.state == CatalogueState.IN_FORCE
    assert adopted.agenda_item.vote.passed
    assert AuditEvent.objects.filter(verb="points.catalogue_adopted").count() == 1


def test_the_vote_cannot_be_taken_before_the_meeting_is_held_or_confirmed(
    staff, second, switched_on, representatives, areas
):
    from gongzhi.meetings.actions import RollMark, meeting_agenda_vote, meeting_roll_close, meeting_roll_mark

    draft = catalogue_draft(actor=staff, community=areas["village"], title="青山村积分制规则", items=ITEMS)
    meeting = catalogue_convene(
        actor=staff, catalogue=draft, held_on=TODAY(), place="村委会", urgency_reason="尽快施行积分制"
    )
    with pytest.raises(DomainError) as refused:
        catalogue_take(actor=staff, catalogue=draft)
    assert refused.value.code == "meeting_not_held"
    meeting_roll_mark(
        actor=staff, meeting=meeting, marks=[RollMark(m.pk, "present") for m in meeting.roll.all()]
    )
    meeting_roll_close(actor=staff, meeting=meeting)
    with pytest.raises(DomainError) as refused:
        catalogue_take(actor=staff, catalogue=draft)
    assert refused.value.code == "not_voted"
    meeting_agenda_vote(actor=staff, agenda_item=meeting.agenda.get(), in_favour=5)
    with pytest.raises(DomainError) as refused:
        catalogue_take(actor=staff, catalogue=draft)
    assert refused.value.code == "not_confirmed"
    assert Catalogue.objects.get(pk=draft.pk).state == CatalogueState.CONVENED


def test_a_failing_vote_leaves_the_catalogue_not_adopted(staff, second, switched_on, representatives, areas):
    draft = catalogue_draft(actor=staff, community=areas["village"], title="青山村积分制规则", items=ITEMS)
    taken = adopt(staff, second, draft, in_favour=2)
    assert taken.state == CatalogueState.NOT_ADOPTED


def test_an_amendment_supersedes_the_version_in_force_and_its_items_stop_counting(
    staff, second, catalogue, households, areas
):
    old_item = _item(catalogue, "门前三包")
    amended = catalogue_draft(
        actor=staff, community=areas["village"], title="青山村积分制规则（修订）", items=ITEMS[:3]
    )
    adopt(staff, second, amended)
    assert Catalogue.objects.get(pk=catalogue.pk).state == CatalogueState.SUPERSEDED
    with pytest.raises(DomainError, match="不在现行的积分规则") as refused:
        award_enter(actor=staff, community=areas["village"], household=households["zhang"], item=old_item,
                    evidence="网格员检查记录", occurred_on=TODAY())  # fmt: skip
    assert refused.value.code == "item_not_in_force"


@pytest.mark.parametrize(
    ("items", "deductions", "message"),
    [
        ([ItemSpec("乱扔垃圾", -5, "网格员记录")], False, "没有写明允许扣分"),
        ([ItemSpec("门前三包", 0, "检查记录")], False, "不为0的整数"),
        ([ItemSpec("门前三包", 3, "")], False, "所需凭证"),
        ([ItemSpec("登录打卡", 1, "后台记录", source="logins")], False, "不是登记的活动记录来源"),
        ([], False, "至少列出一个"),
    ],
)
def test_bad_catalogues_are_refused(staff, switched_on, areas, items, deductions, message):
    before = _state()
    with pytest.raises(DomainError, match=message):
        catalogue_draft(
            actor=staff, community=areas["village"], title="规则", items=items, allows_deductions=deductions
        )
    assert _state() == before


def test_deductions_only_where_the_catalogue_allows_them(
    staff, second, switched_on, representatives, areas, households
):
    draft = catalogue_draft(
        actor=staff, community=areas["village"], title="规则", allows_deductions=True,
        items=[ItemSpec("乱扔垃圾", -5, "网格员记录"), ItemSpec("门前三包", 3, "网格员记录")],
    )  # fmt: skip
    adopt(staff, second, draft)
    entry = _award(staff, draft, households["zhang"], name="乱扔垃圾", evidence="网格员当天拍照记录")
    entry_decide(actor=second, entry=entry, approve=True)
    assert balance_of(households["zhang"]) == -5


# --- Staff entry: evidence and a second person ---------------------------------------------------------


def test_a_staff_entry_counts_only_once_another_member_of_staff_approves_it(
    staff, second, catalogue, households
):
    entry = _award(staff, catalogue, households["zhang"])
    assert entry.state == EntryState.PENDING
    assert balance_of(households["zhang"]) == 0
    before = _state()
    with pytest.raises(DomainError, match="录入人不能复核自己") as refused:
        entry_decide(actor=staff, entry=entry, approve=True)
    assert refused.value.code == "self_approval"
    assert _state() == before
    entry_decide(actor=second, entry=entry, approve=True)
    assert balance_of(households["zhang"]) == 5
    assert Entry.objects.get(pk=entry.pk).appeal_until == TODAY() + dt.timedelta(days=7)
    with pytest.raises(DomainError, match="不能再复核"):
        entry_decide(actor=second, entry=entry, approve=True)


def test_a_refused_entry_never_counts(staff, second, catalogue, households):
    entry = _award(staff, catalogue, households["zhang"])
    with pytest.raises(DomainError, match="复核意见"):
        entry_decide(actor=second, entry=entry, approve=False)
    entry_decide(actor=second, entry=entry, approve=False, note="签到表上没有该户")
    assert Entry.objects.get(pk=entry.pk).state == EntryState.REFUSED
    assert balance_of(households["zhang"]) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"evidence": ""}, "凭证说明"),
        ({"evidence": "有"}, "凭证说明"),
        ({"occurred_on": None}, "发生的日期"),
        ({"name": "获评积德榜", "evidence": "道德评议会评议结果"}, "须附照片"),
        ({"name": "参加志愿服务每小时"}, "导入活动记录"),
        ({"units": "0"}, "数量"),
    ],
)
def test_bad_entries_are_refused_with_nothing_changed(staff, catalogue, households, change, message):
    before = _state()
    with pytest.raises(DomainError, match=message):
        _award(staff, catalogue, households["zhang"], **change)
    assert _state() == before


def test_staff_of_another_community_may_not_enter_or_approve(users, staff, catalogue, households):
    with pytest.raises(NotPermitted):
        _award(users["other_staff"], catalogue, households["zhang"])
    entry = _award(staff, catalogue, households["zhang"])
    with pytest.raises(NotPermitted):
        entry_decide(actor=users["other_staff"], entry=entry, approve=True)
    assert Entry.objects.get(pk=entry.pk).state == EntryState.PENDING


# --- Recorded deeds ------------------------------------------------------------------------------------


def test_service_hours_are_credited_once_to_the_helpers_household(staff, catalogue, households, users, areas):
    credit = ServiceCredit.objects.create(
        helper=users["resident"],
        hours=Decimal("1.5"),
        source="wish",
        source_id=41,
        community=areas["village"],
    )
    ServiceCredit.objects.create(  # a helper not on the register: left, not guessed
        helper=users["volunteer"], hours=Decimal("2"), source="wish", source_id=42, community=areas["village"]
    )
    result = deeds_import(
        actor=staff, community=areas["village"], start=TODAY() - dt.timedelta(days=3), end=TODAY()
    )
    assert (result.credited, result.already, result.unmatched) == (1, 0, 1)
    entry = Entry.objects.get(source="hours", source_id=credit.pk)
    assert entry.state == EntryState.COUNTED
    assert entry.points == 3
    assert balance_of(households["zhang"]) == 3
    again = deeds_import(
        actor=staff, community=areas["village"], start=TODAY() - dt.timedelta(days=3), end=TODAY()
    )
    assert (again.credited, again.already) == (0, 1)
    assert balance_of(households["zhang"]) == 3


def test_the_same_event_cannot_be_credited_twice_even_bypassing_the_check(staff, catalogue, households):
    from django.db import IntegrityError, transaction

    account = Account.objects.create(
        household=households["zhang"], community=catalogue.community, area_path=catalogue.area_path
    )
    row = {"account": account, "community": catalogue.community, "area_path": catalogue.area_path, "kind": "award",
           "state": "counted", "points": 2, "occurred_on": TODAY(), "source": "hours", "source_id": 7,
           "entered_by": staff}  # fmt: skip
    Entry.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(**row)


def test_a_source_registered_by_a_feature_is_imported(staff, catalogue, second, households, areas):
    member = households["member"]

    def attendances(community, start, end):
        return [Deed("test_lecture", 9001, TODAY(), "道德讲堂第5期", resident_id=member.pk)]

    deed_source_register(
        "test_lecture", label="道德讲堂出席", act=DeedAct.ATTENDANCE_MARKED, lister=attendances
    )
    try:
        items = [ItemSpec("参加道德讲堂", 5, "组织者登记的出席", source="test_lecture")]
        draft = catalogue_draft(actor=staff, community=areas["village"], title="规则修订", items=items)
        adopt(staff, second, draft)
        result = deeds_import(actor=staff, community=areas["village"], start=TODAY(), end=TODAY())
    finally:
        deed_source_unregister("test_lecture")
    assert result.credited == 1
    assert balance_of(households["zhang"]) == 5


@pytest.mark.parametrize("name", ["logins", "daily_checkin", "post_shares", "clicks"])
def test_no_source_may_count_logins_clicks_posts_or_shares(name):
    with pytest.raises(ValueError, match="never deeds"):
        deed_source_register(name, label="x", act=DeedAct.SERVICE_CONFIRMED, lister=lambda c, s, e: [])


def test_a_source_must_be_a_recorded_confirmed_act():
    with pytest.raises(ValueError, match="not a recorded, confirmed act"):
        deed_source_register("reading", label="x", act="page_opened", lister=lambda c, s, e: [])


# --- Appeals -------------------------------------------------------------------------------------------


@pytest.fixture
def counted(staff, second, catalogue, households):
    entry = _award(staff, catalogue, households["zhang"])
    return entry_decide(actor=second, entry=entry, approve=True)


def test_an_upheld_appeal_reverses_the_entry_without_deleting_it(staff, counted, households, users):
    appeal = appeal_file(actor=users["resident"], entry=counted, reason="那天我家没人参加")
    appeal_answer(actor=staff, appeal=appeal, upheld=True, answer="核对签到表，确系登记错误")
    assert Entry.objects.filter(pk=counted.pk).exists()
    reversal = Entry.objects.get(reverses=counted)
    assert reversal.points == -5
    assert balance_of(households["zhang"]) == 0
    with pytest.raises(DomainError, match="已经冲正"):
        appeal_file(actor=users["resident"], entry=counted, reason="再申诉一次")


def test_a_dismissed_appeal_leaves_the_entry(staff, counted, households, users):
    appeal = appeal_file(actor=users["resident"], entry=counted, reason="分数太少了")
    appeal_answer(actor=staff, appeal=appeal, upheld=False, answer="按规则第3项记5分")
    assert balance_of(households["zhang"]) == 5


def test_no_appeal_after_the_window(counted, users):
    Entry.objects.filter(pk=counted.pk).update(appeal_until=TODAY() - dt.timedelta(days=1))
    before = _state()
    with pytest.raises(DomainError, match="申诉期已过") as refused:
        appeal_file(actor=users["resident"], entry=counted, reason="那天我家没人参加")
    assert refused.value.code == "appeal_closed"
    assert _state() == before


def test_only_the_households_members_appeal(counted, users):
    with pytest.raises(NotFound):
        appeal_file(actor=users["volunteer"], entry=counted, reason="我替别人申诉")
    assert not Appeal.objects.exists()


# --- The store -----------------------------------------------------------------------------------------


@pytest.fixture
def soap(staff, catalogue):
    return goods_add(actor=staff, community=catalogue.community, name="洗衣粉", price=5, quantity=1)


def test_a_redemption_takes_the_points_and_the_stock(staff, counted, soap, households):
    entry = redemption_make(actor=staff, community=soap.community, household=households["zhang"], goods=soap)
    assert entry.points == -5
    assert balance_of(households["zhang"]) == 0
    assert Goods.objects.get(pk=soap.pk).quantity == 0


def test_no_redemption_beyond_the_balance_or_the_stock(staff, counted, soap, households):
    before = _state()
    with pytest.raises(DomainError, match="库存只有1件") as refused:
        redemption_make(
            actor=staff, community=soap.community, household=households["zhang"], goods=soap, quantity=2
        )
    assert refused.value.code == "out_of_stock"
    with pytest.raises(DomainError, match="积分余额0分") as refused:
        redemption_make(actor=staff, community=soap.community, household=households["li"], goods=soap)
    assert refused.value.code == "balance_short"
    assert _state() == before


def test_funding_records_where_the_money_came_from(staff, catalogue):
    funding = funding_record(actor=staff, community=catalogue.community, kind="donation", source="青山农业公司",
                             amount="2000.50", received_on=TODAY())  # fmt: skip
    assert funding.amount == Decimal("2000.50")
    for bad, message in [
        ({"amount": "-1"}, "金额"),
        ({"amount": "1e999"}, "金额"),
        ({"kind": "loan"}, "资金类别"),
    ]:
        with pytest.raises(DomainError, match=message):
            funding_record(**{"actor": staff, "community": catalogue.community, "kind": "grant", "source": "镇财政",
                              "amount": "100", "received_on": TODAY(), **bad})  # fmt: skip


# --- The public summary --------------------------------------------------------------------------------


def test_the_monthly_summary_totals_items_never_households(staff, counted, soap, households):
    redemption_make(actor=staff, community=soap.community, household=households["zhang"], goods=soap)
    summary = month_summary(soap.community, TODAY())
    assert [(r.name, r.count, r.points) for r in summary.awarded] == [("参加道德讲堂", 1, 5)]
    assert [(r.name, r.count, r.points) for r in summary.redeemed] == [("洗衣粉", 1, 5)]
    assert "QS-001" not in repr(summary)


def test_an_older_version_adopted_after_a_newer_one_cannot_take_over(staff, second, catalogue, areas):
    older = catalogue_draft(actor=staff, community=areas["village"], title="修订甲", items=ITEMS[:2])
    newer = catalogue_draft(actor=staff, community=areas["village"], title="修订乙", items=ITEMS[:3])
    adopt(staff, second, newer)
    with pytest.raises(DomainError, match="第3版已经施行") as refused:
        adopt(staff, second, older)
    assert refused.value.code == "outdated"
    assert Catalogue.objects.get(pk=older.pk).state == CatalogueState.CONVENED
    assert Catalogue.objects.get(pk=newer.pk).state == CatalogueState.IN_FORCE


def test_switched_off_every_write_is_refused_and_nothing_changes(
    staff, second, catalogue, households, users, areas
):
    from gongzhi.points.actions import appeal_days_set, goods_restock

    pending = _award(staff, catalogue, households["zhang"])
    counted = entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    appeal = appeal_file(actor=users["resident"], entry=counted, reason="那天没有参加")
    soap = goods_add(actor=staff, community=catalogue.community, name="洗衣粉", price=1, quantity=5)
    draft = catalogue_draft(actor=staff, community=areas["village"], title="修订", items=ITEMS[:2])
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=False)
    village = areas["village"]
    writes = [
        lambda: catalogue_draft(actor=staff, community=village, title="再修订", items=ITEMS[:1]),
        lambda: catalogue_convene(actor=staff, catalogue=draft, held_on=TODAY(), place="村委会", urgency_reason="急需"),
        lambda: _award(staff, catalogue, households["li"]),
        lambda: entry_decide(actor=second, entry=pending, approve=True),
        lambda: deeds_import(actor=staff, community=village, start=TODAY(), end=TODAY()),
        lambda: appeal_file(actor=users["resident"], entry=counted, reason="再次申诉"),
        lambda: appeal_answer(actor=staff, appeal=appeal, upheld=True, answer="核实有误"),
        lambda: goods_add(actor=staff, community=village, name="毛巾", price=1, quantity=5),
        lambda: goods_restock(actor=staff, goods=soap, quantity=5),
        lambda: funding_record(actor=staff, community=village, kind="grant", source="镇财政", amount="10",
                               received_on=TODAY()),
        lambda: redemption_make(actor=staff, community=village, household=households["zhang"], goods=soap),
        lambda: appeal_days_set(actor=staff, community=village, days=10),
    ]  # fmt: skip
    before = _state()
    for write in writes:
        with pytest.raises(DomainError) as refused:
            write()
        assert refused.value.code == "points_off", refused.value.message
    assert _state() == before


def test_the_periodic_sweep_credits_recent_deeds_once_and_only_where_switched_on(
    catalogue, households, users, areas
):
    from gongzhi.core.periodic import periodic_jobs
    from gongzhi.points.actions import deeds_sweep

    assert "points.deeds_sweep" in {job.name for job in periodic_jobs()}
    ServiceCredit.objects.create(
        helper=users["resident"], hours=Decimal("2"), source="wish", source_id=77, community=areas["village"]
    )
    assert deeds_sweep() == 1
    entry = Entry.objects.get(source="hours")
    assert entry.entered_by is None
    assert entry.points == 4
    assert balance_of(households["zhang"]) == 4
    assert deeds_sweep() == 0
    assert AuditEvent.objects.filter(verb="points.deeds_imported").count() == 1
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=False)
    ServiceCredit.objects.create(
        helper=users["resident"], hours=Decimal("1"), source="wish", source_id=78, community=areas["village"]
    )
    assert deeds_sweep() == 0
    assert balance_of(households["zhang"]) == 4
