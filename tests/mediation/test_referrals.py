""" "转人民调解" from a situation note and from a wish, through the kernel hook gongzhi.core.referrals: one
dispute with its own case code, the note or wish closed with that code, the referrer reading nothing more."""

import pytest

from gongzhi.core.errors import Conflict, NotPermitted
from gongzhi.mediation.models import Dispute
from gongzhi.situations.actions import situation_accept, situation_post, situation_refer_to_mediation
from gongzhi.wishes.actions import wish_post, wish_refer_to_mediation

pytestmark = pytest.mark.django_db


def test_a_situation_note_is_referred_to_mediation(committee, users):
    note = situation_post(
        actor=committee.party,
        category="dispute",
        place="村东头",
        body="邻居王五把垃圾倒在我家门口，多次吵架。",
    )
    staff = users["community_staff"]
    with pytest.raises(Conflict, match="受理后"):
        situation_refer_to_mediation(actor=staff, situation=note)
    assert not Dispute.objects.exists()
    note = situation_accept(actor=staff, situation=note)
    with pytest.raises(NotPermitted):
        situation_refer_to_mediation(actor=users["grid_worker"], situation=note)
    note = situation_refer_to_mediation(actor=staff, situation=note)
    dispute = Dispute.objects.get()
    assert dispute.source == "situation"
    assert dispute.source_ref == note.pk
    assert dispute.code in note.handled_note
    assert note.case.state == "resolved"
    assert "垃圾" in dispute.facts
    assert dispute.case.community == note.case.community
    assert [p.user for p in dispute.parties.all()] == [committee.party]
    assert not staff.has_perm("mediation.view", dispute)
    assert committee.chair.has_perm("mediation.view", dispute)
    assert committee.party.has_perm("mediation.view", dispute)


def test_a_submitted_wish_is_referred_to_mediation_instead_of_the_wall(committee, users):
    wish = wish_post(
        actor=committee.party,
        title="请帮我和邻居说和",
        story="邻居占了我家的路，想请人调解。",
        category="other",
    )
    wish = wish_refer_to_mediation(actor=users["community_staff"], wish=wish)
    dispute = Dispute.objects.get()
    assert wish.case.state == "returned"
    assert dispute.source == "wish"
    assert "占了我家的路" in dispute.facts
    with pytest.raises(Conflict):
        wish_refer_to_mediation(actor=users["community_staff"], wish=wish)
    assert Dispute.objects.count() == 1
