"""The pledges' part of the permission matrix (tests/policy_pledges.py).

Objects, for "same" (青山村) and "other" (东街社区): the community; a party member of the register without a
pledge this year ("member"); a member's pledge waiting for the party organisation ("submitted"); a member's
approved pledge, shown on the public page with what they did ("approved"). The party_member actor's own register
entry is recorded as 中共党员 (by staff, as the register is kept). Each POST sends what the page's form (or the
API's body) sends, so an allowed cell really writes.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from gongzhi.pledges import actions
from gongzhi.pledges.models import VanguardPost
from gongzhi.residents.actions import resident_create
from gongzhi.residents.models import Resident
from tests.conftest import clean_input
from tests.permission_kit import Call

TEXT = "每月走访网格内的困难户一次，帮助解决实际困难。"


def build(world) -> None:
    users, areas = world.users, world.areas
    staff = {"same": users["peer_staff"], "other": users["other_staff"]}
    communities = {"same": areas["village"], "other": areas["urban"]}
    grids = {"same": "grid_a1", "other": "grid_b1"}
    year = timezone.localdate().year
    post = VanguardPost.objects.filter(active=True).first()
    part: dict = {key: {} for key in ("community", "member", "submitted", "approved")}
    Resident.objects.filter(pk=world.residents["own:party_member"].pk).update(political_status="01")
    for relation, community in communities.items():
        actor = staff[relation]
        part["community"][relation] = community

        def member(name: str):
            data = clean_input({"name": name, "id_number": world.next_id_number(), "area": areas[grids[relation]],  # noqa: B023
                                "political_status": "中共党员"})  # fmt: skip
            return resident_create(actor=actor, data=data)  # noqa: B023

        part["member"][relation] = member("先锋待写")
        part["submitted"][relation] = actions.pledge_write(
            actor=actor,
            resident=member("先锋待审"),
            year=year,
            post=post,
            text=TEXT,
            consent_channel="in_person",
        )
        approved = actions.pledge_write(
            actor=actor, resident=member("先锋已审"), year=year, post=post, text=TEXT, consent_channel="paper"
        )
        part["approved"][relation] = actions.pledge_approve(actor=users["township_admin"], pledge=approved)
        actions.privacy_set(actor=actor, resident=approved.resident, public=True, name_display="surname",
                            deeds_shown=True, paper_consent=True)  # fmt: skip
    part["post"] = post
    world.parts["pledges"] = part


def _obj(world, kind: str, relation: str):
    return world.parts["pledges"][kind][relation]


def page(name: str, kind: str, data: Callable[[object, str], dict] | None = None):
    def call(world, actor: str, relation: str) -> Call:
        return Call(
            reverse(name, args=[_obj(world, kind, relation).pk]), data(world, relation) if data else {}
        )

    return call


def plain(name: str, data: dict | None = None) -> Callable:
    return lambda world, actor, relation: Call(reverse(name), dict(data or {}))


def _pledge_form(world, relation: str) -> dict:
    return {"year": str(timezone.localdate().year), "post": str(world.parts["pledges"]["post"].pk),
            "party_group": "第一党小组", "text": TEXT + "\n参加平安巡逻。", "consent_channel": "phone"}  # fmt: skip


def _privacy_form(world, relation: str) -> dict:
    return {"public": "on", "name_display": "full", "deeds_shown": "on", "paper_consent": "on"}


PAGE_CALLS: dict[str, Callable] = {
    "pledges:index": plain("pledges:index"),
    "pledges:write": lambda world, actor, relation: Call(
        reverse("pledges:write"), _pledge_form(world, relation)
    ),
    "pledges:privacy": lambda world, actor, relation: Call(
        reverse("pledges:privacy"), {"public": "on", "name_display": "surname"}
    ),
    "pledges:write_for": page("pledges:write_for", "member", _pledge_form),
    "pledges:privacy_for": page("pledges:privacy_for", "member", _privacy_form),
    "pledges:community": page("pledges:community", "community"),
    "pledges:pledge": page("pledges:pledge", "submitted"),
    "pledges:revise": page("pledges:revise", "submitted", _pledge_form),
    "pledges:approve": page("pledges:approve", "submitted"),
    "pledges:return": page("pledges:return", "submitted", lambda world, relation: {"reason": "请写得具体些"}),
    "pledges:close": page(
        "pledges:close",
        "approved",
        lambda world, relation: {"account": "全年走访困难户十二次，帮助解决了三件难事。"},
    ),
    "pledges:posts": plain("pledges:posts", {"name": "文明劝导岗", "description": "劝导不文明行为"}),
    "pledges:post_active": lambda world, actor, relation: Call(
        reverse("pledges:post_active", args=[world.parts["pledges"]["post"].pk]), {"active": "0"}
    ),
    "pledges:coverage": plain("pledges:coverage"),
    "pledges:boards": plain("pledges:boards"),
    "pledges:board": page("pledges:board", "community"),
}


def api(path: str, kind: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call:
        return Call(path.format(_obj(world, kind, relation).pk), data(world, relation) if data else {})

    return call


def _api_write(world, actor: str, relation: str) -> Call:
    body = {"resident_id": _obj(world, "member", relation).pk, "year": timezone.localdate().year,
            "post_id": world.parts["pledges"]["post"].pk, "text": TEXT, "consent_channel": "phone"}  # fmt: skip
    return Call("/api/v1/pledges", body)


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/pledges/posts": lambda world, actor, relation: Call("/api/v1/pledges/posts"),
    "GET /api/v1/pledges/coverage": lambda world, actor, relation: Call("/api/v1/pledges/coverage"),
    "GET /api/v1/pledges": lambda world, actor, relation: Call("/api/v1/pledges"),
    "POST /api/v1/pledges": _api_write,
    "GET /api/v1/pledges/{pledge_id}": api("/api/v1/pledges/{}", "submitted"),
    "POST /api/v1/pledges/{pledge_id}/revise": api(
        "/api/v1/pledges/{}/revise",
        "submitted",
        lambda world, relation: {
            "post_id": world.parts["pledges"]["post"].pk,
            "text": TEXT + "参加平安巡逻。",
            "consent_channel": "phone",
        },
    ),  # fmt: skip
    "POST /api/v1/pledges/{pledge_id}/approve": api("/api/v1/pledges/{}/approve", "submitted"),
    "POST /api/v1/pledges/{pledge_id}/return": api(
        "/api/v1/pledges/{}/return", "submitted", lambda world, relation: {"reason": "请写得具体些"}
    ),
    "POST /api/v1/pledges/{pledge_id}/close": api(
        "/api/v1/pledges/{}/close",
        "approved",
        lambda world, relation: {"account": "全年走访困难户十二次，帮助解决了三件难事。"},
    ),
    "POST /api/v1/pledges/members/{resident_id}/privacy": api(
        "/api/v1/pledges/members/{}/privacy",
        "member",
        lambda world, relation: {
            "public": True,
            "name_display": "full",
            "deeds_shown": False,
            "paper_consent": True,
        },
    ),  # fmt: skip
    "GET /api/v1/pledges/board/{community_id}": api("/api/v1/pledges/board/{}", "community"),
}
