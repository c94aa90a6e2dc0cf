"""The demo township's facilities (gongzhi.devtools.demo_facilities), made through the facilities' actions."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.facilities.models import Booking, Facility, Standard
from gongzhi.facilities.selectors import facility_list_for, gap_table_for, mine_for, usage_of

pytestmark = pytest.mark.django_db


def test_the_demo_has_facilities_in_every_community_with_bookings_and_gaps():
    call_command("seed_demo", "--quiet")
    rows = gap_table_for(viewer=User.objects.get(username="zhen_admin"))
    assert len(rows) == 6
    assert all(r.present for r in rows)
    assert all(r.missing for r in rows)  # 警务室 (the township made it required) is nowhere
    assert Standard.objects.count() == 1
    assert (
        Facility.objects.filter(facility_type__township__isnull=False).count() == 1
    )  # the township's own type
    assert Facility.objects.filter(shared=True).count() == 6
    states = set(Booking.objects.values_list("state", flat=True))
    assert states == {"pending", "approved", "refused"}
    assert Booking.objects.filter(assisted=True, consent_channel="phone").exists()
    jumin = User.objects.get(username="jumin")
    assert {b.state for b in mine_for(viewer=jumin)} == {"pending", "approved", "refused"}
    seen = facility_list_for(viewer=jumin)
    assert (
        seen.filter(shared=True).exclude(community=seen.first().community).exists()
    )  # the neighbours' squares
    room = Booking.objects.filter(state="approved", user=jumin).first().facility
    assert usage_of(room)[0][1] >= 2.0
