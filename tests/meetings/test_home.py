"""The home page's section of the meetings a member is called to: title, when, where, agenda; the link to vote
while a held meeting's online secret ballot is open to them; nothing for those not called; a fixed number of
queries however many meetings there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongzhi.ballots.actions import ballot_cast
from gongzhi.meetings.actions import (
    AgendaEntry,
    RollMark,
    meeting_agenda_ballot_open,
    meeting_cancel,
    meeting_roll_close,
    meeting_roll_mark,
)
from tests.meetings.conftest import convene_today

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


def test_a_representative_sees_the_meeting_they_are_called_to_with_its_agenda(client, staff, village, users):
    meeting = convene_today(staff, village["representatives"], title="第三季度村民代表会议")
    page = _home(client, village["代表一"].user)
    assert f'data-testid="called-{meeting.pk}"' in page
    assert "第三季度村民代表会议" in page
    assert timezone.localdate().isoformat() in page
    assert "村委会会议室" in page
    assert "修建村道" in page
    assert "修订村规民约" in page
    assert f'data-testid="called-vote-{meeting.pk}"' not in page
    # Not called: the section is left out.
    assert 'data-testid="home-meetings"' not in _home(client, users["resident"])
    # A cancelled or past meeting is not upcoming.
    meeting_cancel(actor=staff, meeting=meeting, reason="汛情解除，改期召开")
    assert 'data-testid="home-meetings"' not in _home(client, village["代表一"].user)


def test_while_an_online_secret_ballot_is_open_the_member_gets_the_link_to_vote(client, staff, village):
    agenda = [AgendaEntry("修建村道"), AgendaEntry("处置集体资产", method="secret_ballot")]
    convened = convene_today(staff, village["representatives"], agenda=agenda)
    online = convened.roll.get(resident=village["代表一"])
    others = list(convened.roll.exclude(pk=online.pk).order_by("id"))
    marks = [RollMark(online.pk, "present", online=True)]
    marks += [RollMark(m.pk, "present" if i < 6 else "absent") for i, m in enumerate(others)]
    meeting_roll_mark(actor=staff, meeting=convened, marks=marks)
    held = meeting_roll_close(actor=staff, meeting=convened)
    box = meeting_agenda_ballot_open(actor=staff, agenda_item=held.agenda.get(number=2), minutes=30)
    voter = village["代表一"].user
    page = _home(client, voter)
    assert f'data-testid="called-vote-{held.pk}"' in page
    assert f'href="{reverse("ballots:box", args=[box.pk])}"' in page
    ballot_cast(actor=voter, box=box, answers={"vote": "for"})
    assert f'data-testid="called-vote-{held.pk}"' not in _home(client, voter)


def test_the_section_takes_the_same_queries_for_one_meeting_or_many(client, staff, village):
    voter = village["代表一"].user
    convene_today(staff, village["representatives"])
    client.force_login(voter)
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/").status_code == 200
    for n in range(3):
        convene_today(
            staff,
            village["representatives"],
            title=f"村民代表会议（{'一二三'[n]}）",
            held_on=timezone.localdate() + dt.timedelta(days=n + 1),
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert page.count('data-testid="called-') >= 4
    assert len(many.captured_queries) == len(one.captured_queries)
