"""An agenda item put to a secret ballot online (gongzhi.ballots) for the members attending online: opened only
after a quorum and for a secret-ballot item, one ballot per online member, the item's counts the paper
ballot's plus the box's tally, the box closed by the vote."""

import pytest

from gongzhi.audit.models import AuditEvent
from gongzhi.ballots.actions import ballot_cast
from gongzhi.ballots.models import BallotBox
from gongzhi.core.errors import Conflict, DomainError
from gongzhi.meetings.actions import (
    AgendaEntry,
    RollMark,
    meeting_agenda_ballot_open,
    meeting_agenda_box_of,
    meeting_agenda_vote,
    meeting_roll_close,
    meeting_roll_mark,
)
from gongzhi.notices.models import Notice
from tests.meetings.conftest import convene_today

AGENDA = [AgendaEntry("修建村道"), AgendaEntry("处置集体资产", method="secret_ballot")]


@pytest.fixture
def meeting(staff, village):
    """Representatives' meeting today: 代表一 (with an account) attends online, six more in the room."""
    convened = convene_today(staff, village["representatives"], agenda=AGENDA)
    online = convened.roll.get(resident=village["代表一"])
    others = list(convened.roll.exclude(pk=online.pk).order_by("id"))
    marks = [RollMark(online.pk, "present", online=True)]
    marks += [RollMark(m.pk, "present" if i < 6 else "absent") for i, m in enumerate(others)]
    meeting_roll_mark(actor=staff, meeting=convened, marks=marks)
    return convened


def test_no_online_ballot_before_the_quorum_nor_for_an_item_not_put_to_a_secret_ballot(staff, meeting):
    with pytest.raises(DomainError) as refused:
        meeting_agenda_ballot_open(actor=staff, agenda_item=meeting.agenda.get(number=2))
    assert refused.value.code == "roll_open"
    held = meeting_roll_close(actor=staff, meeting=meeting)
    with pytest.raises(DomainError) as refused:
        meeting_agenda_ballot_open(actor=staff, agenda_item=held.agenda.get(number=1))
    assert refused.value.code == "not_secret"
    with pytest.raises(DomainError):
        meeting_agenda_ballot_open(actor=staff, agenda_item=held.agenda.get(number=2), minutes=1)
    assert not BallotBox.objects.exists()
    assert not AuditEvent.objects.filter(verb="meeting.ballot_opened").exists()


def test_the_online_members_vote_in_secret_and_the_tally_joins_the_paper_counts(staff, village, meeting):
    held = meeting_roll_close(actor=staff, meeting=meeting)
    assert (held.present, held.quorate) == (7, True)
    item = held.agenda.get(number=2)
    box = meeting_agenda_ballot_open(actor=staff, agenda_item=item, minutes=30)
    voter = village["代表一"].user
    assert list(box.eligible.values_list("user_id", flat=True)) == [voter.pk]
    assert Notice.objects.filter(recipient=voter, title__contains="请投票").exists()
    with pytest.raises(Conflict):
        meeting_agenda_ballot_open(actor=staff, agenda_item=item)
    receipt = ballot_cast(actor=voter, box=box, answers={"vote": "for"})
    assert receipt.receipt
    # Six in the room on paper: 3 for, 2 against, 1 abstaining; online: 1 for.
    vote = meeting_agenda_vote(actor=staff, agenda_item=item, in_favour=3, against=2, abstaining=1)
    assert (vote.in_favour, vote.against, vote.abstaining, vote.passed) == (4, 2, 1, True)
    assert meeting_agenda_box_of(item).closed_at is not None
    row = AuditEvent.objects.get(verb="meeting.item_voted")
    assert row.summary["online"] == {"in_favour": 1, "against": 0, "abstaining": 0}


def test_no_online_ballot_without_members_online(staff, village):
    convened = convene_today(staff, village["representatives"], agenda=AGENDA)
    meeting_roll_mark(
        actor=staff, meeting=convened, marks=[RollMark(m.pk, "present") for m in convened.roll.all()]
    )
    held = meeting_roll_close(actor=staff, meeting=convened)
    with pytest.raises(DomainError) as refused:
        meeting_agenda_ballot_open(actor=staff, agenda_item=held.agenda.get(number=2))
    assert refused.value.code == "no_online"
