"""The count's write pages' part of the permission matrix (tests/policy_elections_entry.py).

Objects: in 青山村 ("same") and 东街社区 ("other"), one election per stage of election day, each in a round of its
own (terms 81 to 85, so that no other part's round collides, and the same five people may be on every roll):
five voters, three candidates published for two seats, a poll with one box of 5 ballots issued and 4 returned;
then "counting" (one sheet, by the township office's account), "agreed" (both sheets, the same figures), "signed"
(two scrutineers), "announced", "filed". The committee of each community is in the bodies (tests/bodies_kit.py).
Names are none of the matrix's planted markers. Each POST sends what the page's form sends, so an allowed cell
really writes.
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.bodies.models import BodyKind
from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import box_add, box_paper_record, poll_open, poll_sign_off, sheet_enter
from gongzhi.elections.actions.results import poll_announce, result_file
from gongzhi.elections.models import Election, PollKind, Round, Voter, VoterBasis
from gongzhi.residents.actions import resident_create
from tests.bodies_kit import body_ensure
from tests.conftest import clean_input
from tests.permission_kit import Call

STAGES = ("counting", "agreed", "signed", "announced", "filed")
NAMES = ("矩阵子", "矩阵丑", "矩阵寅", "矩阵卯", "矩阵辰")


def _stage(world, round_, community, actor, people, stage: str) -> dict:
    today = timezone.localdate()
    clerk = world.users["township_admin"]
    election = Election.objects.create(
        round=round_,
        community=community,
        election_day=today + dt.timedelta(days=30),
        seats=2,
        roll_published_at=timezone.now(),
    )
    voters = [
        Voter.objects.create(election=election, resident=person, basis=VoterBasis.LIVING, added_by=actor)
        for person in people
    ]
    nominations = [
        nomination_decide(
            actor=actor,
            nomination=nomination_submit(
                actor=actor, election=election, candidate=voter, nominators=voters[3:]
            ),
            accept=True,
        )
        for voter in voters[:3]
    ]
    candidates_publish(actor=actor, election=election)
    poll = poll_open(
        actor=actor, election=election, kind=PollKind.FIRST, held_on=today, meeting_place="矩阵会场"
    )
    box = box_add(actor=actor, poll=poll, kind="central", place="矩阵会场", staff="矩阵工作人员")
    box_paper_record(actor=actor, box=box, issued=5, returned=4, spoiled=0)
    figures = {nominations[0].pk: 4, nominations[1].pk: 3, nominations[2].pk: 1}
    sheet_enter(actor=clerk, box=box, votes=figures)
    if stage != "counting":
        sheet_enter(actor=actor, box=box, votes=figures)
    if stage in ("signed", "announced", "filed"):
        poll = poll_sign_off(actor=actor, poll=poll, scrutineers=voters[3:])
    if stage in ("announced", "filed"):
        poll = poll_announce(actor=actor, poll=poll)
    if stage == "filed":
        election = result_file(actor=actor, election=election)
    return {
        "election": election,
        "poll": poll,
        "box": box,
        "nominations": nominations,
        "scrutineers": voters[3:],
    }


def build(world) -> None:
    staff = {"same": world.users["peer_staff"], "other": world.users["other_staff"]}
    places = {"same": (world.areas["village"], "grid_a1"), "other": (world.areas["urban"], "grid_b1")}
    rounds = {
        stage: Round.objects.create(
            township=world.areas["township"],
            term=71 + index,  # 81 onwards: the count API part's rounds
            name=f"矩阵换届{index}",
            opened_by=world.users["township_admin"],
        )
        for index, stage in enumerate(STAGES)
    }
    part: dict = {stage: {} for stage in STAGES}
    for relation, (community, grid) in places.items():
        actor = staff[relation]
        body_ensure(actor=actor, area=community, kind=BodyKind.COMMITTEE)
        people = [
            resident_create(
                actor=actor,
                data=clean_input(
                    {"name": name, "id_number": world.next_id_number(), "area": world.areas[grid]}
                ),
            )
            for name in NAMES
        ]
        for stage in STAGES:
            part[stage][relation] = _stage(world, rounds[stage], community, actor, people, stage)
    world.parts["elections_entry"] = part


def _votes(objs: dict, figures: tuple[int, int, int]) -> dict:
    return {f"votes_{nomination.pk}": str(count) for nomination, count in zip(objs["nominations"], figures)}


def _page(name: str, stage: str, key: str, data: Callable[[dict], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        objs = world.parts["elections_entry"][stage].get(relation)
        if objs is None:
            return None
        return Call(reverse(name, args=[objs[key].pk]), data(objs) if data else {})

    return call


PAGE_CALLS: dict[str, Callable] = {
    "elections:sheet_enter": _page(
        "elections:sheet_enter", "counting", "box", lambda o: _votes(o, (4, 3, 1))
    ),
    "elections:sheet_correct": _page(
        "elections:sheet_correct", "counting", "box", lambda o: _votes(o, (4, 2, 1))
    ),
    "elections:poll_sign_off": _page(
        "elections:poll_sign_off",
        "agreed",
        "poll",
        lambda o: {"scrutineers": [v.pk for v in o["scrutineers"]]},
    ),
    "elections:poll_announce": _page("elections:poll_announce", "signed", "poll"),
    "elections:result_file": _page("elections:result_file", "announced", "election"),
    "elections:committee_install": _page(
        "elections:committee_install",
        "filed",
        "election",
        lambda o: {
            f"post_{o['nominations'][0].pk}": "chair",
            f"post_{o['nominations'][1].pk}": "member",
            "started_on": timezone.localdate().isoformat(),
        },
    ),
}
API_CALLS: dict[str, Callable] = {}
