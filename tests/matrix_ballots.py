"""The secret ballot's part of the permission matrix (tests/policy_ballots.py): its boxes and request recipes.

Boxes of 青山村 in which every actor votes ("own"), of 青山村 in which only peer_staff votes ("same") and of
东街社区 in which only other_staff votes ("other"); each open (for the ballot and the cast) and closed with ballots
in it (for the results and the receipts). Each POST sends what the page or a client sends.
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.ballots.actions import (
    EVALUATION,
    FOR_AGAINST_ABSTAIN,
    ballot_box_close,
    ballot_box_open,
    ballot_cast,
)
from tests import policy
from tests.permission_kit import Call

QUESTIONS = [
    {"key": "road", "text": "是否同意硬化村东道路", "options": [dict(o) for o in FOR_AGAINST_ABSTAIN]},
    {"key": "chair", "text": "对村委会主任的评议", "options": [dict(o) for o in EVALUATION]},
]
ANSWERS = {"road": "for", "chair": "competent"}


def build(world) -> None:
    users, areas = world.users, world.areas
    everyone = [users[actor] for actor in policy.ACTORS if actor != "anonymous"]
    staff, peer, other_staff = users["community_staff"], users["peer_staff"], users["other_staff"]
    places = {
        "own": (areas["village"], everyone, staff),
        "same": (areas["village"], [peer], staff),
        "other": (areas["urban"], [other_staff], other_staff),
    }
    boxes: dict[str, dict] = {"open": {}, "closed": {}}
    receipts: dict[int, str] = {}
    for relation, (area, voters, opener) in places.items():
        for state in ("open", "closed"):
            box = ballot_box_open(
                actor=opener, area=area, title=f"矩阵投票 {relation} {state}", questions=QUESTIONS, voters=voters,
                closes_at=timezone.now() + dt.timedelta(days=1),
            )  # fmt: skip
            if state == "closed":
                receipts[box.pk] = ballot_cast(actor=voters[0], box=box, answers=ANSWERS).receipt
                ballot_box_close(actor=opener, box=box)
                box.refresh_from_db()
            boxes[state][relation] = box
    for state in ("open", "closed"):
        for actor in policy.ACTORS:
            boxes[state][f"own:{actor}"] = boxes[state]["own"]
    world.parts["ballots"] = {"boxes": boxes, "receipts": receipts}


def box_call(name: str, state: str, data: Callable | None = None, api: str = "") -> Callable:
    """A route taking one box in `state`: the page `name`, or the API path `api` ("{}" for the box id)."""

    def call(world, actor: str, relation: str) -> Call | None:
        box = world.obj(world.parts["ballots"]["boxes"][state], actor, relation)
        if box is None:
            return None
        path = api.format(box.pk) if api else reverse(name, args=[box.pk])
        return Call(path, data(world, box) if data else {})

    return call


def _page_ballot(world, box) -> dict:
    return {f"q_{key}": value for key, value in ANSWERS.items()}


def _receipt(world, box) -> dict:
    return {"code": world.parts["ballots"]["receipts"][box.pk]}


PAGE_CALLS: dict[str, Callable] = {
    "ballots:mine": lambda world, actor, relation: Call(reverse("ballots:mine")),
    "ballots:box": box_call("ballots:box", "open", _page_ballot),
    "ballots:results": box_call("ballots:results", "closed"),
    "ballots:receipts": box_call("ballots:receipts", "closed", _receipt),
}

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/ballots/mine": lambda world, actor, relation: Call("/api/v1/ballots/mine"),
    "GET /api/v1/ballots/{box_id}": box_call("", "open", api="/api/v1/ballots/{}"),
    "POST /api/v1/ballots/{box_id}/cast": box_call(
        "", "open", lambda world, box: {"answers": ANSWERS}, api="/api/v1/ballots/{}/cast"
    ),
    "GET /api/v1/ballots/{box_id}/results": box_call("", "closed", api="/api/v1/ballots/{}/results"),
    "GET /api/v1/ballots/{box_id}/receipts": box_call("", "closed", api="/api/v1/ballots/{}/receipts"),
    "POST /api/v1/ballots/{box_id}/receipt-check": box_call(
        "", "closed", _receipt, api="/api/v1/ballots/{}/receipt-check"
    ),
}
