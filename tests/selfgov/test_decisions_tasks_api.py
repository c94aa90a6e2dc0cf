"""A decision's execution task over the API with its timeline (GET /api/v1/selfgov/decisions/tasks/{id}): what
the task's page shows, to the same readers; 404 outside their scope, 403 to those who read no decisions."""

import pytest
from django.urls import reverse

from gongzhi.accounts.actions import api_token_create
from gongzhi.selfgov.actions.decisions import decision_publish, decision_task_add, decision_task_move
from tests.selfgov.test_decisions import TODAY, _meet, _start, maker, power, staff, village  # noqa: F401

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_task_and_its_progress_notes_over_the_api(client, staff, users, areas, village, power):  # noqa: F811
    decision = _start(staff, areas, power)
    for present, yes in ((3, 3), (6, 5), (3, 2), (8, 7)):
        decision = _meet(staff, decision, present, yes)
    decision = decision_publish(
        actor=staff, decision=decision, text="经村民代表会议决议，仓库公开出租。", published_on=TODAY()
    )
    task = decision_task_add(
        actor=staff, decision=decision, title="发布招租公告", body="在公开栏和群里发布。"
    )
    task = decision_task_move(actor=staff, task=task, verb="start")
    task = decision_task_move(actor=staff, task=task, verb="progress", note="公告已张贴")
    path = f"/api/v1/selfgov/decisions/tasks/{task.pk}"
    found = client.get(path, **_auth(staff))
    assert found.status_code == 200, found.content
    body = found.json()
    assert (body["title"], body["decision_id"], body["body"]) == (
        "发布招租公告",
        decision.pk,
        "在公开栏和群里发布。",
    )
    assert body["url"] == reverse("selfgov:decision_task", args=[task.pk])
    assert body["state"] == task.case.state
    notes = [row["note"] for row in body["timeline"]]
    assert "公告已张贴" in notes
    assert body["timeline"] == sorted(body["timeline"], key=lambda row: row["at"])
    assert {"progress", "finish"} <= {m["verb"] for m in body["moves"]}
    # The same timeline as the page.
    client.force_login(staff)
    assert "公告已张贴" in client.get(reverse("selfgov:decision_task", args=[task.pk])).content.decode()
    # The township reads it and may not move it; another community's staff do not find it; a resident is refused.
    township = client.get(path, **_auth(users["township_admin"])).json()
    assert "公告已张贴" in [row["note"] for row in township["timeline"]]
    assert township["moves"] == []
    assert client.get(path, **_auth(users["other_staff"])).status_code == 404
    assert client.get(path, **_auth(users["resident"])).status_code == 403
    assert client.get("/api/v1/selfgov/decisions/tasks/999999", **_auth(staff)).status_code == 404
