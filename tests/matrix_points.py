"""The optional points' part of the permission matrix (tests/policy_points.py).

The township's points are switched on. In 青山村 ("same") and 东街社区 ("other"): the representatives adopted
version 1 of a catalogue through their meeting (in force), version 2 was voted and confirmed but not yet taken,
version 3 is a draft; a store with one good and its funding; the planted household of each relation holds a
counted award with a photo (and balance for a redemption) and a pending one (entered by the community's peer
staff, so the actor may approve it); a household with a member's account has an open appeal. Every actor's own
household (in 青山村) holds a counted award it may appeal. Each POST sends what the page's form sends.
"""

import datetime as dt
import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.accounts.roles import Role
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.core.images import photo_clean
from gongzhi.meetings.actions import (
    RollMark,
    meeting_agenda_vote,
    meeting_item_confirm,
    meeting_roll_close,
    meeting_roll_mark,
)
from gongzhi.points.actions import (
    ItemSpec,
    appeal_file,
    award_enter,
    catalogue_convene,
    catalogue_draft,
    catalogue_take,
    entry_decide,
    funding_record,
    goods_add,
    points_switch_set,
)
from gongzhi.residents.actions import household_create, resident_create
from gongzhi.residents.models import Resident
from tests import policy
from tests.bodies_kit import body_ensure, member_ensure
from tests.conftest import clean_input, make_user
from tests.permission_kit import Call

ITEMS = [
    ItemSpec("矩阵门前三包", 3, "网格员检查记录"),
    ItemSpec("矩阵志愿服务每小时", 2, "服务时长记录", source="hours"),
]
COMMUNITY = {"same": "village", "other": "urban"}
GRID = {"same": "grid_a1", "other": "grid_b1"}
STAFF = {"same": "peer_staff", "other": "other_staff"}


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return photo_clean(SimpleUploadedFile("凭证.png", buffer.getvalue(), content_type="image/png"))


def _resident(world, staff, area, name: str, household=None, user=None) -> Resident:
    data = clean_input({"name": name, "id_number": world.next_id_number(), "area": area})
    data.household = household
    resident = resident_create(actor=staff, data=data)
    if user is not None:
        Resident.objects.filter(pk=resident.pk).update(user=user)
    return resident


def _vote(staff, second, catalogue) -> None:
    meeting = catalogue_convene(
        actor=staff,
        catalogue=catalogue,
        held_on=timezone.localdate(),
        place="矩阵会议室",
        urgency_reason="矩阵急需",
    )
    lines = list(meeting.roll.order_by("id"))
    meeting_roll_mark(actor=staff, meeting=meeting, marks=[RollMark(m.pk, "present") for m in lines])
    meeting_roll_close(actor=staff, meeting=meeting)
    vote = meeting_agenda_vote(actor=staff, agenda_item=meeting.agenda.get(number=1), in_favour=len(lines))
    meeting_item_confirm(actor=second, item=vote)


def _counted(staff, second, community, household, item, *, photo=None):
    entry = award_enter(
        actor=staff, community=community, household=household, item=item, occurred_on=timezone.localdate(),
        evidence="矩阵检查记录", photo=photo,
    )  # fmt: skip
    return entry_decide(actor=second, entry=entry, approve=True)


def build(world) -> None:
    points_switch_set(actor=world.users["township_admin"], township=world.areas["township"], enabled=True)
    part: dict = {key: {} for key in ("community", "v1", "v2", "v3", "goods", "counted", "pending", "appeal")}
    for relation, area_key in COMMUNITY.items():
        community, staff = world.areas[area_key], world.users[STAFF[relation]]
        second = make_user(f"pts_second_{relation}", Role.COMMUNITY_STAFF, community)
        body = body_ensure(actor=staff, area=community, kind=BodyKind.REPRESENTATIVES)
        for n in range(3):
            member_ensure(
                actor=staff, body=body, post=Post.REPRESENTATIVE, started_on=dt.date(2024, 1, 10),
                resident=_resident(world, staff, world.areas[GRID[relation]], f"积分代表{'甲乙丙'[n]}"),
            )  # fmt: skip
        v1 = catalogue_draft(actor=staff, community=community, title="矩阵积分规则", items=ITEMS)
        _vote(staff, second, v1)
        catalogue_take(actor=staff, catalogue=v1)
        v2 = catalogue_draft(actor=staff, community=community, title="矩阵积分规则修订", items=ITEMS)
        _vote(staff, second, v2)
        v3 = catalogue_draft(actor=staff, community=community, title="矩阵积分规则草案", items=ITEMS)
        item = v1.items.get(number=1)
        household = world.households[relation]
        part["counted"][relation] = _counted(staff, second, community, household, item, photo=_photo())
        part["pending"][relation] = award_enter(
            actor=staff, community=community, household=household, item=item, occurred_on=timezone.localdate(),
            evidence="矩阵待复核记录",
        )  # fmt: skip
        member = make_user(f"pts_member_{relation}")
        home = household_create(actor=staff, area=world.areas[GRID[relation]], number=f"PTS-{relation}")
        _resident(world, staff, world.areas[GRID[relation]], "积分户成员", household=home, user=member)
        appealed = _counted(staff, second, community, home, item)
        part["appeal"][relation] = appeal_file(actor=member, entry=appealed, reason="矩阵申诉理由")
        part["goods"][relation] = goods_add(
            actor=staff, community=community, name="矩阵肥皂", price=1, quantity=100
        )
        funding_record(
            actor=staff, community=community, kind="donation", source="矩阵爱心企业", amount="100",
            received_on=timezone.localdate(),
        )  # fmt: skip
        part["community"][relation] = community
        part["v1"][relation], part["v2"][relation], part["v3"][relation] = v1, v2, v3
        if relation == "same":
            own_second = second
    village_item = part["v1"]["same"].items.get(number=1)
    peer = world.users["peer_staff"]
    for actor in policy.ACTORS:
        if actor == "anonymous":
            continue
        own = _counted(
            peer, own_second, world.areas["village"], world.households[f"own:{actor}"], village_item
        )
        part["counted"][f"own:{actor}"] = own
    world.parts["points"] = part


def _get(world, key: str, actor: str, relation: str):
    table = world.parts["points"][key]
    return table.get(f"own:{actor}") if relation == "own" else table[relation]


def on(name: str, key: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        obj = _get(world, key, actor, relation)
        if obj is None:
            return None
        return Call(reverse(name, args=[obj.pk]), data(world, relation) if data else {})

    return call


def _restock(world, actor: str, relation: str) -> Call:
    goods = world.parts["points"]["goods"][relation]
    return Call(reverse("points:goods_restock", args=[goods.community_id, goods.pk]), {"quantity": 5})


def _redeem(world, relation: str) -> dict:
    goods = world.parts["points"]["goods"][relation]
    return {"household": world.households[relation].number, "goods": goods.pk, "quantity": 1}


def _entry(world, relation: str) -> dict:
    item = world.parts["points"]["v1"][relation].items.get(number=1)
    return {"household": world.households[relation].number, "item": item.pk, "units": "1",
            "occurred_on": timezone.localdate().isoformat(), "evidence": "矩阵录入凭证"}  # fmt: skip


def TODAY() -> str:  # noqa: N802 (reads as the constant it stands for)
    return timezone.localdate().isoformat()


PAGE_CALLS: dict[str, Callable] = {
    "points:index": lambda world, actor, relation: Call(reverse("points:index")),
    "points:switch": lambda world, actor, relation: Call(
        reverse("points:switch", args=[world.areas["township"].pk]), {"enabled": "0"}
    ),
    "points:community": on("points:community", "community"),
    "points:catalogue_new": on(
        "points:catalogue_new",
        "community",
        lambda w, r: {"title": "矩阵新规则", "items": "矩阵新项目｜2｜签到表"},
    ),
    "points:entry_new": on("points:entry_new", "community", _entry),
    "points:deeds_import": on(
        "points:deeds_import", "community", lambda w, r: {"start": TODAY(), "end": TODAY()}
    ),
    "points:goods_add": on(
        "points:goods_add", "community", lambda w, r: {"name": "矩阵毛巾", "price": "3", "quantity": "4"}
    ),
    "points:goods_restock": _restock,
    "points:funding_add": on(
        "points:funding_add",
        "community",
        lambda w, r: {"kind": "grant", "source": "矩阵镇财政", "amount": "50.00", "received_on": TODAY()},
    ),  # fmt: skip
    "points:redeem": on("points:redeem", "community", _redeem),
    "points:settings": on("points:settings", "community", lambda w, r: {"appeal_days": "10"}),
    "points:catalogue": on("points:catalogue", "v1"),
    "points:catalogue_convene": on(
        "points:catalogue_convene",
        "v3",
        lambda w, r: {
            "held_on": TODAY(),
            "place": "矩阵会议室",
            "method": "show_of_hands",
            "urgency_reason": "矩阵急需",
        },
    ),  # fmt: skip
    "points:catalogue_take": on("points:catalogue_take", "v2"),
    "points:entry_decide": on("points:entry_decide", "pending", lambda w, r: {"approve": "1"}),
    "points:entry_photo": on("points:entry_photo", "counted"),
    "points:appeal_answer": on(
        "points:appeal_answer", "appeal", lambda w, r: {"upheld": "1", "answer": "矩阵答复：核实有误"}
    ),
    "points:mine": lambda world, actor, relation: Call(reverse("points:mine")),
    "points:appeal_new": lambda world, actor, relation: _appeal_new(world, actor, relation),
    "points:public": on("points:public", "community"),
}


def _appeal_new(world, actor: str, relation: str) -> Call | None:
    entry = _get(world, "counted", actor, relation)
    if entry is None:
        return None
    return Call(reverse("points:appeal_new", args=[entry.pk]), {"reason": "矩阵申诉：记错了"})


def _api(path: str, key: str, data: Callable[[object, str], dict] | None = None) -> Callable:
    def call(world, actor: str, relation: str) -> Call | None:
        obj = _get(world, key, actor, relation)
        if obj is None:
            return None
        return Call(path.format(obj.pk), data(world, relation) if data else {})

    return call


def _api_entry(world, relation: str) -> dict:
    item = world.parts["points"]["v1"][relation].items.get(number=1)
    return {"household": world.households[relation].number, "item_id": item.pk, "occurred_on": TODAY(),
            "evidence": "矩阵接口凭证"}  # fmt: skip


def _api_redeem(world, relation: str) -> dict:
    goods = world.parts["points"]["goods"][relation]
    return {"household": world.households[relation].number, "goods_id": goods.pk, "quantity": 1}


API_CALLS: dict[str, Callable] = {
    "GET /api/v1/points/mine": lambda world, actor, relation: Call("/api/v1/points/mine"),
    "POST /api/v1/points/mine/{entry_id}/appeal": _api(
        "/api/v1/points/mine/{}/appeal", "counted", lambda w, r: {"reason": "矩阵接口申诉：记错了"}
    ),
    "GET /api/v1/points/communities/{community_id}/entries": _api(
        "/api/v1/points/communities/{}/entries", "community"
    ),
    "POST /api/v1/points/communities/{community_id}/entries": _api(
        "/api/v1/points/communities/{}/entries", "community", _api_entry
    ),
    "POST /api/v1/points/entries/{entry_id}/decide": _api(
        "/api/v1/points/entries/{}/decide", "pending", lambda w, r: {"approve": True}
    ),
    "POST /api/v1/points/communities/{community_id}/redemptions": _api(
        "/api/v1/points/communities/{}/redemptions", "community", _api_redeem
    ),
}


def _api_restock(world, actor: str, relation: str) -> Call:
    goods = world.parts["points"]["goods"][relation]
    return Call(f"/api/v1/points/communities/{goods.community_id}/goods/{goods.pk}/restock", {"quantity": 5})


def _api_switch(world, actor: str, relation: str) -> Call:
    return Call(f"/api/v1/points/townships/{world.areas['township'].pk}/switch", {"enabled": False})


def _api_funding(world, relation: str) -> dict:
    return {"kind": "grant", "source": "矩阵接口镇财政", "amount": "50.00", "received_on": TODAY()}


API_CALLS |= {
    "POST /api/v1/points/communities/{community_id}/catalogues": _api(
        "/api/v1/points/communities/{}/catalogues",
        "community",
        lambda w, r: {
            "title": "矩阵接口规则",
            "items": [{"name": "矩阵接口项目", "points": 2, "evidence": "签到表"}],
        },
    ),
    "GET /api/v1/points/communities/{community_id}/catalogue": _api(
        "/api/v1/points/communities/{}/catalogue", "community"
    ),
    "POST /api/v1/points/catalogues/{catalogue_id}/convene": _api(
        "/api/v1/points/catalogues/{}/convene",
        "v3",
        lambda w, r: {"held_on": TODAY(), "place": "矩阵会议室", "urgency_reason": "矩阵急需"},
    ),
    "POST /api/v1/points/catalogues/{catalogue_id}/take": _api("/api/v1/points/catalogues/{}/take", "v2"),
    "POST /api/v1/points/communities/{community_id}/goods": _api(
        "/api/v1/points/communities/{}/goods",
        "community",
        lambda w, r: {"name": "矩阵接口毛巾", "price": 3, "quantity": 4},
    ),
    "POST /api/v1/points/communities/{community_id}/goods/{goods_id}/restock": _api_restock,
    "POST /api/v1/points/communities/{community_id}/deeds-import": _api(
        "/api/v1/points/communities/{}/deeds-import",
        "community",
        lambda w, r: {"start": TODAY(), "end": TODAY()},
    ),
    "GET /api/v1/points/communities/{community_id}/funding": _api(
        "/api/v1/points/communities/{}/funding", "community"
    ),
    "POST /api/v1/points/communities/{community_id}/funding": _api(
        "/api/v1/points/communities/{}/funding", "community", _api_funding
    ),
    "GET /api/v1/points/townships/{township_id}/switch": _api_switch,
    "POST /api/v1/points/townships/{township_id}/switch": _api_switch,
    "GET /api/v1/points/communities/{community_id}/summary": _api(
        "/api/v1/points/communities/{}/summary", "community"
    ),
}


def _api_entry_with_photo(world, actor: str, relation: str) -> Call:
    community = world.parts["points"]["community"][relation]
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    upload = SimpleUploadedFile("凭证.jpg", buffer.getvalue(), content_type="image/jpeg")
    return Call(
        f"/api/v1/points/communities/{community.pk}/entries-with-photo",
        {**_api_entry(world, relation), "photo": upload},
        multipart=True,
    )


API_CALLS |= {
    "GET /api/v1/points/communities/{community_id}/appeals": _api(
        "/api/v1/points/communities/{}/appeals", "community"
    ),
    "POST /api/v1/points/appeals/{appeal_id}/answer": _api(
        "/api/v1/points/appeals/{}/answer", "appeal", lambda w, r: {"upheld": True, "answer": "矩阵接口答复"}
    ),
    "GET /api/v1/points/communities/{community_id}/appeal-days": _api(
        "/api/v1/points/communities/{}/appeal-days", "community"
    ),
    "POST /api/v1/points/communities/{community_id}/appeal-days": _api(
        "/api/v1/points/communities/{}/appeal-days", "community", lambda w, r: {"appeal_days": 10}
    ),
    "POST /api/v1/points/communities/{community_id}/entries-with-photo": _api_entry_with_photo,
    "GET /api/v1/points/entries/{entry_id}/photo": _api("/api/v1/points/entries/{}/photo", "counted"),
}
