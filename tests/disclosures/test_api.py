"""The board over /api/v1/: the public list and item with its history to any token, publishing, revising and
withdrawing for the community's staff, what is overdue for the staff pages' readers; JSON errors, nothing
changed on refusal."""

import json

import pytest

from gongzhi.accounts.actions import api_token_create
from gongzhi.disclosures.models import Disclosure, DisclosureRevision

pytestmark = pytest.mark.django_db


def auth(user):
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, headers, body):
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


BODY = {
    "category": "finance",
    "title": "2026年10月财务收支公开",
    "body": "收入：土地租金三万元。支出：道路维修一万元。",
}


def test_staff_publish_revise_and_withdraw_and_anyone_reads_it(client, users, areas):
    staff = auth(users["community_staff"])
    made = post(
        client,
        "/api/v1/disclosures",
        staff | {"HTTP_IDEMPOTENCY_KEY": "k-1"},
        BODY | {"community_id": areas["village"].pk},
    )
    assert made.status_code == 201, made.content
    again = post(
        client,
        "/api/v1/disclosures",
        staff | {"HTTP_IDEMPOTENCY_KEY": "k-1"},
        BODY | {"community_id": areas["village"].pk},
    )
    assert again.json()["id"] == made.json()["id"]
    assert Disclosure.objects.count() == 1
    pk = made.json()["id"]
    revised = post(client, f"/api/v1/disclosures/{pk}/revise", staff,
                   {"title": BODY["title"], "body": "收入：土地租金三万五千元。", "reason": "租金数额更正"})  # fmt: skip
    assert revised.status_code == 200
    assert revised.json()["revision"] == 2
    resident = auth(users["resident"])
    listed = client.get(f"/api/v1/disclosures?community_id={areas['village'].pk}", **resident).json()
    assert listed["count"] == 1
    assert listed["items"][0]["category_label"] == "财务公开"
    detail = client.get(f"/api/v1/disclosures/{pk}", **resident).json()
    assert [r["reason"] for r in detail["revisions"]] == ["租金数额更正", ""]
    gone = post(client, f"/api/v1/disclosures/{pk}/withdraw", staff, {"reason": "重复发布"})
    assert gone.status_code == 200
    assert gone.json()["body"] == ""
    assert gone.json()["withdrawn_reason"] == "重复发布"
    assert (
        client.get(f"/api/v1/disclosures?community_id={areas['village'].pk}", **resident).json()["count"] == 0
    )


def test_refusals_are_json_with_a_chinese_message_and_change_nothing(client, users, areas):
    staff = auth(users["community_staff"])
    bad = post(
        client,
        "/api/v1/disclosures",
        staff,
        BODY | {"community_id": areas["village"].pk, "body": "张三 13812345678"},
    )
    assert bad.status_code == 400
    assert "手机号" in bad.json()["message"]
    other = post(client, "/api/v1/disclosures", staff, BODY | {"community_id": areas["urban"].pk})
    assert other.status_code == 404
    resident = post(
        client, "/api/v1/disclosures", auth(users["resident"]), BODY | {"community_id": areas["village"].pk}
    )
    assert resident.status_code == 403
    assert client.get(f"/api/v1/disclosures?community_id={areas['village'].pk}").status_code == 401
    assert not Disclosure.objects.exists()
    assert not DisclosureRevision.objects.exists()


def test_the_overdue_list_is_for_the_staff_pages_readers(client, users, areas):
    listed = client.get("/api/v1/disclosures/overdue", **auth(users["township_admin"])).json()
    assert [row["community_name"] for row in listed] == ["青山村", "东街社区"] or len(listed) == 2
    assert {gap["category"] for gap in listed[0]["gaps"]} == {"party", "affairs", "finance"}
    mine = client.get("/api/v1/disclosures/overdue", **auth(users["supervisor"])).json()
    assert [row["community_name"] for row in mine] == ["青山村"]
    assert client.get("/api/v1/disclosures/overdue", **auth(users["resident"])).status_code == 403
    assert (
        client.get(
            f"/api/v1/disclosures/overdue?community_id={areas['urban'].pk}", **auth(users["supervisor"])
        ).status_code
        == 404
    )


def test_staff_publish_an_overdue_item_over_the_api_and_it_is_fulfilled(client, users, areas):
    import datetime as dt

    from django.utils import timezone

    from gongzhi.disclosures.actions import disclosure_due_register
    from gongzhi.disclosures.models import DisclosureDue
    from gongzhi.meetings.models import Meeting

    meeting = Meeting.objects.create(
        body_kind="villagers_meeting", area=areas["village"], area_path=areas["village"].path,
        held_on=timezone.localdate(), present=300, adults=500, quorate=True, recorded_by=users["community_staff"],
    )  # fmt: skip
    disclosure_due_register(
        actor=users["community_staff"], community=areas["village"], category="affairs", title="决议公开：修缮村道",
        owner=meeting, purpose="resolution", due_on=timezone.localdate() - dt.timedelta(days=1),
    )  # fmt: skip
    staff = auth(users["community_staff"])
    listed = client.get(f"/api/v1/disclosures/overdue?community_id={areas['village'].pk}", **staff).json()
    due_id = listed[0]["overdue"][0]["id"]
    other = post(client, "/api/v1/disclosures", auth(users["other_staff"]),
                 BODY | {"community_id": areas["urban"].pk, "due_id": due_id})  # fmt: skip
    assert other.status_code == 404
    made = post(
        client, "/api/v1/disclosures", staff, BODY | {"community_id": areas["village"].pk, "due_id": due_id}
    )
    assert made.status_code == 201
    assert DisclosureDue.objects.get().fulfilled_by_id == made.json()["id"]
    assert client.get("/api/v1/disclosures/overdue", **staff).json()[0]["overdue"] == []
