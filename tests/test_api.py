"""/api/v1/: token auth, scoping, masking, validation errors, pagination, schema.

SECURITY-TARGETS §7 rows 1–3 for the API (the full role matrix is in
tests/test_permission_matrix.py).
"""

import datetime as dt
import json
import re

import pytest
from django.test import Client
from stdnum.cn import ric

from gongzhi.accounts.actions import api_token_create
from gongzhi.accounts.models import ApiToken
from gongzhi.residents.actions import household_create
from gongzhi.residents.models import Household, Resident

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ID_CANDIDATE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
PHONE_CANDIDATE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
ISO_DATE = re.compile(r"\b(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]\b")


def bearer(user, name: str = "测试") -> dict:
    _token, key = api_token_create(actor=user, user=user, name=name)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def body_text(response) -> str:
    """The decoded body, so that \\uXXXX escapes cannot hide a match."""
    return json.dumps(response.json(), ensure_ascii=False)


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert CHINESE.search(body["message"]), body
    return body


@pytest.fixture
def register(make_resident):
    """Two people in 青山村 (one per grid) and one in 东街社区, with phones."""
    return {
        "a1": make_resident("grid_a1", name="张三", phone="13800138000", birth=dt.date(1960, 5, 17)),
        "a2": make_resident("grid_a2", name="李四", phone="13900139000", birth=dt.date(1975, 11, 2)),
        "b1": make_resident("grid_b1", name="王五", phone="13700137000", birth=dt.date(1988, 1, 30)),
    }


# --- Authentication ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer gz_not-a-real-token",
        "Bearer " + "x" * 500,
        "Basic Y29tbXVuaXR5X3N0YWZmOlRlc3QtUGFzc3dvcmQtMjAyNg==",
        "Token gz_abc",
    ],
)
def test_missing_or_invalid_token_is_401_json_in_chinese(users, register, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    for path in ("/api/v1/residents", f"/api/v1/residents/{register['a1'].pk}", "/api/v1/areas"):
        assert_error(Client().get(path, **extra), 401, "unauthenticated")


def test_revoked_token_and_inactive_owner_are_401(users):
    staff = users["community_staff"]
    headers = bearer(staff)
    assert Client().get("/api/v1/residents", **headers).status_code == 200
    ApiToken.objects.filter(user=staff).update(is_active=False)
    assert_error(Client().get("/api/v1/residents", **headers), 401, "unauthenticated")
    ApiToken.objects.filter(user=staff).update(is_active=True)
    type(staff).objects.filter(pk=staff.pk).update(is_active=False)
    assert_error(Client().get("/api/v1/residents", **headers), 401, "unauthenticated")


def test_a_browser_session_is_not_an_api_credential(users):
    client = Client()
    client.force_login(users["community_staff"], backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    assert_error(client.get("/api/v1/residents"), 401, "unauthenticated")


# --- Scoping -----------------------------------------------------------------------------


def test_community_staff_token_lists_only_its_community(users, areas, register):
    response = Client().get("/api/v1/residents?limit=100", **bearer(users["community_staff"]))
    assert response.status_code == 200
    items = response.json()["items"]
    assert {r["id"] for r in items} == {register["a1"].pk, register["a2"].pk}
    assert {r["community_id"] for r in items} == {areas["village"].pk}
    assert "王五" not in body_text(response)

    other = Client().get("/api/v1/residents?limit=100", **bearer(users["other_staff"]))
    assert {r["id"] for r in other.json()["items"]} == {register["b1"].pk}


def test_grid_worker_token_lists_only_its_grid(users, areas, register):
    response = Client().get("/api/v1/residents", **bearer(users["grid_worker"]))
    assert [r["id"] for r in response.json()["items"]] == [register["a1"].pk]
    assert all(r["grid_id"] == areas["grid_a1"].pk for r in response.json()["items"])


def test_other_community_resident_and_household_are_404_json(users, areas, register):
    headers = bearer(users["community_staff"])
    body = assert_error(Client().get(f"/api/v1/residents/{register['b1'].pk}", **headers), 404, "not_found")
    assert "王五" not in json.dumps(body, ensure_ascii=False)
    missing = assert_error(Client().get("/api/v1/residents/999999", **headers), 404, "not_found")
    assert missing == body  # "not yours" and "missing" look the same
    household = household_create(actor=users["other_staff"], area=areas["grid_b1"], number="DJ-001")
    assert_error(Client().get(f"/api/v1/households/{household.pk}", **headers), 404, "not_found")
    assert_error(Client().get(f"/api/v1/areas/{areas['urban'].pk}", **headers), 404, "not_found")


def test_filtering_by_an_area_outside_the_scope_is_404_not_an_empty_list(users, areas, register):
    headers = bearer(users["community_staff"])
    response = Client().get(f"/api/v1/residents?area_id={areas['urban'].pk}", **headers)
    assert_error(response, 404, "not_found")
    own = Client().get(f"/api/v1/residents?area_id={areas['grid_a2'].pk}", **headers)
    assert [r["id"] for r in own.json()["items"]] == [register["a2"].pk]


def test_roles_without_register_rights_see_nothing(users, register):
    for role in (
        "resident",
        "party_member",
        "volunteer",
        "mediator",
        "supervisor",
        "sys_admin",
        "audit_admin",
    ):
        headers = bearer(users[role])
        listed = Client().get("/api/v1/residents", **headers).json()
        assert listed == {"items": [], "count": 0}, role
        assert_error(Client().get(f"/api/v1/residents/{register['a1'].pk}", **headers), 404, "not_found")


# --- Masking (row 3) ---------------------------------------------------------------------


def valid_ids_in(text: str) -> list[str]:
    return [m for m in ID_CANDIDATE.findall(text) if ric.is_valid(m.upper())]


@pytest.mark.parametrize("role", ["township_admin", "community_staff", "window_clerk", "grid_worker"])
def test_responses_carry_no_full_id_phone_or_birth_date(users, areas, register, role):
    headers = bearer(users[role])
    household = Household.objects.create(
        number="QS-001",
        area=areas["grid_a1"],
        area_path=areas["grid_a1"].path,
        community=areas["village"],
    )
    Resident.objects.filter(pk=register["a1"].pk).update(household=household)
    paths = [
        "/api/v1/residents?status=all",
        f"/api/v1/residents/{register['a1'].pk}",
        "/api/v1/households",
        f"/api/v1/households/{household.pk}",
        "/api/v1/residents?q=zs",
    ]
    seen_resident = False
    for path in paths:
        response = Client().get(path, **headers)
        assert response.status_code == 200, path
        text = body_text(response)
        assert valid_ids_in(text) == [], path
        assert PHONE_CANDIDATE.findall(text) == [], path
        assert ISO_DATE.findall(text) == [], path
        assert "birth_date" not in text
        for person in _people(response.json()):
            seen_resident = True
            assert re.fullmatch(r"\*{14}[0-9X]{4}", person["id_number_masked"]), person
            assert re.fullmatch(r"1[0-9]{2}\*{4}[0-9]{4}", person["phone_masked"]), person
            assert isinstance(person["birth_year"], int)
            assert 1900 < person["birth_year"] < 2100
    assert seen_resident


def _people(body) -> list[dict]:
    if isinstance(body, dict) and "items" in body:
        return [p for p in body["items"] if "id_number_masked" in p]
    if isinstance(body, dict) and "members" in body:
        return body["members"]
    if isinstance(body, dict) and "id_number_masked" in body:
        return [body]
    return []


def test_masked_id_keeps_exactly_the_last_four(users, register):
    body = Client().get(f"/api/v1/residents/{register['a1'].pk}", **bearer(users["community_staff"])).json()
    assert body["id_number_masked"] == "*" * 14 + register["a1"].id_last4
    assert body["birth_year"] == 1960
    assert body["phone_masked"] == "138****8000"


def test_search_by_full_id_finds_without_echoing_it(users, register):
    from gongzhi.core.crypto import decrypt

    number = decrypt(register["a1"].id_ciphertext, context="resident.id_number")
    response = Client().get(f"/api/v1/residents?q={number}", **bearer(users["community_staff"]))
    assert [r["id"] for r in response.json()["items"]] == [register["a1"].pk]
    assert number not in body_text(response)


# --- Validation errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/residents/abc",
        "/api/v1/residents?limit=abc",
        "/api/v1/residents?limit=-1",
        "/api/v1/residents?offset=-5",
        "/api/v1/residents?area_id=x",
        "/api/v1/households?area_id=1.5",
        "/api/v1/areas/notanumber",
    ],
)
def test_validation_errors_are_422_json_with_code_invalid(users, path):
    body = assert_error(Client().get(path, **bearer(users["community_staff"])), 422, "invalid")
    assert body["details"]
    assert all("field" in d and "message" in d for d in body["details"])


def test_wrong_method_is_405(users):
    response = Client().post("/api/v1/residents", {}, **bearer(users["community_staff"]))
    assert response.status_code == 405


# --- Pagination --------------------------------------------------------------------------


def test_limit_offset_pagination(users, make_resident):
    people = [make_resident("grid_a1", name=name) for name in ("甲一", "乙二", "丙三", "丁四", "戊五")]
    headers = bearer(users["community_staff"])
    first = Client().get("/api/v1/residents?limit=2&offset=0", **headers).json()
    assert first["count"] == 5
    assert len(first["items"]) == 2
    second = Client().get("/api/v1/residents?limit=2&offset=2", **headers).json()
    last = Client().get("/api/v1/residents?limit=2&offset=4", **headers).json()
    assert len(second["items"]) == 2
    assert len(last["items"]) == 1
    ids = [r["id"] for page in (first, second, last) for r in page["items"]]
    assert sorted(ids) == sorted(p.pk for p in people)
    assert len(set(ids)) == 5
    beyond = Client().get("/api/v1/residents?limit=2&offset=10", **headers).json()
    assert beyond == {"items": [], "count": 5}


# --- Schema --------------------------------------------------------------------------------


def test_openapi_schema_loads(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "共治 gongzhi API"
    assert {"/api/v1/residents", "/api/v1/residents/{resident_id}", "/api/v1/areas"} <= set(schema["paths"])
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert all(op.get("security") for ops in schema["paths"].values() for op in ops.values())
    resident = schema["components"]["schemas"]["ResidentOut"]["properties"]
    assert "birth_year" in resident
    assert "birth_date" not in resident
    assert "id_number" not in resident
