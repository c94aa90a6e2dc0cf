"""Public boards (党务/村务·居务/财务公开) in the demo township, made through the disclosure actions.

Every community but the last published its party, affairs and finance reports for the last two quarters
(moved back in time after they are made, as the wishes and conventions are; the audit trail keeps the real
seeding time). The first community's finance is busy (monthly) and its last month is missing, so its board
shows a gap; one report was revised (a figure corrected) and one duplicate withdrawn. Where a community
adopted its convention at a meeting, the resolution's publication is registered as a due: the second
community published it, the third has not and it is overdue. The last community has published nothing
since last year: every category shows as overdue on the township's overview.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.accounts.roles import Role
from gongzhi.areas.models import Area
from gongzhi.disclosures import actions
from gongzhi.disclosures.models import Disclosure, DisclosureDue, DisclosureRevision, category_label
from gongzhi.disclosures.statute import MONTH, QUARTER, period_of
from gongzhi.meetings.models import Meeting

PARTY = (
    "一、本季度召开党员大会{meetings}次、支委会{committee}次，开展主题党日活动{days}次。\n"
    "二、发展预备党员{new}名，已按程序公示无异议。\n"
    "三、党费收缴：应交{fees}元，实交{fees}元，已全额上缴镇党委。\n"
    "四、党员设岗定责：设立党员先锋岗{posts}个，联系群众{households}户。"
)
AFFAIRS = (
    "一、{road}：完成道路硬化{km}公里，已通过镇级验收。\n"
    "二、低保、特困等救助：新增{relief}户，退出{left}户，名单已在各{groups}张贴公示，无异议。\n"
    "三、协助政府工作：完成医保参保登记、秋冬季森林防火巡查。\n"
    "四、村(居)民代表会议议定事项{decided}项，均已落实。"
)
FINANCE = (
    "一、收入合计{income}元：其中上级转移支付{transfer}元，集体资产租赁{rent}元。\n"
    "二、支出合计{spend}元：其中公益事业{public}元，办公经费{office}元，误工补贴{allowance}元。\n"
    "三、期末结余{balance}元。以上收支经民主理财小组审核。"
)


def _staff(community: Area) -> User:
    staff = User.objects.filter(
        role_assignments__role=Role.COMMUNITY_STAFF, role_assignments__area=community, is_active=True
    ).first()
    assert staff is not None, "demo_conventions_seed gives every community its staff"
    return staff


def _texts(kind: str, rng: random.Random, village: bool) -> str:
    if kind == "party":
        return PARTY.format(
            meetings=rng.randint(1, 3), committee=rng.randint(3, 6), days=3, new=rng.randint(0, 2),
            fees=rng.randint(8, 30) * 100, posts=rng.randint(3, 8), households=rng.randint(40, 120),
        )  # fmt: skip
    if kind == "affairs":
        return AFFAIRS.format(
            road="村组道路硬化" if village else "小区背街小巷改造", km=rng.randint(1, 6), relief=rng.randint(1, 5),
            left=rng.randint(0, 3), groups="村民小组" if village else "居民小组", decided=rng.randint(2, 5),
        )  # fmt: skip
    transfer, rent = rng.randint(50, 200) * 1000, rng.randint(5, 60) * 1000
    public, office, allowance = (
        rng.randint(30, 150) * 1000,
        rng.randint(5, 20) * 1000,
        rng.randint(10, 40) * 1000,
    )
    spend = public + office + allowance
    return FINANCE.format(
        income=transfer + rent, transfer=transfer, rent=rent, spend=spend, public=public, office=office,
        allowance=allowance, balance=transfer + rent - spend,
    )  # fmt: skip


def _move(disclosure: Disclosure, at: dt.datetime) -> None:
    Disclosure.objects.filter(pk=disclosure.pk).update(published_at=at)
    DisclosureRevision.objects.filter(disclosure=disclosure, number=1).update(at=at)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def demo_disclosures_seed(*, communities: list[Area], rng: random.Random) -> int:
    """Seed the public boards of the demo communities; returns the number of items published."""
    today = timezone.localdate()
    last_quarter = period_of(period_of(today, QUARTER).start - dt.timedelta(days=1), QUARTER)
    before = period_of(last_quarter.start - dt.timedelta(days=1), QUARTER)
    made = 0
    with transaction.atomic():
        for index, community in enumerate(communities):
            staff = _staff(community)
            village = community.community_type == "village"
            quarters = [before] if index == len(communities) - 1 else [before, last_quarter]
            for quarter in quarters:
                published_on = min(quarter.end + dt.timedelta(days=-rng.randint(3, 20)), today)
                for kind in ("party", "affairs", "finance"):
                    label = category_label(kind, community)
                    number = (quarter.start.month - 1) // 3 + 1
                    item = actions.disclosure_publish(
                        actor=staff, community=community, category=kind,
                        title=f"{quarter.start.year}年第{number}季度{label}", body=_texts(kind, rng, village),
                        period=quarter.key,
                    )  # fmt: skip
                    _move(item, _at(published_on))
                    made += 1
            if index == 0:
                # Busy collective finance: monthly, and last month's is not yet out (a gap on the board).
                actions.disclosure_setting_change(actor=staff, community=community, finance_monthly=True)
                month = period_of(period_of(today, MONTH).start - dt.timedelta(days=1), MONTH)
                earlier = period_of(month.start - dt.timedelta(days=1), MONTH)
                item = actions.disclosure_publish(
                    actor=staff, community=community, category="finance",
                    title=f"{earlier.start.year}年{earlier.start.month}月财务收支公开", body=_texts("finance", rng, village),
                    period=earlier.key,
                )  # fmt: skip
                _move(item, _at(min(earlier.end, today)))
                actions.disclosure_revise(
                    actor=staff, disclosure=item, title=item.title, body=_texts("finance", rng, village),
                    reason="误工补贴金额录入有误，按民主理财小组审核结果更正",
                )  # fmt: skip
                duplicate = actions.disclosure_publish(
                    actor=staff, community=community, category="finance", title=item.title, body=item.body,
                    period=earlier.key,
                )  # fmt: skip
                actions.disclosure_withdraw(
                    actor=staff, disclosure=duplicate, reason="与已发布的同月财务公开重复"
                )
                made += 2
            meeting = Meeting.objects.filter(area=community).order_by("-held_on").first()
            if meeting is not None and index in (1, 2):
                due = actions.disclosure_due_register(
                    actor=staff, community=community, category="affairs",
                    title=f"决议公开：{meeting.held_on:%Y年%-m月%-d日}{meeting.body_label}表决事项", owner=meeting,
                    purpose="resolution", major=True,
                )  # fmt: skip
                if index == 1:
                    item = actions.disclosure_publish(
                        actor=staff, community=community, category="affairs", title=due.title, major=True,
                        body=f"{meeting.held_on:%Y年%-m月%-d日}召开{meeting.body_label}，到会{meeting.present}人，"
                        "表决通过修订后的村规民约(居民公约)。全文见本村(社区)村规民约页面。",
                        owner=meeting, purpose="resolution",
                    )  # fmt: skip
                    made += 1
                else:
                    DisclosureDue.objects.filter(pk=due.pk).update(
                        due_on=today - dt.timedelta(days=rng.randint(3, 9))
                    )
    return made
