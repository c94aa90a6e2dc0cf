"""The demo's merit board (gongzhi.devtools.demo_merit): a lively board in every community, every state."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.areas.models import Area
from gongzhi.merit.models import Nomination, NominationState

pytestmark = pytest.mark.django_db


def test_every_demo_community_has_a_board_and_nominations_in_every_state(client):
    call_command("seed_demo", "--quiet")
    for community in Area.objects.filter(kind="community"):
        states = set(Nomination.objects.filter(community=community).values_list("state", flat=True))
        assert {
            NominationState.ON_BOARD, NominationState.PUBLICISED, NominationState.IN_REVIEW,
            NominationState.AWAITING_CONSENT,
        } <= states, community.name  # fmt: skip
        posted = Nomination.objects.filter(community=community, state=NominationState.PUBLICISED).get()
        assert posted.objections.filter(answered_at__isnull=True).exists(), community.name
        page = client.get(f"/merit/board/c/{community.pk}/")
        assert page.status_code == 200
        assert page.content.decode().count('data-testid="entry"') == 4
    first = Area.objects.filter(kind="community").order_by("path").first()
    assert Nomination.objects.filter(community=first, state=NominationState.DECLINED).exists()
    client.force_login(User.objects.get(username="jumin"))
    assert "请确认是否同意" in client.get("/").content.decode()
    client.force_login(User.objects.get(username="pingyi1_2"))  # pingyi1_1 has given their opinion
    assert "请评议" in client.get("/").content.decode()
