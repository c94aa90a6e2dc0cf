"""The funds over the API: the same refusals, an Idempotency-Key on creates, 404 outside the token's reach."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.actions import api_token_create
from gongzhi.funds.models import Board, Expenditure, Plan
from tests.funds.conftest import jpeg, last_year

pytestmark = pytest.mark.django_db


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="funds")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, path: str, body: dict, user, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **_headers(user), **extra)


def test_plan_expenditure_approvals_and_board_over_the_api(client, fund, users, second_staff, areas):
    staff = users["community_staff"]
    listed = client.get(f"/api/v1/funds?year={last_year()}", **_headers(staff)).json()
    assert [f["totals"]["allocated"] for f in listed] == ["120000.50"]
    body = {"title": "修缮文化活动室", "amount": "3000"}
    first = _post(client, f"/api/v1/funds/{fund.pk}/plans", body, staff, HTTP_IDEMPOTENCY_KEY="p-1")
    again = _post(client, f"/api/v1/funds/{fund.pk}/plans", body, staff, HTTP_IDEMPOTENCY_KEY="p-1")
    assert first.status_code == 201, first.content
    assert first.json()["id"] == again.json()["id"]
    assert Plan.objects.count() == 1
    plan_id = first.json()["id"]
    too_much = _post(
        client, f"/api/v1/funds/{fund.pk}/plans", {"title": "新建广场", "amount": "60000"}, staff
    )
    assert too_much.status_code == 400
    assert "四议两公开" in too_much.json()["message"]
    made = client.post(
        f"/api/v1/funds/plans/{plan_id}/expenditures",
        {"amount": "1200.50", "payee": "青山建材店", "spent_on": dt.date(last_year(), 3, 10).isoformat(),
         "purpose": "购买水泥", "vouchers": SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")},
        **_headers(staff),
    )  # fmt: skip
    assert made.status_code == 201, made.content
    spending_id = made.json()["id"]
    own = _post(client, f"/api/v1/funds/expenditures/{spending_id}/approve", {}, staff)
    assert own.status_code == 400
    assert "登记这笔支出的人不能审批" in own.json()["message"]
    once = _post(client, f"/api/v1/funds/expenditures/{spending_id}/approve", {}, second_staff)
    assert once.json()["approved"] is False
    assert Expenditure.objects.get().approved_at is None
    board = _post(client, "/api/v1/funds/boards", {"community_id": areas["village"].pk, "period": f"{last_year()}-Q1"},
                  staff)  # fmt: skip
    assert board.status_code == 201, board.content
    assert board.json()["spending"] == "0.00"  # one approval is not spending
    assert Board.objects.get().closing == fund.incomes.first().amount + fund.incomes.last().amount


def test_outside_reach_is_404_and_township_reads_only(client, fund, users):
    assert client.get(f"/api/v1/funds/{fund.pk}", **_headers(users["other_staff"])).status_code == 404
    answer = _post(
        client, f"/api/v1/funds/{fund.pk}/plans", {"title": "修路", "amount": "1"}, users["other_staff"]
    )
    assert answer.status_code == 404
    assert client.get(f"/api/v1/funds/{fund.pk}", **_headers(users["township_admin"])).status_code == 200
    answer = _post(
        client, f"/api/v1/funds/{fund.pk}/plans", {"title": "修路", "amount": "1"}, users["township_admin"]
    )
    assert answer.status_code == 403
    assert not Plan.objects.exists()
