"""The workforce's part of the permission matrix (tests/policy_workforce.py).

Objects, for "same" (青山村) and "other" (东街社区): the community; a 网格员 (a resident of its register named
岗位甲 / 岗位乙, none of the planted people) with a training record; a purchased-services contract with its scanned
PDF, held by a social-work agency serving both communities. The post type edited over the API is 信息员 for both
relations. Each POST sends what the page's form (or the API's body) sends, so an allowed cell really writes.
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.orgs.actions import organisation_move, organisation_register
from gongzhi.residents.actions import household_create, resident_create
from gongzhi.workforce import actions
from gongzhi.workforce.models import PostType
from tests.conftest import clean_input
from tests.pdfs import BLANK_PDF
from tests.permission_kit import Call


def _day(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


def build(world) -> None:
    users, areas = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    communities = {"same": areas["village"], "other": areas["urban"]}
    grids = {"same": areas["grid_a1"], "other": areas["grid_b1"]}
    posts = {t.name: t for t in PostType.objects.all()}
    agency = organisation_register(
        actor=users["township_admin"], home=areas["township"], name="永安镇岗位社工服务中心", kind="social_work",
        authority="某县民政局", contact_name="陈社工", contact_phone="13912340001",
        communities=[areas["village"], areas["urban"]], credit_code="91110108551385082Q", description="社工服务。",
    )  # fmt: skip
    agency = organisation_move(actor=users["township_admin"], organisation=agency, verb="approve")
    part: dict = {key: {} for key in ("community", "appointment", "contract", "holder", "post")}
    for relation, community in communities.items():
        household = household_create(actor=staff[relation], area=grids[relation], number=f"GW-{relation}")
        data = clean_input(
            {"name": "岗位甲" if relation == "same" else "岗位乙", "id_number": world.next_id_number(),
             "area": grids[relation]}
        )  # fmt: skip
        data.household = household
        holder = resident_create(actor=staff[relation], data=data)
        contract = actions.contract_save(
            actor=staff[relation], community=community, organisation=agency, number=f"GW-HT-{relation}",
            amount="50000", starts_on=_day(-100), ends_on=_day(200), scan=("合同.pdf", BLANK_PDF),
        )  # fmt: skip
        appointment = actions.appointment_create(
            actor=staff[relation], community=community, post_type=posts["网格员"], area=grids[relation],
            resident=holder, started_on=_day(-30), contract=contract,
        )  # fmt: skip
        actions.training_add(
            actor=staff[relation], appointment=appointment, held_on=_day(-3), title="网格员业务培训", hours="2",
            organiser="永安镇综治中心",
        )  # fmt: skip
        part["community"][relation], part["appointment"][relation] = community, appointment
        part["contract"][relation], part["holder"][relation] = contract, holder
        part["post"][relation] = posts["信息员"]
    part["agency"] = agency
    world.parts["workforce"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["workforce"][kind][relation]


def page(name: str, kind: str, data: Callable[[object, str], dict] | None = None):
    def call(world, actor: str, relation: str) -> Call:
        return Call(
            reverse(name, args=[_obj(world, kind, relation).pk]), data(world, relation) if data else {}
        )

    return call


def plain(name: str, data: dict | None = None) -> Callable:
    return lambda world, actor, relation: Call(reverse(name), dict(data or {}))


def _appoint_form(world, relation: str) -> dict:
    return {"resident": _obj(world, "holder", relation).pk, "post_type": _obj(world, "post", relation).pk,
            "area": _obj(world, "community", relation).pk, "started_on": _day(-1)}  # fmt: skip


def _contract_form(world, relation: str) -> dict:
    return {"organisation": world.parts["workforce"]["agency"].pk, "number": "GW-HT-NEW", "amount": "3000",
            "starts_on": _day(-1), "ends_on": _day(300), "scope": "社工服务"}  # fmt: skip


def _target_form(world, relation: str) -> dict:
    return {"min_workers": "5", "covered": [PostType.objects.get(name="网格员").pk]}


PAGE_CALLS: dict[str, Callable] = {
    "workforce:index": plain("workforce:index"),
    "workforce:posts": plain(
        "workforce:posts", {"name": "护河员", "group": "二队", "level": "community", "duty": "volunteer"}
    ),
    "workforce:staffing": plain("workforce:staffing"),
    "workforce:defaults": lambda world, actor, relation: Call(
        reverse("workforce:defaults"),
        {
            "community_type": "village",
            "min_workers": "7",
            "covered": [PostType.objects.get(name="网格员").pk],
        },
    ),
    "workforce:export": plain("workforce:export"),
    "workforce:community": page("workforce:community", "community"),
    "workforce:public": page("workforce:public", "community"),
    "workforce:appoint": page("workforce:appoint", "community", _appoint_form),
    "workforce:target": page("workforce:target", "community", _target_form),
    "workforce:contract_new": page("workforce:contract_new", "community", _contract_form),
    "workforce:appointment": page("workforce:appointment", "appointment"),
    "workforce:vacate": page(
        "workforce:vacate", "appointment", lambda world, relation: {"vacated_on": _day(0), "reason": "换届"}
    ),
    "workforce:train": page(
        "workforce:train",
        "appointment",
        lambda world, relation: {
            "held_on": _day(-1),
            "title": "政策培训",
            "hours": "1.5",
            "organiser": "镇民政办",
        },
    ),
    "workforce:contract": page("workforce:contract", "contract"),
    "workforce:contract_scan": page("workforce:contract_scan", "contract"),
}


def api(path: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_obj(world, kind, relation).pk), data(world, relation) if data else {})

    return call


def _appointment_body(world, relation: str) -> dict:
    return {"community_id": _obj(world, "community", relation).pk, "post_type_id": _obj(world, "post", relation).pk,
            "area_id": _obj(world, "community", relation).pk, "resident_id": _obj(world, "holder", relation).pk,
            "started_on": _day(-1)}  # fmt: skip


def _contract_body(world, relation: str) -> dict:
    return {"community_id": _obj(world, "community", relation).pk,
            "organisation_id": world.parts["workforce"]["agency"].pk, "number": "GW-HT-API", "amount": "3000",
            "starts_on": _day(-1), "ends_on": _day(300)}  # fmt: skip


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/workforce/posts": lambda world, actor, relation: Call("/api/v1/workforce/posts"),
    "POST /api/v1/workforce/posts": lambda world, actor, relation: Call(
        "/api/v1/workforce/posts",
        {"name": "护河员", "group": "二队", "level": "community", "duty": "volunteer"},
    ),
    "POST /api/v1/workforce/posts/{post_type_id}": api(
        "/api/v1/workforce/posts/{}",
        "post",
        lambda world, relation: {
            "name": "信息员",
            "group": "五员",
            "level": "community",
            "duty": "volunteer",
        },
    ),
    "GET /api/v1/workforce/staffing": lambda world, actor, relation: Call("/api/v1/workforce/staffing"),
    "POST /api/v1/workforce/appointments": lambda world, actor, relation: Call(
        "/api/v1/workforce/appointments", _appointment_body(world, relation)
    ),
    "GET /api/v1/workforce/appointments/{appointment_id}": api(
        "/api/v1/workforce/appointments/{}", "appointment"
    ),
    "POST /api/v1/workforce/appointments/{appointment_id}/vacate": api(
        "/api/v1/workforce/appointments/{}/vacate",
        "appointment",
        lambda world, relation: {"vacated_on": _day(0), "reason": "换届"},
    ),
    "POST /api/v1/workforce/appointments/{appointment_id}/trainings": api(
        "/api/v1/workforce/appointments/{}/trainings",
        "appointment",
        lambda world, relation: {
            "held_on": _day(-1),
            "title": "政策培训",
            "hours": "1.5",
            "organiser": "镇民政办",
        },
    ),
    "POST /api/v1/workforce/contracts": lambda world, actor, relation: Call(
        "/api/v1/workforce/contracts", _contract_body(world, relation)
    ),
    "GET /api/v1/workforce/contracts/{contract_id}": api("/api/v1/workforce/contracts/{}", "contract"),
    "GET /api/v1/workforce/communities/{community_id}/public": api(
        "/api/v1/workforce/communities/{}/public", "community"
    ),
    "GET /api/v1/workforce/communities/{community_id}/appointments": api(
        "/api/v1/workforce/communities/{}/appointments", "community"
    ),
    "GET /api/v1/workforce/communities/{community_id}/gap": api(
        "/api/v1/workforce/communities/{}/gap", "community"
    ),
    "POST /api/v1/workforce/communities/{community_id}/target": api(
        "/api/v1/workforce/communities/{}/target",
        "community",
        lambda world, relation: {
            "min_workers": 5,
            "covered_post_type_ids": [PostType.objects.get(name="网格员").pk],
        },
    ),
    # The default target of each kind: "same" edits the villages' default, "other" the urban communities'.
    "GET /api/v1/workforce/defaults": lambda world, actor, relation: Call("/api/v1/workforce/defaults"),
    "POST /api/v1/workforce/defaults/{community_type}": lambda world, actor, relation: Call(
        f"/api/v1/workforce/defaults/{'village' if relation == 'same' else 'urban'}",
        {"min_workers": 7, "covered_post_type_ids": [PostType.objects.get(name="网格员").pk]},
    ),
}
