"""The demo township's pairing (gongzhi.devtools.demo_pairing), made through the pairing actions."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.pairing.models import Decline, Pair, Visit
from gongzhi.pairing.selectors import coverage_for, own_household, pairs_of_member

pytestmark = pytest.mark.django_db


def test_the_demo_pairs_most_households_of_the_aim_with_a_gap_a_decline_and_a_re_pair():
    call_command("seed_demo", "--quiet")
    rows = coverage_for(viewer=User.objects.get(username="zhen_admin"))
    assert len(rows) == 6
    assert all(r.aim_total and r.paired and r.unpaired for r in rows)
    assert all(r.declined == 1 for r in rows)
    assert Pair.objects.filter(ended_on__isnull=False).exists()  # the re-pair kept its history
    assert Pair.objects.filter(origin="chosen_assisted").exists()
    assert Visit.objects.filter(follow_up=True).exists() or Visit.objects.count() > 5
    assert Decline.objects.count() == 6
    dangyuan = User.objects.get(username="dangyuan")
    assert 3 <= len(pairs_of_member(viewer=dangyuan)) <= 5  # the township's 1+N limit
    jumin = own_household(viewer=User.objects.get(username="jumin"))
    assert jumin is not None
    assert jumin.pair is not None
    assert jumin.pair.member.user == dangyuan
