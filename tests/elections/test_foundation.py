"""The elections' records hold their own invariants: one roll a round, a committee seat read from the register."""

import datetime as dt

import pytest
import rules
from django.db import IntegrityError, transaction

from gongzhi.core.errors import NotFound
from gongzhi.elections.models import CommitteeMember, Election, Round, Voter, VoterBasis
from gongzhi.elections.selectors import committee_seat_of, election_get_for, elections_for
from gongzhi.residents.models import Resident


@pytest.fixture
def round_(users, areas) -> Round:
    return Round.objects.create(
        township=areas["township"], term=11, name="第十一届", opened_by=users["township_admin"]
    )


def _election(round_, community) -> Election:
    return Election.objects.create(
        round=round_, community=community, election_day=dt.date(2027, 3, 20), seats=5
    )


def test_nobody_stands_on_two_rolls_of_one_round(round_, areas, users, make_resident):
    village, urban = _election(round_, areas["village"]), _election(round_, areas["urban"])
    person = make_resident()
    Voter.objects.create(
        election=village, resident=person, basis=VoterBasis.LIVING, added_by=users["community_staff"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Voter.objects.create(
            election=urban, resident=person, basis=VoterBasis.AWAY, added_by=users["other_staff"]
        )
    # Struck off the first roll, the person may stand on the other.
    Voter.objects.filter(election=village).update(removed_at=dt.datetime(2027, 3, 1, tzinfo=dt.UTC))
    Voter.objects.create(
        election=urban, resident=person, basis=VoterBasis.AWAY, added_by=users["other_staff"]
    )
    assert Voter.objects.get(election=urban).round_id == round_.pk


def test_a_committee_seat_reads_and_runs_its_own_election_only(round_, areas, users, make_resident):
    village, urban = _election(round_, areas["village"]), _election(round_, areas["urban"])
    seated = make_resident()
    Resident.objects.filter(pk=seated.pk).update(user=users["nobody"])
    CommitteeMember.objects.create(
        election=village,
        resident=seated,
        joined_on=dt.date(2026, 12, 1),
        recorded_by=users["community_staff"],
    )
    nobody = users["nobody"]
    assert committee_seat_of(nobody, village) is not None
    assert committee_seat_of(nobody, urban) is None
    assert rules.has_perm("elections.run", nobody, village)
    assert not rules.has_perm("elections.run", nobody, urban)
    assert list(elections_for(nobody)) == [village]
    with pytest.raises(NotFound):
        election_get_for(nobody, urban.pk)
    # Having left the committee (nominated as a candidate), the person no longer presides.
    CommitteeMember.objects.filter(election=village).update(
        left_on=dt.date(2026, 12, 5), left_reason="nominated"
    )
    assert committee_seat_of(nobody, village) is None
    assert not rules.has_perm("elections.run", nobody, village)


def test_staff_read_their_community_and_the_township_reads_every_one(round_, areas, users):
    village, urban = _election(round_, areas["village"]), _election(round_, areas["urban"])
    assert list(elections_for(users["community_staff"])) == [village]
    assert set(elections_for(users["township_admin"])) == {village, urban}
    assert list(elections_for(users["resident"])) == []
    assert rules.has_perm("elections.round", users["township_admin"], round_)
    assert not rules.has_perm("elections.round", users["community_staff"], round_)
