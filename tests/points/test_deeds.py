"""The kernel's registry of recorded deeds (gongzhi.core.deeds) and the service-hours source registered by
gongzhi.hours."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gongzhi.core.deeds import Deed, DeedAct, deed_source, deed_source_register, deed_source_unregister
from gongzhi.hours.models import ServiceCredit


def test_the_hours_source_is_registered_as_a_confirmed_service():
    source = deed_source("hours")
    assert source.act == DeedAct.SERVICE_CONFIRMED


def test_the_hours_source_lists_the_credits_of_the_community_between_two_days(users, areas):
    today = timezone.localdate()
    mine = ServiceCredit.objects.create(
        helper=users["volunteer"],
        hours=Decimal("1.5"),
        source="wish",
        source_id=1,
        community=areas["village"],
    )
    ServiceCredit.objects.create(
        helper=users["volunteer"], hours=Decimal("2"), source="wish", source_id=2, community=areas["urban"]
    )
    old = ServiceCredit.objects.create(
        helper=users["volunteer"], hours=Decimal("1"), source="wish", source_id=3, community=areas["village"]
    )
    ServiceCredit.objects.filter(pk=old.pk).update(credited_at=timezone.now() - dt.timedelta(days=40))
    deeds = deed_source("hours").between(areas["village"], today - dt.timedelta(days=7), today)
    assert [(d.source_id, d.user_id, d.units) for d in deeds] == [
        (mine.pk, users["volunteer"].pk, Decimal("1.5"))
    ]
    assert "1.5" in deeds[0].description


def test_a_source_listing_another_sources_deeds_is_refused(areas):
    deed_source_register(
        "test_mixed", label="x", act=DeedAct.ATTENDANCE_MARKED,
        lister=lambda community, start, end: [Deed("hours", 1, start, "x")],
    )  # fmt: skip
    try:
        with pytest.raises(ValueError, match="listed a deed of"):
            deed_source("test_mixed").between(areas["village"], timezone.localdate(), timezone.localdate())
    finally:
        deed_source_unregister("test_mixed")


def test_a_name_registered_twice_differently_is_refused():
    def lister(community, start, end):
        return []

    deed_source_register("test_twice", label="x", act=DeedAct.ATTENDANCE_MARKED, lister=lister)
    try:
        deed_source_register(
            "test_twice", label="x", act=DeedAct.ATTENDANCE_MARKED, lister=lister
        )  # same: fine
        with pytest.raises(ValueError, match="already registered differently"):
            deed_source_register("test_twice", label="x", act=DeedAct.REVIEW_ADOPTED, lister=lister)
    finally:
        deed_source_unregister("test_twice")
