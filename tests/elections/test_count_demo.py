"""The demo round's candidates, count and results (gongzhi.devtools.demo_elections_count): through the actions."""

import pytest
from django.core.management import call_command

from gongzhi.bodies.models import Membership
from gongzhi.elections.models import Election, Poll
from gongzhi.elections.selectors import box_disagreements

pytestmark = pytest.mark.django_db


def test_the_demo_round_has_candidates_published_a_count_in_disagreement_and_a_filed_result():
    call_command("seed_demo", "--quiet")
    filed = Election.objects.get(result_filed_at__isnull=False)
    assert (
        Membership.objects.filter(term="第十一届", body__area=filed.community, ended_on=None).count()
        == filed.seats
    )
    disputed = Poll.objects.get(signed_off_at=None)
    assert box_disagreements(disputed.boxes.get())
    assert Election.objects.filter(candidates_published_at__isnull=False, polls=None).count() == 1
