"""The demo township's 四议两公开: the power list in every community, the bodies, a decision at every stage."""

import pytest
from django.core.management import call_command

from gongzhi.areas.models import Area, AreaKind
from gongzhi.bodies.models import Body, BodyKind
from gongzhi.disclosures.models import Disclosure
from gongzhi.meetings.models import Meeting
from gongzhi.selfgov.models import Decision, DecisionObjection, DecisionStage, PowerItem


@pytest.mark.django_db
def test_the_demo_has_the_power_list_bodies_and_a_decision_at_every_stage():
    call_command("seed_demo", "--quiet")
    communities = Area.objects.filter(kind=AreaKind.COMMUNITY)
    township = Area.objects.get(kind=AreaKind.TOWNSHIP)
    assert PowerItem.objects.filter(area=township).count() >= 30
    for community in communities:
        assert (
            PowerItem.objects.filter(area=community).count()
            == PowerItem.objects.filter(area=township).count()
        )
        assert Body.objects.filter(area=community, kind=BodyKind.SUPERVISORY).exists()
    first = communities.order_by("path").first()
    states = set(Decision.objects.filter(community=first).values_list("state", flat=True))
    assert states == {
        "proposal", "consultation", "review", "resolution", "disclosure", "executing", "result", "done",
        "not_adopted",
    }  # fmt: skip
    assert DecisionObjection.objects.filter(decision__community=first, answered_at=None).exists()
    assert Disclosure.objects.filter(owner_app="selfgov", purpose="decision_result").exists()
    # a stage decided by a meeting convened and held in gongzhi, and a stage's meeting called for next week
    assert DecisionStage.objects.filter(decision__community=first, item__isnull=False, passed=True).exists()
    assert Meeting.objects.filter(area=first, state="convened", agenda__title__contains="两委会商议").exists()
