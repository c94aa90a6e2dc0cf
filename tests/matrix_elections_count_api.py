"""The count's API part of the permission matrix (tests/policy_elections_count_api.py).

Objects: for each relation ("same" 青山村 by peer_staff, "other" 东街社区 by other_staff) one election per stage,
each in a round of its own (terms 81 to 88, so that no other part's round collides), two seats and a roll of six
published, so that every operation finds the state in which it succeeds:

    prep       two candidates confirmed, one nomination pending, a voter not nominated
    ready      three candidates confirmed, not published
    published  the candidates published, no poll yet; a committee member of the community (to recall)
    counting   the poll open: a box without paper, a box with paper and no sheet, a box entered by
               community_staff ("same") or other_staff ("other") and the township office (its two clerks)
    agreed     the poll's one box entered by both clerks, in agreement, not signed
    signed     signed by the scrutineers, not announced
    announced  announced, not filed
    filed      filed with the township, the committee not installed

Names are none of the matrix's planted markers: the candidates and the elected are published.
"""

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from gongzhi.bodies.actions import membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import box_add, box_paper_record, poll_open, poll_sign_off, sheet_enter
from gongzhi.elections.actions.results import poll_announce, result_file
from gongzhi.elections.models import Election, PollKind, Round, Voter, VoterBasis
from gongzhi.residents.actions import resident_create
from tests.bodies_kit import body_ensure
from tests.conftest import clean_input
from tests.permission_kit import Call

STAGES = ("prep", "ready", "published", "counting", "agreed", "signed", "announced", "filed")
NAMES = ("矩阵候选甲", "矩阵候选乙", "矩阵候选丙", "矩阵选民丁", "矩阵选民戊", "矩阵选民己")


def _stage(world, round_, relation: str, stage: str) -> dict:
    today = timezone.localdate()
    community, grid = {"same": ("village", "grid_a1"), "other": ("urban", "grid_b1")}[relation]
    actor = world.users["peer_staff" if relation == "same" else "other_staff"]
    clerk = world.users["community_staff" if relation == "same" else "other_staff"]
    admin = world.users["township_admin"]
    level = STAGES.index(stage)
    election = Election.objects.create(
        round=round_,
        community=world.areas[community],
        election_day=today + dt.timedelta(days=30),
        seats=2,
        roll_published_at=timezone.now(),
    )
    voters = []
    for name in NAMES:
        data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[grid]})
        person = resident_create(actor=actor, data=data)
        voters.append(
            Voter.objects.create(election=election, resident=person, basis=VoterBasis.LIVING, added_by=actor)
        )
    objs: dict = {"election": election, "voters": voters}
    nominations = []
    for index, voter in enumerate(voters[:3]):
        nomination = nomination_submit(actor=actor, election=election, candidate=voter, nominators=voters[3:])
        if stage != "prep" or index < 2:
            nomination = nomination_decide(actor=actor, nomination=nomination, accept=True)
        nominations.append(nomination)
    objs["nominations"] = nominations
    if level < STAGES.index("published"):
        return objs
    candidates_publish(actor=actor, election=election)
    if stage == "published":
        committee = body_ensure(actor=actor, area=world.areas[community], kind=BodyKind.COMMITTEE)
        data = clean_input(
            {"name": "矩阵村委委员", "id_number": world.next_id_number(), "area": world.areas[grid]}
        )
        member = resident_create(actor=actor, data=data)
        objs["membership"] = membership_add(
            actor=actor,
            body=committee,
            resident=member,
            post=Post.MEMBER,
            started_on=today - dt.timedelta(days=400),
        )
        return objs
    poll = poll_open(
        actor=actor, election=election, kind=PollKind.FIRST, held_on=today, meeting_place="矩阵会场"
    )
    figures = {nominations[0].pk: 4, nominations[1].pk: 3, nominations[2].pk: 1}
    if stage == "counting":
        objs["empty"] = box_add(
            actor=actor, poll=poll, kind="station", place="矩阵投票站", staff="矩阵工作人员"
        )
        objs["fresh"] = box_add(
            actor=actor, poll=poll, kind="mobile", place="矩阵流动票箱", staff="矩阵工作人员"
        )
        box_paper_record(actor=actor, box=objs["fresh"], issued=5, returned=4, spoiled=0)
        objs["entered"] = box = box_add(
            actor=actor, poll=poll, kind="central", place="矩阵会场", staff="矩阵工作人员"
        )
        box_paper_record(actor=actor, box=box, issued=5, returned=4, spoiled=0)
        sheet_enter(actor=clerk, box=box, votes=figures)
        sheet_enter(actor=admin, box=box, votes=figures)
        objs["poll"] = poll
        return objs
    box = box_add(actor=actor, poll=poll, kind="central", place="矩阵会场", staff="矩阵工作人员")
    box_paper_record(actor=actor, box=box, issued=5, returned=4, spoiled=0)
    sheet_enter(actor=actor, box=box, votes=figures)
    sheet_enter(actor=admin, box=box, votes=figures)
    if level >= STAGES.index("signed"):
        poll = poll_sign_off(actor=actor, poll=poll, scrutineers=voters[3:5])
    if level >= STAGES.index("announced"):
        poll = poll_announce(actor=actor, poll=poll)
    if level >= STAGES.index("filed"):
        election = result_file(actor=actor, election=election)
        committee = body_ensure(actor=actor, area=world.areas[community], kind=BodyKind.COMMITTEE)
        objs["committee"] = committee
    objs["poll"] = poll
    objs["election"] = election
    return objs


def build(world) -> None:
    part: dict = {"same": {}, "other": {}}
    for term, stage in enumerate(STAGES, start=81):
        round_ = Round.objects.create(
            township=world.areas["township"],
            term=term,
            name=f"矩阵换届{term}",
            opened_by=world.users["township_admin"],
        )
        for relation in part:
            part[relation][stage] = _stage(world, round_, relation, stage)
    world.parts["elections_count_api"] = part


def _api(
    path: str, stage: str, key: str | Callable[[dict], object], data: Callable[[dict], dict] | None = None
):
    """The operation on the object `key` names (or picks) among the objects of the relation's election at `stage`."""

    def call(world, actor: str, relation: str) -> Call | None:
        objs = world.parts["elections_count_api"].get(relation, {}).get(stage)
        if objs is None:
            return None
        target = key(objs) if callable(key) else objs[key]
        return Call("/api/v1/elections" + path.format(target.pk), data(objs) if data else {})

    return call


def _ids(voters, *indexes) -> list[int]:
    return [voters[i].pk for i in indexes]


def _figures(o: dict, *votes: int) -> dict:
    return {
        "votes": [{"nomination_id": n.pk, "votes": v} for n, v in zip(o["nominations"], votes, strict=True)]
    }


TODAY = lambda: timezone.localdate().isoformat()  # noqa: E731

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/elections/{election_id}/nominations": _api("/{}/nominations", "prep", "election"),
    "POST /api/v1/elections/{election_id}/nominations": _api(
        "/{}/nominations",
        "prep",
        "election",
        lambda o: {"candidate_id": o["voters"][3].pk, "nominator_ids": _ids(o["voters"], 4, 5)},
    ),
    # The pending nomination (the third).
    "POST /api/v1/elections/nominations/{nomination_id}/decide": _api(
        "/nominations/{}/decide", "prep", lambda o: o["nominations"][2], lambda o: {"accept": True}
    ),
    "POST /api/v1/elections/{election_id}/candidates/publish": _api(
        "/{}/candidates/publish", "ready", "election"
    ),
    "GET /api/v1/elections/{election_id}/candidates": _api("/{}/candidates", "published", "election"),
    "POST /api/v1/elections/{election_id}/polls": _api(
        "/{}/polls",
        "published",
        "election",
        lambda o: {"kind": "first", "held_on": TODAY(), "meeting_place": "矩阵会场"},
    ),
    "GET /api/v1/elections/polls/{poll_id}": _api("/polls/{}", "counting", "poll"),
    "POST /api/v1/elections/polls/{poll_id}/boxes": _api(
        "/polls/{}/boxes",
        "counting",
        "poll",
        lambda o: {"kind": "mobile", "place": "矩阵敬老院", "staff": "矩阵工作人员"},
    ),
    "POST /api/v1/elections/boxes/{box_id}/paper": _api(
        "/boxes/{}/paper", "counting", "empty", lambda o: {"issued": 5, "returned": 4, "spoiled": 1}
    ),
    "POST /api/v1/elections/boxes/{box_id}/sheets": _api(
        "/boxes/{}/sheets", "counting", "fresh", lambda o: _figures(o, 4, 3, 1)
    ),
    "GET /api/v1/elections/boxes/{box_id}/sheets/mine": _api("/boxes/{}/sheets/mine", "counting", "entered"),
    "POST /api/v1/elections/boxes/{box_id}/sheets/mine": _api(
        "/boxes/{}/sheets/mine", "counting", "entered", lambda o: _figures(o, 4, 2, 1)
    ),
    "POST /api/v1/elections/polls/{poll_id}/sign-off": _api(
        "/polls/{}/sign-off", "agreed", "poll", lambda o: {"scrutineer_ids": _ids(o["voters"], 3, 4)}
    ),
    "POST /api/v1/elections/polls/{poll_id}/announce": _api("/polls/{}/announce", "signed", "poll"),
    "POST /api/v1/elections/{election_id}/file": _api("/{}/file", "announced", "election"),
    "POST /api/v1/elections/{election_id}/install": _api(
        "/{}/install",
        "filed",
        "election",
        lambda o: {
            "posts": [
                {"nomination_id": o["nominations"][0].pk, "post": "chair"},
                {"nomination_id": o["nominations"][1].pk, "post": "member"},
            ],
            "started_on": TODAY(),
        },
    ),
    "POST /api/v1/elections/{election_id}/recalls": _api(
        "/{}/recalls",
        "published",
        "election",
        lambda o: {
            "membership_id": o["membership"].pk,
            "reason": "矩阵：长期不履职",
            "supporter_ids": _ids(o["voters"], 3, 4),
            "proposed_on": TODAY(),
        },
    ),
    "GET /api/v1/elections/{election_id}/result": _api("/{}/result", "announced", "election"),
}
