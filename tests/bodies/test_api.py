"""The bodies over /api/v1/bodies: the same rules as the pages, Chinese messages on refusal with nothing
changed, 404 for what is not the token user's, members by name and post only."""

import json

import pytest

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.models import Body, BodyKind, Membership, Representation

from .conftest import PHONE, START

pytestmark = pytest.mark.django_db


def auth(user):
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, headers, body=None, **extra):
    return client.post(path, json.dumps(body or {}), content_type="application/json", **headers, **extra)


def _written():
    return (
        Body.objects.count(),
        Membership.objects.count(),
        Representation.objects.count(),
        AuditEvent.objects.filter(verb__startswith="body.").count(),
    )


def test_readers_list_and_read_bodies_with_members_and_warnings(client, users, areas, filled):
    for reader in ("community_staff", "supervisor", "party_member", "township_reviewer"):
        listed = client.get(f"/api/v1/bodies?community_id={areas['village'].pk}", **auth(users[reader]))
        assert listed.status_code == 200, listed.content
        kinds = {row["kind"] for row in listed.json()}
        assert {"party_org", "committee", "supervisory", "representatives"} <= kinds
    representatives = filled["bodies"][BodyKind.REPRESENTATIVES]
    detail = client.get(f"/api/v1/bodies/{representatives.pk}", **auth(users["supervisor"])).json()
    # One representative beside three committee members: short of the shares, and no households yet.
    assert {w["code"] for w in detail["warnings"]} == {
        "representative_share",
        "women_share",
        "households_per_representative",
    }
    assert {w["law"] for w in detail["warnings"]} == {"村民委员会组织法第二十五条"}
    assert detail["members"][0]["name"] == "钱代表"
    committee = client.get(
        f"/api/v1/bodies/{filled['bodies'][BodyKind.COMMITTEE].pk}", **auth(users["supervisor"])
    )
    body = committee.json()
    assert body["shoulder_one"] == "李建国"
    assert [m["post"] for m in body["members"]] == ["chair", "member", "member"]
    assert PHONE not in committee.content.decode()
    assert "id_number" not in committee.content.decode()
    assembly = client.get(
        f"/api/v1/bodies/{filled['bodies'][BodyKind.ASSEMBLY].pk}", **auth(users["supervisor"])
    )
    assert assembly.json()["adults"] >= 5
    assert assembly.json()["members_typed"] is False


def test_others_get_404_or_403(client, users, areas, filled):
    committee = filled["bodies"][BodyKind.COMMITTEE]
    other = auth(users["other_staff"])
    assert client.get(f"/api/v1/bodies/{committee.pk}", **other).status_code == 404
    assert client.get(f"/api/v1/bodies?community_id={areas['village'].pk}", **other).status_code == 404
    assert client.get("/api/v1/bodies", **auth(users["resident"])).status_code == 403
    before = _written()
    refused = post(client, f"/api/v1/bodies/{committee.pk}/change", other, {"name": "x", "meeting_rule": "body_meeting",
                                                                            "proxies_allowed": False})  # fmt: skip
    assert refused.status_code == 404
    assert refused.json()["code"] == "not_found"
    supervisor = auth(users["supervisor"])
    forbidden = post(client, "/api/v1/bodies", supervisor, {"community_id": areas["village"].pk, "kind": "other",
                                                            "name": "红白理事会"})  # fmt: skip
    assert forbidden.status_code == 403
    member = filled["held"]["woman"]
    assert post(client, f"/api/v1/bodies/members/{member.pk}/end", supervisor,
                {"ended_on": "2025-01-01", "reason": "辞职"}).status_code == 403  # fmt: skip
    assert post(client, f"/api/v1/bodies/members/{member.pk}/end", other,
                {"ended_on": "2025-01-01", "reason": "辞职"}).status_code == 404  # fmt: skip
    assert _written() == before


def test_staff_keep_bodies_members_and_households_over_the_api(client, users, areas, filled, make_resident):
    staff = auth(users["community_staff"])
    made = post(client, "/api/v1/bodies", staff, {"community_id": areas["village"].pk, "kind": "other",
                                                  "name": "道德评议会", "duties": "评议好人好事"},
                HTTP_IDEMPOTENCY_KEY="ethics-1")  # fmt: skip
    assert made.status_code == 201, made.content
    again = post(client, "/api/v1/bodies", staff, {"community_id": areas["village"].pk, "kind": "other",
                                                   "name": "道德评议会", "duties": "评议好人好事"},
                 HTTP_IDEMPOTENCY_KEY="ethics-1")  # fmt: skip
    assert again.json()["id"] == made.json()["id"]
    ethics = made.json()["id"]
    elder = make_resident(name="周长者")
    added = post(client, f"/api/v1/bodies/{ethics}/members", staff,
                 {"resident_id": elder.pk, "post": "chair", "started_on": START.isoformat(), "term": "第一届"})  # fmt: skip
    assert added.status_code == 201, added.content
    assert added.json()["members"][0]["name"] == "周长者"
    changed = post(client, f"/api/v1/bodies/{ethics}/change", staff,
                   {"name": "道德评议会", "meeting_rule": "body_meeting", "proxies_allowed": True})  # fmt: skip
    assert changed.json()["proxies_allowed"] is True
    representative = filled["held"]["representative"]
    households = [h.pk for h in filled["households"][:5]]
    set_ = post(
        client, f"/api/v1/bodies/members/{representative.pk}/households", staff, {"household_ids": households}
    )
    assert set_.status_code == 200, set_.content
    assert "households_per_representative" not in {w["code"] for w in set_.json()["warnings"]}
    ended = post(client, f"/api/v1/bodies/members/{filled['held']['member'].pk}/end", staff,
                 {"ended_on": START.isoformat(), "reason": "任期届满"})  # fmt: skip
    assert ended.status_code == 200
    assert [m["name"] for m in ended.json()["past_members"]] == ["张大山"]


def test_bad_input_gets_the_chinese_message_and_changes_nothing(client, users, areas, filled, make_resident):
    staff = auth(users["community_staff"])
    committee = filled["bodies"][BodyKind.COMMITTEE]
    child = make_resident(name="李小明", birth=START.replace(year=START.year - 5))
    outsider = make_resident("grid_b1", name="外人")
    before = _written()
    cases = [
        ("/api/v1/bodies", {"community_id": areas["village"].pk, "kind": "committee"}, 409, "已经有这个组织"),
        ("/api/v1/bodies", {"community_id": areas["village"].pk, "kind": "spaceship"}, 400, "未知的组织类型"),
        ("/api/v1/bodies", {"community_id": areas["urban"].pk, "kind": "committee"}, 404, ""),
        (
            f"/api/v1/bodies/{committee.pk}/members",
            {"resident_id": child.pk, "post": "member", "started_on": START.isoformat()},
            400,
            "十八周岁",
        ),  # fmt: skip
        (
            f"/api/v1/bodies/{committee.pk}/members",
            {"resident_id": outsider.pk, "post": "member", "started_on": START.isoformat()},
            404,
            "",
        ),  # fmt: skip
        (
            f"/api/v1/bodies/{committee.pk}/members",
            {
                "resident_id": filled["people"]["supervisor"].pk,
                "post": "secretary",
                "started_on": START.isoformat(),
            },
            400,
            "没有这个职务",
        ),  # fmt: skip
        (
            f"/api/v1/bodies/members/{filled['held']['chair'].pk}/households",
            {"household_ids": []},
            400,
            "只有代表",
        ),
        (
            f"/api/v1/bodies/members/{filled['held']['woman'].pk}/end",
            {"ended_on": "2020-01-01", "reason": "辞职"},
            400,
            "离任日期应在任职日期和今天之间",
        ),  # fmt: skip
        (
            f"/api/v1/bodies/{committee.pk}/change",
            {"name": "党组织", "meeting_rule": "body_meeting", "proxies_allowed": False},
            409,
            "同名",
        ),  # fmt: skip
    ]
    for path, body, status, message in cases:
        response = post(client, path, staff, body)
        assert response.status_code == status, (path, response.content)
        assert message in response.json()["message"], response.json()
    assert _written() == before
