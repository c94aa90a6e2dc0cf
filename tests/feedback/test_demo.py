"""The demo township's suggestions and complaints about gongzhi (gongzhi.devtools.demo_feedback)."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.feedback.models import Feedback
from gongzhi.feedback.selectors import counts_of, mine_for

pytestmark = pytest.mark.django_db


def test_the_demo_has_answered_open_overdue_withdrawn_and_a_visitors_feedback():
    call_command("seed_demo", "--quiet")
    township = Area.objects.get(kind=AreaKind.TOWNSHIP)
    counts = counts_of(township)
    assert (counts.received, counts.answered, counts.open, counts.overdue) == (5, 1, 3, 1)
    assert Feedback.objects.filter(user__isnull=True).count() == 1
    jumin = User.objects.get(username="jumin")
    assert {f.state for f in mine_for(viewer=jumin)} == {"open", "answered", "withdrawn"}
