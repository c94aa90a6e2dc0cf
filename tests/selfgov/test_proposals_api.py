"""Proposals over the API: the same rules and messages as the pages; signing is idempotent."""

import json

import pytest

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.selfgov.models import ProposalSignature
from tests.selfgov.proposals_kit import adults, citizen

pytestmark = pytest.mark.django_db
BASE = "/api/v1/selfgov/proposals"


def auth(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, body, who, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", **who, **headers)


def test_a_proposal_through_the_api_to_its_threshold(users, make_resident, client):
    author, _ = citizen(make_resident, "author")
    signer, _ = citizen(make_resident, "signer", name="王五")
    adults(make_resident, 18)  # 20 adults: one tenth is 2
    me = auth(author)
    created = post(
        client,
        BASE,
        {"title": "修缮村口的便民桥", "text": "桥面破损，雨天很滑，建议召开村民会议。", "asks": "assembly"},
        me,
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["state"] == "draft"
    assert created.json()["allowed_moves"] == ["open", "withdraw"]
    opened = post(client, f"{BASE}/{pk}/open", {}, me).json()
    assert opened["count"]["headline"] == "已有 1 人联名，须 2 人"
    assert opened["author"] == "李**"
    them = auth(signer)
    first = post(client, f"{BASE}/{pk}/signatures", {}, them, HTTP_IDEMPOTENCY_KEY="sign-1")
    again = post(client, f"{BASE}/{pk}/signatures", {}, them, HTTP_IDEMPOTENCY_KEY="sign-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert ProposalSignature.objects.filter(proposal_id=pk).count() == 2
    assert AuditEvent.objects.filter(verb="proposal.signed").count() == 1
    detail = client.get(f"{BASE}/{pk}", **them).json()
    assert detail["state"] == "submitted"
    assert detail["count"]["reached"]
    assert detail["meeting_due_on"]
    assert detail["signed_by_me"] is True
    listed = client.get(BASE, {"community_id": detail["community_id"]}, **auth(users["nobody"])).json()
    assert [p["id"] for p in listed] == [pk]
    assert "王五" not in json.dumps(listed, ensure_ascii=False)


def test_signing_twice_without_a_key_or_from_another_community_is_a_chinese_400(users, make_resident, client):
    author, _ = citizen(make_resident, "author")
    outsider, _ = citizen(make_resident, "outsider", area_key="grid_b1", name="孙八")
    adults(make_resident, 30)
    me = auth(author)
    pk = post(
        client,
        BASE,
        {"title": "修缮村口的便民桥", "text": "桥面破损，雨天很滑，建议召开村民会议。", "asks": "assembly"},
        me,
    ).json()["id"]
    post(client, f"{BASE}/{pk}/open", {}, me)
    twice = post(client, f"{BASE}/{pk}/signatures", {}, me)
    assert twice.status_code == 409
    assert twice.json()["code"] == "signed_twice"
    assert "只能联名一次" in twice.json()["message"]
    other = post(client, f"{BASE}/{pk}/signatures", {}, auth(outsider))
    assert other.status_code == 400
    assert other.json()["code"] == "other_community"
    assert "不是青山村的居民" in other.json()["message"]
    assert ProposalSignature.objects.filter(proposal_id=pk).count() == 1


def test_staff_answer_and_assisted_signing_over_the_api(users, make_resident, client):
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 30)
    elderly = make_resident("grid_a1", name="老人甲")
    me = auth(author)
    pk = post(
        client,
        BASE,
        {"title": "请答复村道路灯", "text": "村道路灯坏了很久，请党组织研究答复。", "asks": "answer"},
        me,
    ).json()["id"]
    post(client, f"{BASE}/{pk}/open", {}, me)
    grid = auth(users["grid_worker"])
    signed = post(
        client,
        f"{BASE}/{pk}/signatures/assisted",
        {"resident_id": elderly.pk, "consent_channel": "in_person"},
        grid,
        HTTP_IDEMPOTENCY_KEY="a1",
    )
    assert signed.status_code == 201
    assert signed.json()["assisted"] is True
    outside = post(
        client,
        f"{BASE}/{pk}/signatures/assisted",
        {"resident_id": elderly.pk, "consent_channel": "in_person"},
        auth(users["other_staff"]),
    )
    assert outside.status_code == 404
    post(client, f"{BASE}/{pk}/submit", {}, me)
    bad = post(
        client,
        f"{BASE}/{pk}/answer",
        {"decision": "maybe", "answer": "再议。"},
        auth(users["community_staff"]),
    )
    assert bad.status_code == 400
    assert "accept" in bad.json()["message"]
    denied = post(
        client,
        f"{BASE}/{pk}/answer",
        {"decision": "answer", "answer": "已安排维修。"},
        auth(users["resident"]),
    )
    assert denied.status_code == 403
    done = post(
        client,
        f"{BASE}/{pk}/answer",
        {"decision": "answer", "answer": "已安排下周维修路灯。"},
        auth(users["community_staff"]),
    )
    assert done.status_code == 200
    assert done.json()["state"] == "answered"
    assert done.json()["answer"] == "已安排下周维修路灯。"
