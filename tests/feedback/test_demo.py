"""The demo township's suggestions and complaints about gongzhi (gongzhi.devtools.demo_feedback)."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area, AreaKind
from gongzhi.devtools.demo_feedback import DEMO_RECEIPT
from gongzhi.feedback.models import Category, Feedback
from gongzhi.feedback.selectors import categories, counts_of, feedback_by_receipt, mine_for

pytestmark = pytest.mark.django_db


def test_the_demo_has_answered_open_overdue_withdrawn_and_a_visitors_feedback():
    call_command("seed_demo", "--quiet")
    township = Area.objects.get(kind=AreaKind.TOWNSHIP)
    counts = counts_of(township)
    assert (counts.received, counts.answered, counts.open, counts.overdue) == (5, 2, 2, 1)
    visitor = Feedback.objects.get(user__isnull=True)
    assert feedback_by_receipt(code=DEMO_RECEIPT, phone_last4="5678") == visitor
    assert feedback_by_receipt(code=DEMO_RECEIPT, phone_last4="1234") is None
    jumin = User.objects.get(username="jumin")
    assert {f.state for f in mine_for(viewer=jumin)} == {"open", "answered", "withdrawn"}
    assert Feedback.objects.filter(user=jumin, corrected_at__isnull=False).count() == 1
    own = Category.objects.get(township=township, name="公示栏显示")
    assert own in categories(township)
    assert Category.objects.get(township=township, name="微信登录").retired
    assert own not in categories()  # not the catalogue's
