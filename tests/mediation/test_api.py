"""People's mediation over /api/v1/mediation: the whole case through the API, only for whom a case concerns."""

import json

import pytest
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.mediation.models import Dispute

pytestmark = pytest.mark.django_db


def auth(user):
    _token, key = api_token_create(actor=user, user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, user, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json", **auth(user))


def test_a_case_from_intake_to_follow_up_over_the_api(client, committee, users, areas):
    made = post(
        client,
        "/api/v1/mediation/cases",
        committee.party,
        {
            "category": "neighbours",
            "facts": "王五家的排水沟堵了，雨水冲进李四家。",
            "parties": [{"side": "respondent", "name": "王五", "id_number": committee.respondent_id}],
        },
    )
    assert made.status_code == 201, made.content
    case = made.json()
    assert case["code"].startswith("TJ")
    assert case["state"] == "received"
    assert [p["name"] for p in case["parties"]] == ["李四", "王五"]
    path = f"/api/v1/mediation/cases/{case['id']}"
    assert post(client, path + "/accept", committee.chair).status_code == 200
    # Assigning: only the chair (a party reads the case but may not; a mediator not on it does not see it).
    refused = post(client, path + "/assign", committee.party, {"mediator_id": committee.mediator.pk})
    assert refused.status_code == 403
    unseen = post(client, path + "/assign", committee.mediator, {"mediator_id": committee.mediator.pk})
    assert unseen.status_code == 404
    assigned = post(client, path + "/assign", committee.chair, {"mediator_id": committee.mediator.pk})
    assert assigned.status_code == 200, assigned.content
    assert "session" in client.get(path, **auth(committee.mediator)).json()["moves"]
    parties = {p["name"]: p["id"] for p in assigned.json()["parties"]}
    session = post(
        client,
        path + "/sessions",
        committee.mediator,
        {
            "held_on": timezone.localdate().isoformat(),
            "place": "村委会调解室",
            "attendees": "李四、王五",
            "positions": [
                {"party_id": parties["李四"], "text": "要求疏通"},
                {"party_id": parties["王五"], "text": "同意"},
            ],
        },
    )
    assert session.status_code == 200, session.content
    early = post(
        client,
        path + "/followup",
        committee.mediator,
        {"visited_on": timezone.localdate().isoformat(), "outcome": "kept", "note": "已履行"},
    )
    assert early.status_code == 409
    assert "达成调解协议后" in early.json()["message"]
    empty = post(client, path + "/close", committee.mediator, {"outcome": "agreement", "terms": ""})
    assert empty.status_code == 400
    assert empty.json()["details"]["field"] == "terms"
    closed = post(
        client,
        path + "/close",
        committee.mediator,
        {
            "outcome": "agreement",
            "terms": "王五本周内疏通排水沟，不再往李四家排水。",
            "confirmation_wanted": True,
        },
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["state"] == "agreed"
    assert closed.json()["confirmation_due"]
    again = post(client, path + "/close", committee.mediator, {"outcome": "withdrawn"})
    assert again.status_code == 409
    visit = post(
        client,
        path + "/followup",
        committee.chair,
        {"visited_on": timezone.localdate().isoformat(), "outcome": "kept", "note": "已疏通"},
    )
    assert visit.status_code == 200, visit.content
    assert visit.json()["followups"][0]["outcome"] == "kept"


def test_no_one_outside_a_case_reads_it_over_the_api(client, committee, open_case, users):
    dispute = open_case()
    path = f"/api/v1/mediation/cases/{dispute.pk}"
    for name in ("community_staff", "township_admin", "grid_worker", "supervisor", "window_clerk", "nobody"):
        assert client.get(path, **auth(users[name])).status_code == 404
        assert client.get("/api/v1/mediation/cases", **auth(users[name])).json()["count"] == 0
    assert client.get(path, **auth(committee.second)).status_code == 404
    assert client.get(path, **auth(committee.party)).status_code == 200
    assert client.get(path, **auth(committee.chair)).status_code == 200


def test_a_grid_workers_intake_answers_the_code_only(client, committee, users, areas):
    made = post(
        client,
        "/api/v1/mediation/cases",
        users["grid_worker"],
        {
            "community_id": areas["village"].pk,
            "category": "land",
            "facts": "两户对承包地边界有争议。",
            "parties": [{"side": "applicant", "name": "外村人", "phone": "13912345678"}],
        },
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["code"]
    assert body["facts"] == ""
    assert body["parties"] == []
    outside = post(
        client,
        "/api/v1/mediation/cases",
        users["grid_worker"],
        {
            "community_id": areas["urban"].pk,
            "category": "land",
            "facts": "两户对承包地边界有争议。",
            "parties": [{"side": "applicant", "name": "外村人", "phone": "13912345678"}],
        },
    )
    assert outside.status_code == 403
    assert Dispute.objects.count() == 1
