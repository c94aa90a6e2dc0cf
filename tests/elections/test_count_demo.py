"""The demo round's candidates, count and results (gongzhi.devtools.demo_elections_count): through the actions."""

import pytest
from django.core.management import call_command

from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.models import Membership
from gongzhi.elections.models import Election, Poll, PollKind, Recall
from gongzhi.elections.selectors import box_disagreements

pytestmark = pytest.mark.django_db


def test_the_demo_round_has_candidates_published_a_count_in_disagreement_and_a_filed_result():
    call_command("seed_demo", "--quiet")
    filed = Election.objects.get(result_filed_at__isnull=False)
    assert (
        Membership.objects.filter(term="第十一届", body__area=filed.community, ended_on=None).count()
        == filed.seats
    )
    disputed = Poll.objects.get(signed_off_at=None, recall=None)
    assert box_disagreements(disputed.boxes.get())
    assert Election.objects.filter(candidates_published_at__isnull=False, polls=None).count() == 1


def test_the_demo_round_has_a_recall_proposed_by_a_fifth_of_the_roll_and_voted_on_through_the_actions():
    call_command("seed_demo", "--quiet")
    recall = Recall.objects.select_related("membership", "election").get()
    roll = recall.election.voters.filter(removed_at=None).count()
    assert 5 * recall.supporters.count() >= roll
    poll = Poll.objects.get(recall=recall, kind=PollKind.RECALL)
    box = poll.boxes.get()
    assert box.sheets.count() == 2
    assert len({sheet.clerk_id for sheet in box.sheets.all()}) == 2
    assert not box_disagreements(box)
    assert poll.scrutineers.count() >= 2
    assert poll.announced_at is not None
    assert poll.result["valid"]
    assert not poll.result["recalled"]
    assert 2 * poll.result["cast"] > roll
    # Not carried: the member stays on the committee.
    recall.membership.refresh_from_db()
    assert recall.membership.ended_on is None
    for verb in ("elections.recall_proposed", "elections.poll_opened", "elections.count_signed",
                 "elections.result_announced"):  # fmt: skip
        assert AuditEvent.objects.filter(verb=verb, area=recall.election.community).exists(), verb
