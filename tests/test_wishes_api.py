"""The wish lifecycle over /api/v1/: the same rules as the pages, JSON errors with stable codes."""

import json

import pytest

from gongzhi.accounts.actions import api_token_create
from gongzhi.wishes.models import Wish

pytestmark = pytest.mark.django_db


def auth(user):
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, headers, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json", **headers)


def test_a_wish_walks_its_life_over_the_api(client, users):
    resident, staff = auth(users["resident"]), auth(users["community_staff"])
    helper, other_helper = auth(users["party_member"]), auth(users["volunteer"])
    created = post(client, "/api/v1/wishes", resident,
                   {"title": "想要一台收音机", "story": "家里的收音机坏了。", "category": "elderly"})  # fmt: skip
    assert created.status_code == 201, created.content
    wish_id = created.json()["id"]
    assert created.json()["state"] == "submitted"
    assert "withdraw" in created.json()["allowed_moves"]
    assert created.json()["due_limit"] == "2个工作日"
    assert created.json()["due_at"]
    # Not yet public: the helper cannot see it, and cannot tell it exists.
    assert client.get(f"/api/v1/wishes/{wish_id}", **helper).status_code == 404
    assert (
        post(client, f"/api/v1/wishes/{wish_id}/publish", staff, {"privacy": "public"}).json()["state"]
        == "published"
    )
    wall = client.get("/api/v1/wishes?limit=5", **helper).json()
    assert wall["count"] == 1
    assert wall["items"][0]["wisher"].endswith("**")
    assert post(client, f"/api/v1/wishes/{wish_id}/claim", helper).json()["state"] == "claimed"
    late = post(client, f"/api/v1/wishes/{wish_id}/claim", other_helper)
    assert late.status_code == 409
    assert late.json()["code"] == "already_claimed"
    assert "刚刚已被" in late.json()["message"]
    done = post(client, f"/api/v1/wishes/{wish_id}/fulfil", helper, {"note": "送到了", "hours": 1.5})
    assert done.json()["state"] == "fulfilled"
    assert post(client, f"/api/v1/wishes/{wish_id}/confirm", resident).json()["state"] == "confirmed"
    rated = post(client, f"/api/v1/wishes/{wish_id}/rate", resident, {"rating": 4, "comment": "好"})
    assert rated.json()["rating"] == 4
    verbs = [row["verb"] for row in rated.json()["timeline"]]
    assert verbs == ["提交", "发布上墙", "认领", "登记完成", "确认实现", "评价"]


def test_bad_input_gets_a_field_and_a_chinese_message_and_changes_nothing(client, users):
    resident = auth(users["resident"])
    response = post(
        client, "/api/v1/wishes", resident, {"title": "", "story": "内容足够长了", "category": "elderly"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["details"] == {"field": "title"}
    assert "请填写心愿标题" in response.json()["message"]
    assert Wish.objects.count() == 0
    missing = post(client, "/api/v1/wishes", resident, {"title": "缺内容"})
    assert missing.status_code == 422
    assert missing.json()["code"] == "invalid"
    rating = post(client, "/api/v1/wishes/999999/rate", resident, {"rating": 9})
    assert rating.status_code == 404
    assert rating.json()["code"] == "not_found"


def test_who_may_not_gets_403_and_strangers_401(client, users):
    assert client.get("/api/v1/wishes").status_code == 401
    response = post(client, "/api/v1/wishes", auth(users["party_member"]),
                    {"title": "想要收音机", "story": "收音机坏了。", "category": "elderly"})  # fmt: skip
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
