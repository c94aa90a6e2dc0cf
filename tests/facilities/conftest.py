import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.facilities.actions import facility_save
from gongzhi.facilities.models import FacilityType


def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local time `days` from today."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def room(users, areas):
    """A bookable room of 青山村 needing approval, for 20 people, open 08:00–21:00."""

    def build(community="village", *, approval=True, shared=False, capacity=20, name="党员活动室"):
        staff = users["community_staff"] if community == "village" else users["other_staff"]
        return facility_save(
            actor=staff, community=areas[community], facility_type=FacilityType.objects.get(name="党员活动室"),
            functions=list(FacilityType.objects.filter(name__in=["议事室", "文体活动室"])), name=name,
            opens_at="08:00", closes_at="21:00", floor_area=80, signage=["统一色彩"], bookable=True,
            capacity=capacity, approval_required=approval, shared=shared,
        )  # fmt: skip

    return build
