import datetime as dt
from importlib import import_module

import pytest
from django.utils import timezone

from gongzhi.activities import actions
from gongzhi.activities.models import Activity, ActivityKind, Series
from gongzhi.orgs.actions import organisation_move, organisation_register, representative_add


def next_week(days: int = 3, hours: int = 2) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=days)
    return start, start + dt.timedelta(hours=hours)


def catalogue_seed() -> None:
    """The series and kinds as the data migration seeds them (a transactional test's flush removes them)."""
    from django.apps import apps

    import_module("gongzhi.activities.migrations.0002_series_and_kinds").seed(apps, None)


def series(code: str = "moral_lecture") -> Series:
    if not Series.objects.filter(code=code).exists():
        catalogue_seed()
    return Series.objects.get(code=code)


def kind(code: str = "lecture") -> ActivityKind:
    if not ActivityKind.objects.filter(code=code).exists():
        catalogue_seed()
    return ActivityKind.objects.get(code=code)


def publish(actor, community, **extra) -> Activity:
    starts_at, ends_at = next_week()
    values = {
        "title": "道德讲堂·孝老爱亲故事会", "description": "请身边好人讲讲孝老爱亲的故事。", "place": "青山村文化礼堂",
        "starts_at": starts_at, "ends_at": ends_at, "places": 20, "series_id": series().pk,
        "kind_id": kind().pk, "audience": "全体村民",
    }  # fmt: skip
    values.update(extra)
    return actions.activity_publish(actor=actor, community=community, **values)


def move_to_past(activity: Activity, minutes: int = 90) -> Activity:
    start = timezone.now() - dt.timedelta(hours=3)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(minutes=minutes)
    )
    return Activity.objects.get(pk=activity.pk)


@pytest.fixture
def volunteer_org(users, areas):
    """A registered volunteer group filed with 青山村; the volunteer is its representative."""
    org = organisation_register(
        actor=users["community_staff"],
        home=areas["village"],
        name="青山村红马甲志愿服务队",
        kind="volunteer",
        authority="青山村村民委员会（备案）",
        contact_name="李德明",
        contact_phone="13800138000",
        filing_number="QS-2026-01",
        filed_on=dt.date(2026, 1, 5),
    )
    org = organisation_move(actor=users["community_staff"], organisation=org, verb="approve")
    representative_add(actor=users["community_staff"], organisation=org, user=users["volunteer"])
    return org
