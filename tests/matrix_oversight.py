"""The oversight page's part of the permission matrix (tests/policy_oversight.py).

Objects: a township — "same" the world's 永安镇, "other" 督导外镇 (a township nobody of the world holds a role
in) — and a community — "same" 青山村, "other" 东街社区.
"""

from collections.abc import Callable

from django.urls import reverse

from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from tests.permission_kit import Call


def build(world) -> None:
    areas = world.areas
    elsewhere = area_create_unchecked(
        kind=AreaKind.TOWNSHIP, name="督导外镇", parent=None, code="511423199000"
    )
    world.parts["oversight"] = {
        "township": {"same": areas["township"], "other": elsewhere},
        "community": {"same": areas["village"], "other": areas["urban"]},
    }


def _obj(world, kind: str, relation: str):
    return world.parts["oversight"][kind][relation]


def page(name: str, kind: str) -> Callable:
    return lambda world, actor, relation: Call(reverse(name, args=[_obj(world, kind, relation).pk]))


def api(path: str, kind: str) -> Callable:
    return lambda world, actor, relation: Call(path.format(_obj(world, kind, relation).pk))


PAGE_CALLS: dict[str, Callable] = {
    "oversight:index": lambda world, actor, relation: Call(reverse("oversight:index")),
    "oversight:township": page("oversight:township", "township"),
    "oversight:export": page("oversight:export", "township"),
    "oversight:community": page("oversight:community", "community"),
    "oversight:report": page("oversight:report", "community"),
}

API_CALLS: dict[str, Callable] = {
    "GET /api/v1/oversight/townships": lambda world, actor, relation: Call("/api/v1/oversight/townships"),
    "GET /api/v1/oversight/townships/{township_id}/indicators": api(
        "/api/v1/oversight/townships/{}/indicators", "township"
    ),
    "GET /api/v1/oversight/townships/{township_id}/export": api(
        "/api/v1/oversight/townships/{}/export", "township"
    ),
    "GET /api/v1/oversight/communities/{community_id}/year": api(
        "/api/v1/oversight/communities/{}/year", "community"
    ),
    "GET /api/v1/oversight/communities/{community_id}/report": api(
        "/api/v1/oversight/communities/{}/report", "community"
    ),
}
