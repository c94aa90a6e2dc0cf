"""The governing documents over the API: create with an Idempotency-Key, edit the draft, adopt by a passed item,
revise and see what changed; editing an adopted version is the pages' Chinese 400 and changes nothing; the
library lists the in-force version; out of reach is 404, a reader without the role 403."""

import json

import pytest
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.meetings.actions import ItemVote, meeting_record
from gongzhi.rulebook.models import Document, DocumentKind, Template, Version

pytestmark = pytest.mark.django_db


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="rulebook")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, path, body, headers, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **headers, **extra)


def _meeting(users, areas, title="通过民主理财制度", in_favour=18):
    return meeting_record(
        actor=users["community_staff"], area=areas["village"], body_kind="village_representatives_meeting",
        held_on=timezone.localdate(), members=30, present=21, items=[ItemVote(title, in_favour=in_favour)],
    )  # fmt: skip


def test_create_edit_adopt_revise_and_diff(client, users, areas):
    staff = _headers(users["community_staff"])
    village = areas["village"].pk
    body = {
        "kind_id": DocumentKind.objects.get(name="民主理财制度").pk,
        "body": "第一条 民主理财小组每月审核账目。",
    }
    made = _post(client, f"/api/v1/rulebook/c/{village}/documents", body, staff, HTTP_IDEMPOTENCY_KEY="rb-1")
    assert made.status_code == 201, made.content
    again = _post(client, f"/api/v1/rulebook/c/{village}/documents", body, staff, HTTP_IDEMPOTENCY_KEY="rb-1")
    assert again.json()["id"] == made.json()["id"]
    assert Document.objects.count() == 1
    did, first = made.json()["id"], made.json()["versions"][0]
    assert (made.json()["title"], first["state"]) == ("民主理财制度", "draft")

    saved = _post(client, f"/api/v1/rulebook/versions/{first['id']}/edit", {"body": "第一条 民主理财小组每季度审核账目。"},
                  staff)  # fmt: skip
    assert saved.status_code == 200, saved.content
    assert saved.json()["versions"][0]["body"].endswith("每季度审核账目。")

    item = _meeting(users, areas).items.get()
    adopted = _post(client, f"/api/v1/rulebook/versions/{first['id']}/adopt",
                    {"meeting_item_id": item.pk, "effective_on": timezone.localdate().isoformat()},
                    staff)  # fmt: skip
    assert adopted.status_code == 200, adopted.content
    row = adopted.json()["versions"][0]
    assert (row["state"], row["meeting_item_id"]) == ("in_force", item.pk)
    assert item.title in row["meeting"]

    events = AuditEvent.objects.count()
    refused = _post(
        client, f"/api/v1/rulebook/versions/{first['id']}/edit", {"body": "全部改掉的正文，不应保存。"}, staff
    )
    assert refused.status_code == 400
    assert "已经通过施行，不能再修改" in refused.json()["message"]
    assert Version.objects.get().body.endswith("每季度审核账目。")
    assert AuditEvent.objects.count() == events

    revised = _post(
        client, f"/api/v1/rulebook/documents/{did}/versions", {}, staff, HTTP_IDEMPOTENCY_KEY="rb-2"
    )
    assert revised.status_code == 201
    assert [v["state"] for v in revised.json()["versions"]] == ["in_force", "draft"]
    retried = _post(
        client, f"/api/v1/rulebook/documents/{did}/versions", {}, staff, HTTP_IDEMPOTENCY_KEY="rb-2"
    )
    assert retried.status_code == 201
    assert Version.objects.count() == 2
    draft = revised.json()["versions"][1]["id"]
    _post(client, f"/api/v1/rulebook/versions/{draft}/edit",
          {"body": "第一条 民主理财小组每季度审核账目。\n第二条 审核结果张榜公布。"}, staff)  # fmt: skip
    changed = client.get(f"/api/v1/rulebook/documents/{did}/diff", **staff).json()
    assert changed["new_version_id"] == draft
    assert {"kind": "added", "old": "", "new": "第二条 审核结果张榜公布。", "skipped": 0} in changed["rows"]
    office = client.get(f"/api/v1/rulebook/documents/{did}", **_headers(users["township_admin"]))
    assert office.status_code == 200
    assert len(office.json()["versions"]) == 2

    shelf = client.get(f"/api/v1/rulebook/c/{village}", **_headers(users["resident"])).json()
    assert [r["title"] for r in shelf if r["url"].startswith("/rulebook/")] == ["民主理财制度"]
    assert client.get(f"/api/v1/rulebook/documents/{did}", **_headers(users["resident"])).status_code == 403


def test_refusals_change_nothing(client, users, areas):
    staff = _headers(users["community_staff"])
    village = areas["village"].pk
    kind = DocumentKind.objects.get(name="档案管理制度")
    template = Template.objects.get(kind=kind, township__isnull=True)
    made = _post(client, f"/api/v1/rulebook/c/{village}/documents", {"template_id": template.pk}, staff)
    assert made.status_code == 201
    assert made.json()["kind"] == "档案管理制度"
    version = made.json()["versions"][0]["id"]
    nothing = _post(
        client, f"/api/v1/rulebook/c/{village}/documents", {"body": "第一条 没有类别的制度正文。"}, staff
    )
    assert nothing.status_code == 400
    assert "请选择制度类别" in nothing.json()["message"]
    lost = _meeting(users, areas, "否决的议题", in_favour=3).items.get()
    failed = _post(client, f"/api/v1/rulebook/versions/{version}/adopt",
                   {"meeting_item_id": lost.pk, "effective_on": timezone.localdate().isoformat()}, staff)  # fmt: skip
    assert failed.status_code == 400
    assert "会议表决事项" in failed.json()["message"]
    item = _meeting(users, areas).items.get()
    undated = _post(client, f"/api/v1/rulebook/versions/{version}/adopt", {"meeting_item_id": item.pk}, staff)
    assert undated.status_code == 400
    assert "施行日期" in undated.json()["message"]
    assert Version.objects.get().state == "draft"
    assert Document.objects.count() == 1
    other = _headers(users["other_staff"])
    assert (
        _post(
            client, f"/api/v1/rulebook/versions/{version}/edit", {"body": "第一条 别的社区来改。"}, other
        ).status_code
        == 404
    )
    assert client.get(f"/api/v1/rulebook/documents/{made.json()['id']}", **other).status_code == 404
    assert (
        _post(client, f"/api/v1/rulebook/c/{village}/documents", {"kind_id": kind.pk}, other).status_code
        == 404
    )
