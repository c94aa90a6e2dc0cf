"""Pairing's part of the permission matrix (tests/policy_pairing.py).

Objects, for "same" (青山村, 1组网格) and "other" (东街社区, 第1网格): the community; a party member of the register
(political status 中共党员) in that grid; a household whose member is 留守老人 (so the aim names it) and not yet
paired; another such household paired with the member (its active pair). The township's aim names 留守老人. Each
POST sends what the page's form (or the API's body) sends, so an allowed cell really writes.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.pairing import actions
from gongzhi.residents.actions import household_create, resident_create
from gongzhi.residents.models import Tag
from tests.conftest import clean_input
from tests.permission_kit import Call


def build(world) -> None:
    users, areas = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    communities = {"same": areas["village"], "other": areas["urban"]}
    grids = {"same": "grid_a1", "other": "grid_b1"}
    part: dict = {key: {} for key in ("community", "member", "open", "paired", "pair")}
    actions.aim_set(actor=users["township_admin"], area=areas["township"],
                    tags=list(Tag.objects.filter(code="left_behind_elderly")))  # fmt: skip
    for relation, community in communities.items():
        actor, grid = staff[relation], areas[grids[relation]]

        def resident(name: str, household=None, **raw):
            data = clean_input({"name": name, "id_number": world.next_id_number(), "area": grid, **raw})  # noqa: B023
            data.household = household
            return resident_create(actor=actor, data=data)  # noqa: B023

        def household(number: str):
            made = household_create(actor=actor, area=grid, number=number)  # noqa: B023
            resident("结对农户", made, tags="留守老人")
            return made

        part["community"][relation] = community
        member = resident("结对党员", political_status="01")
        part["member"][relation] = member
        part["open"][relation] = household(f"PAIR-OPEN-{relation}")
        paired = household(f"PAIR-DONE-{relation}")
        part["paired"][relation] = paired
        part["pair"][relation] = actions.pair_make(actor=actor, household=paired, member=member)
    world.parts["pairing"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["pairing"][kind][relation]


def page(name: str, kind: str, data: Callable[[object, str], dict] | None = None):
    def call(world, actor: str, relation: str) -> Call:
        return Call(
            reverse(name, args=[_obj(world, kind, relation).pk]), data(world, relation) if data else {}
        )

    return call


def plain(name: str, data: Callable[[object], dict] | None = None) -> Callable:
    return lambda world, actor, relation: Call(reverse(name), data(world) if data else {})


def _visit(world, relation: str) -> dict:
    return {"visited_on": timezone.localdate().isoformat(), "what": "帮助打扫院子", "follow_up": ""}


PAGE_CALLS: dict[str, Callable] = {
    "pairing:index": plain("pairing:index"),
    "pairing:export": plain("pairing:export"),
    "pairing:aims": plain("pairing:aims"),
    "pairing:aim": lambda world, actor, relation: Call(
        reverse("pairing:aim", args=[_obj(world, "community", relation).pk]),
        {
            "tags": [str(t.pk) for t in Tag.objects.filter(code__in=["dibao", "left_behind_child"])],
            "per_member_max": "5",
        },
    ),  # fmt: skip
    "pairing:community": page("pairing:community", "community"),
    "pairing:household": page("pairing:household", "open"),
    "pairing:pair": page(
        "pairing:pair", "open", lambda world, relation: {"member": _obj(world, "member", relation).pk}
    ),
    "pairing:decline": page(
        "pairing:decline",
        "open",
        lambda world, relation: {"consent_channel": "in_person", "reason": "子女照顾"},
    ),
    "pairing:end": page("pairing:end", "pair", lambda world, relation: {"reason": "党员外出务工"}),
    "pairing:visit": page("pairing:visit", "pair", _visit),
    "pairing:mine": plain("pairing:mine"),
    "pairing:choose": plain("pairing:choose", lambda world: {"member": _obj(world, "member", "same").pk}),
    "pairing:mine_decline": plain("pairing:mine_decline", lambda world: {"reason": ""}),
}


def api(path: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_obj(world, kind, relation).pk), data(world, relation) if data else {})

    return call


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/pairing/aims": lambda world, actor, relation: Call("/api/v1/pairing/aims"),
    "POST /api/v1/pairing/aims": lambda world, actor, relation: Call(
        "/api/v1/pairing/aims",
        {"area_id": _obj(world, "community", relation).pk, "tag_codes": ["dibao"], "per_member_max": 5},
    ),
    "GET /api/v1/pairing/coverage": lambda world, actor, relation: Call("/api/v1/pairing/coverage"),
    "GET /api/v1/pairing/communities/{community_id}/map": api(
        "/api/v1/pairing/communities/{}/map", "community"
    ),
    "GET /api/v1/pairing/households/{household_id}": api("/api/v1/pairing/households/{}", "open"),
    "POST /api/v1/pairing/households/{household_id}/pair": api(
        "/api/v1/pairing/households/{}/pair",
        "open",
        lambda world, relation: {"member_id": _obj(world, "member", relation).pk},
    ),  # fmt: skip
    "POST /api/v1/pairing/households/{household_id}/decline": api(
        "/api/v1/pairing/households/{}/decline", "open", lambda world, relation: {"consent_channel": "phone"}
    ),
    "POST /api/v1/pairing/pairs/{pair_id}/visits": api(
        "/api/v1/pairing/pairs/{}/visits",
        "pair",
        lambda world, relation: {"visited_on": timezone.localdate().isoformat(), "what": "帮助打扫院子"},
    ),  # fmt: skip
    "GET /api/v1/pairing/mine": lambda world, actor, relation: Call("/api/v1/pairing/mine"),
    "POST /api/v1/pairing/mine/choose": lambda world, actor, relation: Call(
        "/api/v1/pairing/mine/choose", {"member_id": _obj(world, "member", "same").pk}
    ),
    "POST /api/v1/pairing/mine/decline": lambda world, actor, relation: Call(
        "/api/v1/pairing/mine/decline", {}
    ),
}
