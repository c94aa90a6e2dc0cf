"""The bodies' part of the permission matrix (tests/policy_bodies.py).

Objects: in 青山村 ("same") and 东街社区 ("other") a committee with a chair and a member, a representatives'
meeting with one representative, and an adult resident on no body (to add). Their names are none of the
matrix's planted markers: the members of the bodies are shown to every reader of them (names and posts only).
Each POST sends what the page's form (or the API's body) sends, so an allowed cell really writes.
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.bodies.models import BodyKind, Post
from gongzhi.residents.actions import resident_create
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import clean_input
from tests.permission_kit import Call

START = dt.date(2024, 1, 10)


def build(world) -> None:
    staff = {"same": world.users["peer_staff"], "other": world.users["other_staff"]}
    places = {"same": (world.areas["village"], "grid_a1"), "other": (world.areas["urban"], "grid_b1")}
    part: dict = {"community": {}, "body": {}, "membership": {}, "representative": {}, "candidate": {}}
    for relation, (community, grid) in places.items():
        actor = staff[relation]

        def person(name: str, actor=actor, grid=grid):
            data = clean_input({"name": name, "id_number": world.next_id_number(), "area": world.areas[grid]})
            return resident_create(actor=actor, data=data)

        committee = body_ensure(actor=actor, area=community, kind=BodyKind.COMMITTEE)
        representatives = body_ensure(actor=actor, area=community, kind=BodyKind.REPRESENTATIVES)
        member_ensure(
            actor=actor, body=committee, resident=person("矩阵主任"), post=Post.CHAIR, started_on=START
        )
        part["membership"][relation] = member_ensure(
            actor=actor, body=committee, resident=person("矩阵委员"), post=Post.MEMBER, started_on=START
        )
        part["representative"][relation] = member_ensure(
            actor=actor,
            body=representatives,
            resident=person("矩阵代表"),
            post=Post.REPRESENTATIVE,
            started_on=START,
        )
        part["community"][relation] = community
        part["body"][relation] = committee
        part["candidate"][relation] = person("矩阵候选")
    world.parts["bodies"] = part


def _of(world, kind: str, relation: str):
    return world.parts["bodies"][kind].get(relation)


def page(name: str, kind: str, data: Callable | None = None) -> Callable:
    """A page on one object of `kind` ("community", "body", "membership", "representative")."""

    def call(world, actor: str, relation: str) -> Call | None:
        target = _of(world, kind, relation)
        if target is None:
            return None
        return Call(reverse(name, args=[target.pk]), data(world, relation) if data else {})

    return call


def _today() -> str:
    return timezone.localdate().isoformat()


def _member(world, relation: str) -> dict:
    return {
        "resident": _of(world, "candidate", relation).pk,
        "post": "member",
        "started_on": START.isoformat(),
    }


def _households(world, relation: str) -> dict:
    return {"households": [world.households[relation].pk]}


PAGE_CALLS: dict[str, Callable] = {
    "bodies:index": lambda world, actor, relation: Call(reverse("bodies:index")),
    "bodies:community": page("bodies:community", "community"),
    "bodies:body": page("bodies:body", "body"),
    "bodies:body_new": page(
        "bodies:body_new", "community", lambda world, relation: {"kind": "other", "name": "红白理事会"}
    ),
    "bodies:body_edit": page(
        "bodies:body_edit",
        "body",
        lambda world, relation: {
            "name": "委员会",
            "meeting_rule": "body_meeting",
            "proxies_allowed": "on",
            "active": "on",
        },
    ),
    "bodies:member_new": page("bodies:member_new", "body", _member),
    "bodies:member_end": page(
        "bodies:member_end",
        "membership",
        lambda world, relation: {"ended_on": _today(), "reason": "任期届满"},
    ),
    "bodies:member_households": page("bodies:member_households", "representative", _households),
    "bodies:public": page("bodies:public", "community"),
}


def api(path: str, kind: str, data: Callable | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        target = _of(world, kind, relation)
        if target is None:
            return None
        return Call(path.format(target.pk), data(world, relation) if data else {})

    return call


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/bodies": lambda world, actor, relation: Call("/api/v1/bodies"),
    "POST /api/v1/bodies": lambda world, actor, relation: Call(
        "/api/v1/bodies",
        {"community_id": _of(world, "community", relation).pk, "kind": "other", "name": "老年人协会"},
    ),
    "GET /api/v1/bodies/{body_id}": api("/api/v1/bodies/{}", "body"),
    "POST /api/v1/bodies/{body_id}/change": api(
        "/api/v1/bodies/{}/change",
        "body",
        lambda world, relation: {"name": "委员会", "meeting_rule": "body_meeting", "proxies_allowed": True},
    ),
    "POST /api/v1/bodies/{body_id}/members": api(
        "/api/v1/bodies/{}/members",
        "body",
        lambda world, relation: {
            "resident_id": _of(world, "candidate", relation).pk,
            "post": "member",
            "started_on": START.isoformat(),
        },
    ),
    "POST /api/v1/bodies/members/{membership_id}/end": api(
        "/api/v1/bodies/members/{}/end",
        "membership",
        lambda world, relation: {"ended_on": _today(), "reason": "任期届满"},
    ),
    "POST /api/v1/bodies/members/{membership_id}/households": api(
        "/api/v1/bodies/members/{}/households",
        "representative",
        lambda world, relation: {"household_ids": [world.households[relation].pk]},
    ),
}
