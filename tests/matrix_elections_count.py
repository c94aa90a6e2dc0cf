"""The count's part of the permission matrix (tests/policy_elections_count.py).

Objects: in 青山村 ("same") and 东街社区 ("other") an election of a round of its own (term 91, so that no other
part's round collides), three candidates published for two seats, a poll with one box counted by two clerks,
signed by two scrutineers and announced. Names are none of the matrix's planted markers: the elected and the
votes per candidate are public once announced.

For the candidate and election-day pages, two more elections per relation, each in a round of its own:
"nominating" (term 92: the roll published, three candidates confirmed and one nomination pending, two voters
not nominated) and "day" (term 93: candidates published, the first poll open with one box whose paper is not
recorded, and a recall proposed against a member of the community's committee, its vote not opened).
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.bodies.models import BodyKind, Post
from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import box_add, box_paper_record, poll_open, poll_sign_off, sheet_enter
from gongzhi.elections.actions.results import poll_announce, recall_propose
from gongzhi.elections.models import Election, PollKind, Round, Voter, VoterBasis
from gongzhi.residents.actions import resident_create
from tests.bodies_kit import body_ensure, member_ensure
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
    rounds = {
        term: Round.objects.create(
            township=world.areas["township"], term=term, name=f"矩阵换届{term}", opened_by=world.users["township_admin"]
        )
        for term in (92, 93)
    }  # fmt: skip
    for key in (
        "nominating",
        "pending",
        "free",
        "signer",
        "day",
        "day_poll",
        "box",
        "recall",
        "member",
        "supporters",
    ):
        part[key] = {}
    for relation, (community, grid) in places.items():
        _candidate_steps(world, part, relation, rounds, community, grid, staff[relation])
    world.parts["elections_count"] = part


def _candidate_steps(world, part: dict, relation: str, rounds: dict, community, grid: str, actor) -> None:
    today = timezone.localdate()

    def person(name: str):
        data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[grid]})
        return resident_create(actor=actor, data=data)

    def election_with_roll(term: int) -> tuple[Election, list[Voter]]:
        election = Election.objects.create(
            round=rounds[term], community=community, election_day=today + dt.timedelta(days=30), seats=2,
            roll_published_at=timezone.now(),
        )  # fmt: skip
        voters = [
            Voter.objects.create(
                election=election,
                resident=person(f"矩阵选民{'甲乙'[term - 92]}{'子丑寅卯辰巳'[n]}"),
                basis=VoterBasis.LIVING,
                added_by=actor,
            )  # fmt: skip
            for n in range(6)
        ]
        return election, voters

    def nominate(election: Election, voters: list[Voter], count: int) -> list:
        return [
            nomination_decide(
                actor=actor,
                nomination=nomination_submit(
                    actor=actor, election=election, candidate=v, nominators=voters[5:]
                ),
                accept=True,
            )
            for v in voters[:count]
        ]

    election, voters = election_with_roll(92)
    nominate(election, voters, 3)
    part["pending"][relation] = nomination_submit(
        actor=actor, election=election, candidate=voters[3], nominators=voters[5:]
    )
    part["nominating"][relation] = election
    part["free"][relation] = voters[4]
    part["signer"][relation] = voters[5]
    day, day_voters = election_with_roll(93)
    nominate(day, day_voters, 3)
    candidates_publish(actor=actor, election=day)
    poll = poll_open(actor=actor, election=day, kind=PollKind.FIRST, held_on=today, meeting_place="矩阵会场")
    part["box"][relation] = box_add(
        actor=actor, poll=poll, kind="central", place="矩阵会场", staff="矩阵工作人员"
    )
    committee = body_ensure(actor=actor, area=community, kind=BodyKind.COMMITTEE)
    member = member_ensure(
        actor=actor,
        body=committee,
        resident=person("矩阵罢免对象"),
        post=Post.MEMBER,
        started_on=dt.date(2024, 1, 10),
    )
    part["recall"][relation] = recall_propose(
        actor=actor, election=day, membership=member, reason="矩阵：长期不履职", supporters=day_voters[3:5],
        proposed_on=today,
    )  # fmt: skip
    part["member"][relation] = member
    part["supporters"][relation] = day_voters[:2]
    part["day"][relation] = day
    part["day_poll"][relation] = poll


def page(name: str, kind: str, data: Callable | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        target = world.parts["elections_count"][kind].get(relation)
        if target is None:
            return None
        objs = {key: value.get(relation) for key, value in world.parts["elections_count"].items()}
        return Call(reverse(name, args=[target.pk]), data(objs) if data else {})

    return call


TODAY = lambda: timezone.localdate().isoformat()  # noqa: E731


PAGE_CALLS: dict[str, Callable] = {
    "elections:count": page("elections:count", "poll"),
    "elections:count_record": page("elections:count_record", "poll"),
    "elections:notice": page("elections:notice", "election"),
    # A nomination form recorded (302*); the pending one confirmed (302*); publishing refused while it is pending.
    "elections:nominations": page(
        "elections:nominations",
        "nominating",
        lambda o: {"candidate": o["free"].pk, "nominators": [o["signer"].pk]},
    ),
    "elections:nomination_decide": page(
        "elections:nomination_decide", "pending", lambda o: {"decision": "accept"}
    ),
    "elections:candidates_publish": page("elections:candidates_publish", "nominating"),
    # The recall's vote opened (302*); a box added to the open poll (302*), the box's paper recorded (302*).
    "elections:poll_open": page(
        "elections:poll_open",
        "day",
        lambda o: {
            "kind": "recall",
            "recall": o["recall"].pk,
            "held_on": TODAY(),
            "meeting_place": "矩阵会场",
        },
    ),
    "elections:box_add": page(
        "elections:box_add",
        "day_poll",
        lambda o: {"kind": "mobile", "place": "矩阵二组", "staff": "矩阵工作人员"},
    ),
    "elections:box_paper": page(
        "elections:box_paper", "box", lambda o: {"issued": "6", "returned": "5", "spoiled": "1"}
    ),
    "elections:recall_propose": page(
        "elections:recall_propose",
        "day",
        lambda o: {
            "membership": o["member"].pk,
            "reason": "矩阵：长期不履职",
            "proposed_on": TODAY(),
            "supporters": [voter.pk for voter in o["supporters"]],
        },
    ),
}
API_CALLS: dict[str, Callable] = {}
