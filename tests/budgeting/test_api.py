"""The participatory budget over the API: the same refusals, an Idempotency-Key on creates, 404 outside reach."""

import datetime as dt
import json

import pytest

from gongzhi.accounts.actions import api_token_create
from gongzhi.budgeting.models import Project, Ranking, Rating, Round
from tests.budgeting.conftest import this_year, today

pytestmark = pytest.mark.django_db


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="budgeting")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, path: str, body: dict, user, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **_headers(user), **extra)


IDEA = {
    "title": "修路灯",
    "description": "村口到小学的路段晚上没有灯，老人和孩子走夜路不安全。",
    "place": "村口至青山小学",
    "cost": "8000",
    "category": "lighting",
}


def test_a_round_over_the_api_from_creation_to_rating(client, fund, users, areas, proposer, council):
    staff = users["community_staff"]
    body = {"community_id": areas["village"].pk, "year": this_year(), "opens_on": today().isoformat(),
            "closes_on": dt.date(this_year(), 12, 31).isoformat(), "cap": "20000"}  # fmt: skip
    first = _post(client, "/api/v1/budgeting/rounds", body, staff, HTTP_IDEMPOTENCY_KEY="r-1")
    again = _post(client, "/api/v1/budgeting/rounds", body, staff, HTTP_IDEMPOTENCY_KEY="r-1")
    assert first.status_code == 201, first.content
    assert first.json()["id"] == again.json()["id"]
    assert Round.objects.count() == 1
    round_id = first.json()["id"]
    assert _post(client, "/api/v1/budgeting/rounds", body, users["other_staff"]).status_code == 404
    assert _post(client, "/api/v1/budgeting/rounds", body, users["resident"]).status_code == 403
    assert (
        _post(client, f"/api/v1/budgeting/rounds/{round_id}/open", {}, staff).json()["state"] == "proposing"
    )
    never = _post(
        client, f"/api/v1/budgeting/rounds/{round_id}/projects", {**IDEA, "category": "handouts"}, proposer
    )
    assert never.status_code == 400
    assert "负面清单" in never.json()["message"]
    made = _post(
        client, f"/api/v1/budgeting/rounds/{round_id}/projects", IDEA, proposer, HTTP_IDEMPOTENCY_KEY="p-1"
    )
    assert made.status_code == 201, made.content
    _post(client, f"/api/v1/budgeting/rounds/{round_id}/projects", IDEA, proposer, HTTP_IDEMPOTENCY_KEY="p-1")
    assert Project.objects.count() == 1
    project_id = made.json()["id"]
    screened = _post(client, f"/api/v1/budgeting/projects/{project_id}/screen", {"eligible": True}, staff)
    assert screened.json()["state"] == "eligible"
    _post(client, f"/api/v1/budgeting/rounds/{round_id}/close", {}, staff)
    assert (
        _post(
            client, f"/api/v1/budgeting/rounds/{round_id}/rankings", {"order": [project_id]}, proposer
        ).status_code
        == 403
    )
    rankings_url = f"/api/v1/budgeting/rounds/{round_id}/rankings"
    for member in council:
        ranked = _post(client, rankings_url, {"order": [project_id]}, member, HTTP_IDEMPOTENCY_KEY="rank-1")
        assert ranked.status_code == 201, ranked.content
    # A member's retry with the same key (an answer lost on a weak network) gets the round, and is counted once;
    # a second ranking without the key is refused.
    first = council[0]
    retried = _post(client, rankings_url, {"order": [project_id]}, first, HTTP_IDEMPOTENCY_KEY="rank-1")
    assert retried.status_code == 201, retried.content
    assert retried.json()["rankings"] == len(council)
    assert _post(client, rankings_url, {"order": [project_id]}, first).status_code == 409
    assert Ranking.objects.filter(round_id=round_id).count() == len(council)
    decided = _post(client, f"/api/v1/budgeting/rounds/{round_id}/decide",
                    {"held_on": today().isoformat(), "present": 3, "in_favour": 3}, staff)  # fmt: skip
    assert decided.status_code == 200, decided.content
    assert decided.json()["state"] == "decided"
    assert decided.json()["disclosure_id"]
    detail = client.get(f"/api/v1/budgeting/rounds/{round_id}", **_headers(staff)).json()
    assert [(p["state"], p["rank"]) for p in detail["projects"]] == [("funded", 1)]
    early = _post(client, f"/api/v1/budgeting/projects/{project_id}/ratings", {"stars": 5}, proposer)
    assert early.status_code == 400
    assert "完工后" in early.json()["message"]
    _post(
        client, f"/api/v1/budgeting/projects/{project_id}/finish", {"finished_on": today().isoformat()}, staff
    )
    ratings_url = f"/api/v1/budgeting/projects/{project_id}/ratings"
    rated = _post(client, ratings_url, {"stars": 5}, proposer, HTTP_IDEMPOTENCY_KEY="rate-1")
    assert rated.status_code == 201, rated.content
    assert (rated.json()["mean"], rated.json()["count"]) == ("5.0", 1)
    retried = _post(client, ratings_url, {"stars": 5}, proposer, HTTP_IDEMPOTENCY_KEY="rate-1")
    assert (retried.status_code, retried.json()["count"]) == (201, 1)
    twice = _post(client, f"/api/v1/budgeting/projects/{project_id}/ratings", {"stars": 1}, proposer)
    assert twice.status_code == 409
    assert Rating.objects.count() == 1
    assert (
        client.get(f"/api/v1/budgeting/projects/{project_id}", **_headers(users["other_staff"])).status_code
        == 404
    )
