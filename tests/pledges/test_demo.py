"""The demo's pledges (gongzhi.devtools.demo_pledges): every community shows some members, staff have one to approve,
the first community has every state."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.pledges import selectors
from gongzhi.pledges.models import Pledge, PledgeState

pytestmark = pytest.mark.django_db


def test_every_demo_community_has_pledges_and_some_are_public(client):
    call_command("seed_demo", "--quiet")
    year = timezone.localdate().year
    communities = list(Area.objects.filter(kind="community").order_by("path"))
    for community in communities:
        states = set(Pledge.objects.filter(community=community, year=year).values_list("state", flat=True))
        assert {PledgeState.APPROVED, PledgeState.SUBMITTED} <= states, community.name
        cards = selectors.board_cards(community, year)
        assert len(cards) >= 2, community.name
        assert any(card.name.endswith("某某") for card in cards), community.name
        page = client.get(f"/pledges/board/c/{community.pk}/")
        assert page.content.decode().count('data-testid="card"') == len(cards)
    first = communities[0]
    assert set(Pledge.objects.filter(community=first).values_list("state", flat=True)) == set(
        PledgeState.values
    )
    client.force_login(User.objects.get(username="dangyuan"))
    mine = client.get("/pledges/").content.decode()
    assert "的承诺" in mine
    client.force_login(User.objects.get(username="cun_ganbu"))
    assert 'data-testid="waiting"' in client.get("/pledges/").content.decode()
