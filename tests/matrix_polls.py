"""Polls' part of the permission matrix (tests/policy_polls.py): its rounds and request recipes.

Every signed-in actor is a resident of 青山村 with an account (the world's "own" residents), so each votes in
its polls and sees them. 青山村 gets a committee (one member without an account), a representatives' meeting
(one representative with an account) and a supervisory committee on which the supervisor sits; 东街社区 one
voter. Each community has an open poll (the round page, the close) and a
closed poll with public results (the page without login), and 青山村 last year's 民主评议 (closed).
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.bodies.models import BodyKind, Post
from gongzhi.bodies.selectors import body_of_kind, memberships_current
from gongzhi.polls.actions import round_close, round_poll_open
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Resident
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import clean_input, make_user
from tests.permission_kit import Call

START = dt.date(2024, 1, 10)


def _resident(world, area_key: str, name: str, staff, user=None) -> Resident:
    data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[area_key]})
    resident = resident_create(actor=staff, data=data)
    if user is not None:
        Resident.objects.filter(pk=resident.pk).update(user=user)
        resident.refresh_from_db()
    return resident


def _closes() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=3)


def build(world) -> None:
    users, areas = world.users, world.areas
    staff, other_staff = users["peer_staff"], users["other_staff"]
    village_voter = make_user("poll_voter_v")
    urban_voter = make_user("poll_voter_u")
    _resident(world, "grid_a1", "投票村民", staff, village_voter)
    _resident(world, "grid_b1", "投票居民", other_staff, urban_voter)
    # Another part of the matrix may have made 青山村's bodies already: use them.
    committee, supervisory, representatives = (
        body_of_kind(areas["village"], kind) or body_ensure(actor=staff, area=areas["village"], kind=kind)
        for kind in (BodyKind.COMMITTEE, BodyKind.SUPERVISORY, BodyKind.REPRESENTATIVES)
    )
    member_ensure(actor=staff, body=committee, resident=_resident(world, "grid_a1", "评议主任", staff),
                   post=Post.MEMBER, started_on=START)  # fmt: skip
    rep = Resident.objects.get(user=village_voter)
    member_ensure(actor=staff, body=representatives, resident=rep, post=Post.REPRESENTATIVE, started_on=START)
    chief = world.residents["own:supervisor"]  # every actor is a resident of 青山村 with an account
    if not memberships_current(supervisory).filter(resident=chief).exists():
        member_ensure(actor=staff, body=supervisory, resident=chief, post=Post.MEMBER, started_on=START)
    rounds: dict[str, dict] = {"open": {}, "closed": {}}
    for relation, (area, asker) in {
        "same": (areas["village"], staff),
        "other": (areas["urban"], other_staff),
    }.items():
        for state in ("open", "closed"):
            poll = round_poll_open(
                actor=asker, area=area, title=f"矩阵咨询 {relation} {state}", question="广场建什么？",
                options=["健身器材", "儿童游乐"], closes_at=_closes(), public_results=True,
            )  # fmt: skip
            if state == "closed":
                poll = round_close(actor=asker, round_=poll)
            rounds[state][relation] = poll
    world.parts["polls"] = {"rounds": rounds}


def round_call(name: str, state: str, api: str = "") -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        found = world.obj(world.parts["polls"]["rounds"][state], actor, relation)
        if found is None:
            return None
        return Call(api.format(found.pk) if api else reverse(name, args=[found.pk]))

    return call


def _poll_form(world, actor, relation) -> Call:
    closes = timezone.localtime(_closes()).strftime("%Y-%m-%dT%H:%M")
    return Call(
        reverse("polls:poll_new"),
        {"area": world.areas["village"].pk, "title": "矩阵新投票", "question": "选哪个？", "options": "甲\n乙",
         "closes_at": closes},
    )  # fmt: skip


def _evaluation_form(name: str) -> Callable:
    def call(world, actor, relation) -> Call:
        closes = timezone.localtime(_closes()).strftime("%Y-%m-%dT%H:%M")
        year = timezone.localdate().year
        return Call(reverse(name), {"area": world.areas["village"].pk, "year": year, "closes_at": closes})

    return call


def _evaluation_api(path: str) -> Callable:
    def call(world, actor, relation) -> Call:
        return Call(path, {"community_id": world.areas["village"].pk, "closes_at": _closes().isoformat()})

    return call


PAGE_CALLS: dict[str, Callable] = {
    "polls:index": lambda world, actor, relation: Call(reverse("polls:index")),
    "polls:poll_new": _poll_form,
    "polls:review_new": _evaluation_form("polls:review_new"),
    "polls:satisfaction_new": _evaluation_form("polls:satisfaction_new"),
    "polls:flags": lambda world, actor, relation: Call(reverse("polls:flags")),
    "polls:round": round_call("polls:round", "open"),
    "polls:close": round_call("polls:close", "open"),
    "polls:public": round_call("polls:public", "closed"),
}

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/polls": lambda world, actor, relation: Call("/api/v1/polls"),
    "POST /api/v1/polls": lambda world, actor, relation: Call(
        "/api/v1/polls",
        {
            "area_id": world.areas["village"].pk,
            "title": "矩阵接口投票",
            "question": "选哪个？",
            "options": ["甲", "乙"],
            "closes_at": _closes().isoformat(),
        },
    ),  # fmt: skip
    "POST /api/v1/evaluations/review": _evaluation_api("/api/v1/evaluations/review"),
    "POST /api/v1/evaluations/satisfaction": _evaluation_api("/api/v1/evaluations/satisfaction"),
    "GET /api/v1/polls/flags": lambda world, actor, relation: Call("/api/v1/polls/flags"),
    "GET /api/v1/polls/{round_id}": round_call("", "open", api="/api/v1/polls/{}"),
    "POST /api/v1/polls/{round_id}/close": round_call("", "open", api="/api/v1/polls/{}/close"),
}
