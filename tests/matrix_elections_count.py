"""The count's part of the permission matrix (tests/policy_elections_count.py).

Objects: in 青山村 ("same") and 东街社区 ("other") an election of a round of its own (term 91, so that no other
part's round collides), three candidates published for two seats, a poll with one box counted by two clerks,
signed by two scrutineers and announced. Names are none of the matrix's planted markers: the elected and the
votes per candidate are public once announced.
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import box_add, box_paper_record, poll_open, poll_sign_off, sheet_enter
from gongzhi.elections.actions.results import poll_announce
from gongzhi.elections.models import Election, PollKind, Round, Voter, VoterBasis
from gongzhi.residents.actions import resident_create
from tests.conftest import clean_input
from tests.permission_kit import Call


def build(world) -> None:
    today = timezone.localdate()
    staff = {"same": world.users["peer_staff"], "other": world.users["other_staff"]}
    places = {"same": (world.areas["village"], "grid_a1"), "other": (world.areas["urban"], "grid_b1")}
    second_clerk = world.users["township_admin"]
    part: dict = {"poll": {}, "election": {}}
    round_ = Round.objects.create(
        township=world.areas["township"], term=91, name="矩阵换届", opened_by=world.users["township_admin"]
    )
    for relation, (community, grid) in places.items():
        actor = staff[relation]
        election = Election.objects.create(
            round=round_,
            community=community,
            election_day=today + dt.timedelta(days=30),
            seats=2,
            roll_published_at=timezone.now(),
        )
        voters = []
        for name in ("矩阵甲", "矩阵乙", "矩阵丙", "矩阵丁", "矩阵戊"):
            data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[grid]})
            person = resident_create(actor=actor, data=data)
            voters.append(
                Voter.objects.create(
                    election=election, resident=person, basis=VoterBasis.LIVING, added_by=actor
                )
            )
        nominations = []
        for voter in voters[:3]:
            nomination = nomination_submit(
                actor=actor, election=election, candidate=voter, nominators=voters[3:]
            )
            nominations.append(nomination_decide(actor=actor, nomination=nomination, accept=True))
        candidates_publish(actor=actor, election=election)
        poll = poll_open(
            actor=actor, election=election, kind=PollKind.FIRST, held_on=today, meeting_place="矩阵会场"
        )
        box = box_add(actor=actor, poll=poll, kind="central", place="矩阵会场", staff="矩阵工作人员")
        box_paper_record(actor=actor, box=box, issued=5, returned=4, spoiled=0)
        figures = {nominations[0].pk: 4, nominations[1].pk: 3, nominations[2].pk: 1}
        sheet_enter(actor=actor, box=box, votes=figures)
        sheet_enter(actor=second_clerk, box=box, votes=figures)
        poll = poll_sign_off(actor=actor, poll=poll, scrutineers=voters[3:])
        poll_announce(actor=actor, poll=poll)
        part["poll"][relation] = poll
        part["election"][relation] = election
    world.parts["elections_count"] = part


def page(name: str, kind: str) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        target = world.parts["elections_count"][kind].get(relation)
        if target is None:
            return None
        return Call(reverse(name, args=[target.pk]))

    return call


PAGE_CALLS: dict[str, Callable] = {
    "elections:count": page("elections:count", "poll"),
    "elections:count_record": page("elections:count_record", "poll"),
    "elections:notice": page("elections:notice", "election"),
}
API_CALLS: dict[str, Callable] = {}
