"""The social organisations' part of the permission matrix (tests/policy_orgs.py).

Objects: a community group filed with 青山村 ("same") and one with 东街社区 ("other"), both registered; the
volunteer actor is the representative of 青山村's (so its row shows what a representative may), and each has a
second representative whose removal the remove recipes ask for. Contact names are none of the matrix's planted
markers (and pages show them masked). Each POST sends what the page's form (or the API's body) sends, so an
allowed cell really writes.
"""

import datetime as dt
from collections.abc import Callable

from django.urls import reverse

from gongzhi.orgs.actions import organisation_move, organisation_register, representative_add
from tests.conftest import make_user
from tests.permission_kit import Call

FILED = dt.date(2024, 1, 2)


def _form(name: str) -> dict:
    return {
        "name": name,
        "kind": "community_group",
        "authority": "矩阵村委会（备案）",
        "contact_name": "矩阵联系人",
        "contact_phone": "13800138000",
        "filing_number": "M-2",
        "filed_on": FILED.isoformat(),
    }


def build(world) -> None:
    staff = {"same": world.users["peer_staff"], "other": world.users["other_staff"]}
    homes = {"same": world.areas["village"], "other": world.areas["urban"]}
    part: dict = {"home": homes, "org": {}, "second": {}}
    for relation, actor in staff.items():
        org = organisation_register(
            actor=actor,
            home=homes[relation],
            name=f"矩阵互助会{relation}",
            kind="community_group",
            authority="矩阵村委会（备案）",
            contact_name="矩阵联系人",
            contact_phone="13800138000",
            filing_number=f"M-{relation}",
            filed_on=FILED,
        )
        org = organisation_move(actor=actor, organisation=org, verb="approve")
        if relation == "same":
            representative_add(actor=actor, organisation=org, user=world.users["volunteer"])
        part["second"][relation] = representative_add(
            actor=actor, organisation=org, user=make_user(f"org_second_{relation}")
        )
        part["org"][relation] = org
    world.parts["orgs"] = part


def _org(world, relation: str):
    return world.parts["orgs"]["org"][relation]


def page(name: str, data: Callable[[str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(reverse(name, args=[_org(world, relation).pk]), data(relation) if data else {})

    return call


def _remove_page(world, actor: str, relation: str) -> Call:
    org, second = _org(world, relation), world.parts["orgs"]["second"][relation]
    return Call(reverse("orgs:representative_remove", args=[org.pk, second.pk]))


PAGE_CALLS: dict[str, Callable] = {
    "orgs:index": lambda world, actor, relation: Call(reverse("orgs:index")),
    "orgs:new": lambda world, actor, relation: Call(
        reverse("orgs:new", args=[world.parts["orgs"]["home"][relation].pk]), _form("矩阵新组织")
    ),
    "orgs:detail": page("orgs:detail"),
    "orgs:edit": page("orgs:edit", lambda relation: {**_form(f"矩阵互助会{relation}"), "description": "改"}),
    "orgs:profile": page(
        "orgs:profile", lambda relation: {"description": "矩阵简介", "contact_name": "矩阵联系人"}
    ),
    "orgs:move": page("orgs:move", lambda relation: {"verb": "suspend", "reason": "矩阵暂停"}),
    "orgs:representative_add": page("orgs:representative_add", lambda relation: {"username": "nobody"}),
    "orgs:representative_remove": _remove_page,
    "orgs:public": lambda world, actor, relation: Call(
        reverse("orgs:public", args=[world.parts["orgs"]["home"][relation].pk])
    ),
}


def api(path: str, data: Callable[[str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_org(world, relation).pk), data(relation) if data else {})

    return call


def _api_form(relation: str) -> dict:
    body = _form(f"矩阵互助会{relation}")
    body["filed_on"] = FILED.isoformat()
    return body


def _remove_api(world, actor: str, relation: str) -> Call:
    org, second = _org(world, relation), world.parts["orgs"]["second"][relation]
    return Call(f"/api/v1/orgs/{org.pk}/representatives/{second.pk}/remove")


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/orgs": lambda world, actor, relation: Call("/api/v1/orgs"),
    "POST /api/v1/orgs": lambda world, actor, relation: Call(
        "/api/v1/orgs", {**_form("矩阵接口组织"), "home_id": world.parts["orgs"]["home"][relation].pk}
    ),
    "GET /api/v1/orgs/{org_id}": api("/api/v1/orgs/{}"),
    "POST /api/v1/orgs/{org_id}/change": api("/api/v1/orgs/{}/change", _api_form),
    "POST /api/v1/orgs/{org_id}/profile": api(
        "/api/v1/orgs/{}/profile", lambda relation: {"description": "矩阵简介", "contact_name": "矩阵联系人"}
    ),
    "POST /api/v1/orgs/{org_id}/move": api(
        "/api/v1/orgs/{}/move", lambda relation: {"verb": "suspend", "reason": "矩阵暂停"}
    ),
    "POST /api/v1/orgs/{org_id}/representatives": api(
        "/api/v1/orgs/{}/representatives", lambda relation: {"username": "nobody"}
    ),
    "POST /api/v1/orgs/{org_id}/representatives/{assignment_id}/remove": _remove_api,
}
