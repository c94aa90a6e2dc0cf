"""The demo township's proposals (gongzhi.devtools.demo_proposals), made through the actions."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.audit.verification import audit_chain_verify
from gongzhi.selfgov.models import Proposal, ProposalPost, ProposalSignature
from gongzhi.selfgov.selectors.proposals import proposal_count

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_proposal_gathering_one_that_reached_its_threshold_and_one_answered():
    call_command("seed_demo", "--quiet")
    jumin = User.objects.get(username="jumin")
    gathering = Proposal.objects.get(author=jumin)
    assert gathering.state == "gathering"
    count = proposal_count(gathering)
    assert count.progress.reached is None
    assert 1 < count.signed < count.progress.lines[0].needed
    assert (
        ProposalSignature.objects.filter(proposal=gathering, assisted=True)
        .exclude(consent_channel="")
        .exists()
    )
    reached = Proposal.objects.get(title="村道安装太阳能路灯")
    assert reached.state == "submitted"
    assert reached.reached_route == "adults"
    assert reached.meeting_due_on is not None
    # The township's own 20 days (the demo's setting).
    assert (reached.meeting_due_on - timezone.localtime(reached.reached_at).date()).days == 20
    assert reached.reached_count == proposal_count(reached).progress.lines[0].needed
    answered = Proposal.objects.get(state="answered")
    assert answered.answer
    assert answered.answered_by.username == "cun_ganbu"
    posts = ProposalPost.objects.filter(proposal=gathering)
    assert posts.filter(capacity="organisation").exists()
    assert posts.filter(hidden_at__isnull=False).exclude(hidden_reason="").exists()
    assert {p.community.name for p in Proposal.objects.all()} == {jumin.resident.community.name}
    assert audit_chain_verify().ok
