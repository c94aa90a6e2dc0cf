"""The demo's calendar of activities (gongzhi.devtools.demo_activities), made through the activities' actions."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongzhi.activities.models import Activity, ReportPhoto, SignUp
from gongzhi.activities.selectors import places_left
from gongzhi.areas.models import Area, AreaKind
from gongzhi.hours.models import ServiceCredit

pytestmark = pytest.mark.django_db


def test_every_community_has_a_calendar_past_and_upcoming(client):
    call_command("seed_demo", "--quiet")
    communities = list(Area.objects.filter(kind=AreaKind.COMMUNITY))
    for community in communities:
        mine = Activity.objects.filter(community=community)
        past = [a for a in mine if a.reported_at]
        assert len(past) >= 2, community
        assert all(SignUp.objects.filter(activity=a, state="attended").exists() for a in past)
        upcoming = mine.filter(reported_at__isnull=True)
        assert SignUp.objects.filter(activity__in=upcoming, state="signed").exists()
        full = [a for a in upcoming if a.places is not None and places_left(a) == 0]
        assert full, community
        assert client.get(reverse("activities:community", args=[community.pk])).status_code == 200
    assert ReportPhoto.objects.count() >= 2 * len(communities)
    assert ServiceCredit.objects.filter(source="activity").exists()
    assert Activity.objects.filter(organisation__isnull=False).exists()
    assert SignUp.objects.filter(assisted=True).exists()
