"""The count's pages: disagreements shown with both figures, the PDF record, the public notice with the women flag."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import (
    box_add,
    box_paper_record,
    poll_open,
    poll_sign_off,
    sheet_correct,
    sheet_enter,
)
from gongzhi.elections.actions.results import poll_announce
from gongzhi.elections.models import Election, PollKind, Round, Voter, VoterBasis
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_count_page_shows_the_disagreement_the_record_prints_and_the_notice_is_public(
    users, areas, make_resident
):
    today = timezone.localdate()
    staff = users["community_staff"]
    clerk = make_user("clerk2", Role.COMMUNITY_STAFF, areas["village"])
    round_ = Round.objects.create(
        township=areas["township"], term=11, name="第十一届", opened_by=users["township_admin"]
    )
    election = Election.objects.create(
        round=round_, community=areas["village"], election_day=today + dt.timedelta(days=30), seats=1,
        roll_published_at=timezone.now(),
    )  # fmt: skip
    voters = [
        Voter.objects.create(
            election=election, resident=make_resident(name=name), basis=VoterBasis.LIVING, added_by=staff
        )
        for name in ("赵大", "钱二", "孙三", "李四")
    ]
    a, b = (
        nomination_decide(
            actor=staff,
            nomination=nomination_submit(
                actor=staff, election=election, candidate=voter, nominators=voters[2:]
            ),
            accept=True,
        )
        for voter in voters[:2]
    )
    candidates_publish(actor=staff, election=election)
    poll = poll_open(
        actor=staff, election=election, kind=PollKind.FIRST, held_on=today, meeting_place="村委会大院"
    )
    box = box_add(actor=staff, poll=poll, kind="central", place="村委会大院", staff="王会计")
    box_paper_record(actor=staff, box=box, issued=4, returned=4, spoiled=0)
    sheet_enter(actor=staff, box=box, votes={a.pk: 3, b.pk: 1})
    second = sheet_enter(actor=clerk, box=box, votes={a.pk: 3, b.pk: 0})
    client = Client()
    client.force_login(staff, backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    page = client.get(reverse("elections:count", args=[poll.pk])).content.decode()
    assert 'data-testid="disagreement"' in page
    assert "钱二</td><td>1</td><td>0</td>" in page
    # Not announced: the notice does not exist for the public.
    assert Client().get(reverse("elections:notice", args=[election.pk])).status_code == 404
    sheet_correct(actor=clerk, sheet=second, votes={a.pk: 3, b.pk: 1})
    poll = poll_sign_off(actor=staff, poll=poll, scrutineers=voters[2:])
    poll_announce(actor=staff, poll=poll)
    pdf = client.get(reverse("elections:count_record", args=[poll.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    notice = Client().get(reverse("elections:notice", args=[election.pk])).content.decode()
    assert "赵大</td><td>3</td>" in notice
    assert 'data-testid="without-woman"' in notice  # every voter here is a man
