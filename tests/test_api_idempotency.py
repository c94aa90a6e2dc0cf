"""Retries are safe by default: the Idempotency-Key header on every creating API operation,
and the OpenAPI schema declares the 4xx answers each operation gives."""

import json
import uuid

import pytest
from django.core.cache import caches
from django.test import Client

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case
from gongzhi.config.api import api
from gongzhi.offers.models import Booking, ServiceOffer
from gongzhi.situations.models import SituationNote
from gongzhi.wishes.models import Wish
from tests import policy
from tests.test_offers import saturday_morning

pytestmark = pytest.mark.django_db

WISH = {"title": "想要一台收音机", "story": "眼睛不好，想听听戏曲节目。", "category": "elderly"}


def bearer(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="重试")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def send(path: str, body, headers: dict, key: str | None = None):
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    data = json.dumps(body) if body is not None else ""
    return Client().post(path, data, content_type="application/json", **headers, **extra)


def test_ten_retries_of_one_wish_make_one_wish_and_give_the_same_answer(users):
    headers, key = bearer(users["resident"]), str(uuid.uuid4())

    answers = [send("/api/v1/wishes", WISH, headers, key)]
    audit_rows = AuditEvent.objects.count()
    answers += [send("/api/v1/wishes", WISH, headers, key) for _ in range(9)]

    assert {a.status_code for a in answers} == {201}
    assert Wish.objects.count() == 1
    assert Case.objects.count() == 1
    assert {a.json()["id"] for a in answers} == {Wish.objects.get().pk}
    assert AuditEvent.objects.count() == audit_rows  # posted once, not ten times


def test_the_same_key_with_a_different_body_is_refused_and_changes_nothing(users):
    headers, key = bearer(users["resident"]), "retry-1"
    first = send("/api/v1/wishes", WISH, headers, key)
    before = (Wish.objects.count(), AuditEvent.objects.count())

    other = send("/api/v1/wishes", {**WISH, "title": "想要一副老花镜"}, headers, key)

    assert first.status_code == 201
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in other.json()["message"]
    assert "新的键" in other.json()["message"]
    assert (Wish.objects.count(), AuditEvent.objects.count()) == before


def test_a_key_belongs_to_one_actor_and_one_operation(users, areas):
    from tests.conftest import make_user

    neighbour = make_user("neighbour", "resident", areas["village"])
    key = "shared-key"
    mine = send("/api/v1/wishes", WISH, bearer(users["resident"]), key)
    theirs = send("/api/v1/wishes", WISH, bearer(neighbour), key)
    note = send("/api/v1/situations", {"category": "roads", "place": "村口", "body": "路灯坏了好几天了。"},
                bearer(users["resident"]), key)  # fmt: skip
    assert (mine.status_code, theirs.status_code, note.status_code) == (201, 201, 201)
    assert Wish.objects.count() == 2
    assert SituationNote.objects.count() == 1


def test_a_retry_after_the_cache_is_lost_still_makes_no_second_wish(users):
    headers, key = bearer(users["resident"]), str(uuid.uuid4())
    first = send("/api/v1/wishes", WISH, headers, key)
    caches["idempotency"].clear()  # a restart of a server without Redis, or an evicted entry

    again = send("/api/v1/wishes", WISH, headers, key)

    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert Wish.objects.count() == 1


def test_a_retry_while_the_first_is_still_running_is_told_to_wait(users, monkeypatch):
    headers, key = bearer(users["resident"]), str(uuid.uuid4())
    monkeypatch.setattr(
        caches["idempotency"], "add", lambda *args, **kwargs: False
    )  # the first holds the key

    response = send("/api/v1/wishes", WISH, headers, key)

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_in_progress"
    assert Wish.objects.count() == 0


def test_the_submission_key_field_keeps_its_answer(users):
    headers = bearer(users["resident"])
    first = send("/api/v1/wishes", {**WISH, "submission_key": "form-1"}, headers)
    again = send("/api/v1/wishes", {**WISH, "submission_key": "form-1"}, headers)
    assert first.status_code == 201
    assert again.status_code == 400
    assert again.json()["code"] == "already_submitted"
    assert Wish.objects.count() == 1


@pytest.mark.parametrize("key", ["", "a" * 256, "含中文", "with space"])
def test_a_malformed_key_is_a_422(users, key):
    response = send("/api/v1/wishes", WISH, bearer(users["resident"]), key)
    assert response.status_code == 422
    assert Wish.objects.count() == 0


def test_offers_and_bookings_are_created_once_per_key(users, areas):
    starts_at, ends_at = saturday_morning()
    offer = {"community_id": areas["village"].pk, "title": "义务理发", "description": "为老人免费理发。",
             "place": "村委会", "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(), "places": 3}  # fmt: skip
    offerer, resident = bearer(users["party_member"]), bearer(users["resident"])

    published = [send("/api/v1/offers", offer, offerer, "offer-1") for _ in range(3)]
    assert {p.status_code for p in published} == {201}
    assert ServiceOffer.objects.count() == 1
    offer_id = published[0].json()["id"]

    booked = [send(f"/api/v1/offers/{offer_id}/book", None, resident, "book-1") for _ in range(3)]
    assert {b.status_code for b in booked} == {201}
    assert Booking.objects.count() == 1
    assert len({b.json()["id"] for b in booked}) == 1
    # without a key a second booking is what it always was: refused, the place is not taken twice
    assert send(f"/api/v1/offers/{offer_id}/book", None, resident).status_code == 409


# --- The schema says so -----------------------------------------------------------------


def schema_operations():
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_every_creating_operation_takes_the_idempotency_key():
    creating = [key for key, op in schema_operations() if 201 in op["responses"] or "201" in op["responses"]]
    assert len(creating) >= 6  # wishes, wish messages, situations, offers, bookings, assisted bookings
    for key, op in schema_operations():
        if key in creating:
            header = [p for p in op["parameters"] if p["in"] == "header" and p["name"] == "Idempotency-Key"]
            assert header, key
            assert "24 小时" in header[0]["description"], key


def test_every_operation_declares_the_4xx_answers_the_permission_matrix_observes():
    # The matrix (tests/test_permission_matrix.py) asserts each operation answers what tests/policy.py says.
    for key, op in schema_operations():
        method = key.split(" ", 1)[0]
        observed = {
            outcome.rstrip("*")
            for (cell_method, _actor, _relation), outcome in policy.API[key].cells.items()
            if cell_method == method and outcome.startswith("4")
        }
        declared = {str(code) for code in op["responses"]}
        assert observed <= declared, (key, observed - declared)
        assert "401" in declared
        for code in declared - {"200", "201"}:
            content = op["responses"][code if code in op["responses"] else int(code)]["content"]
            assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/ApiError"}
