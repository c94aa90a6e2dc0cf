"""The demo township's funds (gongzhi.devtools.demo_funds), made through the funds' actions."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.disclosures.models import Disclosure
from gongzhi.funds import selectors
from gongzhi.funds.models import Board, BoardState, Expenditure, Verdict

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_funds_reviewed_and_published_in_the_first_community():
    call_command("seed_demo", "--quiet")
    year = timezone.localdate().year - 1
    admin = User.objects.get(username="zhen_admin")
    communities = list(selectors.communities_for(viewer=admin))
    summary = selectors.funds_summary([c.pk for c in communities], year)
    assert all(s.allocated > 0 for s in summary.values())
    first = Board.objects.filter(state=BoardState.PUBLISHED).first().community
    assert summary[first.pk].spent > 0
    assert summary[first.pk].boards_published == 3
    assert Board.objects.filter(community=first, state=BoardState.DRAFT).count() == 1
    assert Disclosure.objects.filter(area=first, category="finance", purpose="finance_board").count() == 3
    assert (
        Expenditure.objects.filter(verdict=Verdict.PASSED).exclude(answer="").exists()
    )  # questioned, answered
    assert Expenditure.objects.filter(approved_at__isnull=True).exists()  # the others wait for approvals
    for board in Board.objects.all():
        assert board.opening + board.income - board.spending == board.closing
