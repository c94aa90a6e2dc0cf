"""The points over the API: the same actions and refusals as the pages."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.points.actions import entry_decide, points_switch_set
from gongzhi.points.models import Entry, EntryState

from .test_points import _award


def _api(user) -> Client:
    token = api_token_create(actor=user, user=user, name="test")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(client, path, body):
    import json

    return client.post(path, json.dumps(body), content_type="application/json")


def test_staff_enter_over_the_api_and_a_second_person_approves(staff, second, catalogue, households):
    item = catalogue.items.get(name="门前三包")
    path = f"/api/v1/points/communities/{catalogue.community_id}/entries"
    body = {
        "household": "QS-001",
        "item_id": item.pk,
        "occurred_on": timezone.localdate().isoformat(),
        "evidence": "",
    }
    refused = _post(_api(staff), path, body)
    assert refused.status_code == 400
    assert "凭证说明" in refused.json()["message"]
    made = _post(_api(staff), path, {**body, "evidence": "网格员检查记录"})
    assert made.status_code == 201
    entry_id = made.json()["id"]
    self_approval = _post(_api(staff), f"/api/v1/points/entries/{entry_id}/decide", {"approve": True})
    assert self_approval.status_code == 400
    assert self_approval.json()["code"] == "self_approval"
    assert (
        _post(_api(second), f"/api/v1/points/entries/{entry_id}/decide", {"approve": True}).status_code == 200
    )
    assert Entry.objects.get(pk=entry_id).state == EntryState.COUNTED


def test_every_write_over_the_api_is_refused_while_off(staff, second, catalogue, households, users, areas):
    counted = entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    points_switch_set(actor=users["township_admin"], township=areas["township"], enabled=False)
    appeal = _post(
        _api(users["resident"]), f"/api/v1/points/mine/{counted.pk}/appeal", {"reason": "那天没有参加"}
    )
    assert appeal.status_code == 400
    assert appeal.json()["code"] == "points_off"
    ledger = _api(users["resident"]).get("/api/v1/points/mine").json()
    assert ledger[0]["enabled"] is False
    assert ledger[0]["balance"] == 5


def test_an_appeal_after_the_window_is_refused_over_the_api(staff, second, catalogue, households, users):
    counted = entry_decide(actor=second, entry=_award(staff, catalogue, households["zhang"]), approve=True)
    Entry.objects.filter(pk=counted.pk).update(appeal_until=timezone.localdate() - dt.timedelta(days=1))
    answer = _post(
        _api(users["resident"]), f"/api/v1/points/mine/{counted.pk}/appeal", {"reason": "那天没有参加"}
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "appeal_closed"
    assert not counted.appeals.exists()
