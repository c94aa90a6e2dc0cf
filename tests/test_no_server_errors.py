"""No input reaches a server error: every URL pattern and API operation walked with hostile values.

What probing found (issue 8): an id beyond 64 bits on pages and in the API,
an unbounded `offset`, a lone UTF-16 surrogate in JSON text and an 11 MB
body each gave a 500. This walks every URL pattern (Django's resolver) and
every API operation (the OpenAPI schema), as the permission matrix
enumerates them, as an anonymous visitor and as signed-in users, with such
values in the path, the query and the body, and asserts that the answer is
never a 5xx, and that every API error is the API's own JSON in Chinese.
"""

import json
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongzhi.accounts.actions import api_token_create
from gongzhi.config.api import api
from tests.test_permission_matrix import url_routes

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999999"  # beyond 64 bits
JUST_PAST = str(2**63)  # one past the largest id
SURROGATE = "\ud800"
CJK = re.compile(r"[\u4e00-\u9fff]")
ACTORS = ("anonymous", "resident", "grid_worker", "community_staff", "township_admin")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
# Query parameters the pages and the API read as ids, page numbers or offsets.
HOSTILE_QUERY = {
    name: BIG
    for name in ("page", "community", "area", "grid", "resident", "household", "tag", "offset", "limit",
                 "community_id", "area_id", "year")
} | {"q": "\ufffd" * 3, "state": "x", "category": "x"}  # fmt: skip
HOSTILE_FORM = {name: BIG for name in ("area", "resident", "community", "household", "rating", "hours",
                                       "claim_days", "places", "year", "grid")}  # fmt: skip


def filled(route: str, value: str) -> str:
    def one(match: re.Match) -> str:
        converter = match.group(1) or "str"
        return {"id": value, "int": value, "year": "9999", "uuid": str(uuid.uuid4())}.get(converter, "x")

    return "/" + CONVERTER.sub(one, route)


def clients(users) -> dict[str, Client]:
    found = {}
    for actor in ACTORS:
        client = Client(raise_request_exception=False)
        if actor != "anonymous":
            client.force_login(users[actor], backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
        found[actor] = client
    return found


def page_routes():
    return [r for r in url_routes() if r.callback_module != "ninja.operation"]


def test_every_page_takes_ids_as_id_converters():
    # <int:…> accepts any number of digits; <id:…> only what fits a 64-bit key.
    assert [r.route for r in page_routes() if "<int:" in r.route] == []


def test_no_page_answers_a_server_error_to_hostile_ids_queries_and_forms(users):
    failures = []
    for actor, client in clients(users).items():
        for route in page_routes():
            for value in (
                BIG,
                JUST_PAST,
                "1",
            ):  # 1: an area and a user that exist, with hostile queries and forms
                path = filled(route.route, value)
                for method, response in (
                    ("GET", client.get(path, HOSTILE_QUERY)),
                    ("POST", client.post(path, HOSTILE_FORM)),
                ):
                    if response.status_code >= 500:
                        failures.append(f"{actor} {method} {path}: {response.status_code}")
                if "<" not in route.route:
                    break
    assert failures == []


def test_a_page_with_an_id_beyond_64_bits_is_the_chinese_404(client):
    for path in (f"/wishes/{BIG}/", f"/situations/{BIG}/", f"/wishes/{JUST_PAST}/", f"/offers/{BIG}/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "未找到页面" in response.content.decode(), path


# --- API ----------------------------------------------------------------------------------


def operations():
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield method.upper(), path, op, components


def resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def hostile_body(op: dict, components: dict) -> dict:
    """Every field of the operation's body: texts with a lone surrogate, numbers beyond 64 bits."""
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return {}
    body = {}
    for name, prop in resolve(content["schema"], components).get("properties", {}).items():
        types = {prop.get("type")} | {resolve(p, components).get("type") for p in prop.get("anyOf", [])}
        if types & {"integer", "number"}:
            body[name] = int(BIG)
        elif "array" in types:
            body[name] = [SURROGATE]
        else:
            body[name] = f"正常文字{SURROGATE}正常文字"
    return body


def hostile_form(op: dict, components: dict) -> dict | None:
    """For a multipart operation (uploads), every form field: numbers beyond 64 bits, texts with a NUL; a
    file that is no PDF nor photo. None for an operation without a multipart body."""
    content = op.get("requestBody", {}).get("content", {}).get("multipart/form-data")
    if not content:
        return None
    form: dict = {}
    for name, prop in resolve(content["schema"], components).get("properties", {}).items():
        items = resolve(prop.get("items", {}), components)
        if prop.get("type") == "array" and items.get("format") == "binary":
            form[name] = [SimpleUploadedFile("材料.pdf", b"%PDF-\x00 not really", "application/pdf")]
        elif prop.get("type") == "array":
            form[name] = [BIG, "-1"]
        elif prop.get("type") in ("integer", "number"):
            form[name] = BIG
        else:
            form[name] = "正常文字\x00正常文字"
    return form


def api_path(path: str, op: dict, value: str) -> str:
    url = "/api/v1" + re.sub(r"\{\w+\}", value, path.removeprefix("/api/v1"))
    query = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
    return url + ("?" + "&".join(f"{name}={value}" for name in query) if query else "")


def assert_api_error(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code} {response.content[:200]!r}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body) >= {"code", "message"}, f"{where}: {body}"
        assert CJK.search(body["message"]), f"{where}: {body}"


def api_clients(users) -> dict[str, dict]:
    headers = {"anonymous": {}}
    for actor in ACTORS[1:]:
        _token, key = api_token_create(actor=users[actor], user=users[actor], name="probe")
        headers[actor] = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    return headers


def test_no_api_operation_answers_a_server_error_to_hostile_ids_offsets_and_bodies(users):
    client = Client(raise_request_exception=False)
    observed: dict[tuple[str, str], set[str]] = {}
    for actor, headers in api_clients(users).items():
        for method, path, op, components in operations():
            for value in (BIG, JUST_PAST, "0", "-1"):
                url = api_path(path, op, value)
                where = f"{actor} {method} {url}"
                if method == "GET":
                    response = client.get(url, **headers)
                elif (form := hostile_form(op, components)) is not None:
                    response = client.post(url, form, **headers)
                else:
                    body = json.dumps(hostile_body(op, components))
                    response = client.post(url, body, content_type="application/json", **headers)
                assert_api_error(response, where)
                observed.setdefault((method, path), set()).add(str(response.status_code))
    # ... and every answer seen is one the OpenAPI schema declares for the operation
    for method, path, op, _components in operations():
        declared = {str(code) for code in op["responses"]}
        assert observed[(method, path)] <= declared, (method, path, observed[(method, path)] - declared)


def test_every_creating_and_moving_api_operation_refuses_a_lone_surrogate_with_its_own_400(users):
    headers = api_clients(users)["township_admin"]
    client = Client(raise_request_exception=False)
    # (an operation without a body, such as a claim, reads none; one taking uploads reads a multipart form,
    # whose texts Django decodes itself: no lone surrogate can arrive there)
    posts = [
        (path, op, components)
        for method, path, op, components in operations()
        if "application/json" in op.get("requestBody", {}).get("content", {})
    ]
    assert len(posts) > 10
    for path, op, components in posts:
        url = "/api/v1" + re.sub(r"\{\w+\}", "1", path.removeprefix("/api/v1"))
        fields = hostile_body(op, components)
        if not any(isinstance(value, (str, list)) for value in fields.values()):
            fields["note"] = f"正常文字{SURROGATE}正常文字"  # numbers only: the parser refuses it first
        body = json.dumps(fields)
        assert "\\ud800" in body
        response = client.post(url, body, content_type="application/json", **headers)
        assert response.status_code == 400, (url, response.content)
        assert response.json()["code"] == "bad_request"
        assert "无效字符" in response.json()["message"]


@pytest.mark.parametrize(
    "body",
    [b'{"title": ', b"\xff\xfe not utf-8", b'{"title": NaN}', b"[" * 100_000, b'{"title": "\\udfff"}'],
)
def test_an_unparseable_body_gets_the_apis_own_chinese_400(users, body):
    headers = api_clients(users)["resident"]
    response = Client(raise_request_exception=False).post(
        "/api/v1/wishes", body, content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert CJK.search(response.json()["message"])


@pytest.mark.parametrize("param", ["offset", "limit"])
@pytest.mark.parametrize("path", ["/api/v1/wishes", "/api/v1/situations/queue", "/api/v1/residents",
                                  "/api/v1/households", "/api/v1/escalations"])  # fmt: skip
def test_offset_and_limit_are_bounded_on_every_paginated_operation(users, path, param):
    headers = api_clients(users)["township_admin"]
    response = Client(raise_request_exception=False).get(f"{path}?{param}={BIG}", **headers)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == param


def test_every_paginated_operation_declares_its_bounds():
    from gongzhi.core.api_input import MAX_LIMIT, MAX_OFFSET

    paginated = 0
    for _method, _path, op, _components in operations():
        params = {p["name"]: p["schema"] for p in op.get("parameters", []) if p["in"] == "query"}
        if "offset" in params:
            paginated += 1
            assert params["offset"].get("maximum") == MAX_OFFSET
            assert params["offset"].get("minimum") == 0
            assert params["limit"].get("maximum") == MAX_LIMIT
            assert params["limit"].get("minimum") == 1
    # four before issue 9; the escalations list; the hall applications queue and mine, its matters and follow-ups;
    # a community's public board; the bodies' list; the meetings list; the 四议两公开 decisions; a community's proposals;
    # the social organisations' list; the mediation cases in the viewer's scope; the legal slots, consultations and
    # 民主法治示范村 applications; a community's points entries; a community's points funding ledger
    assert paginated == 21


def test_every_id_parameter_of_the_api_is_bounded_to_64_bits():
    for _method, path, op, _components in operations():
        for param in op.get("parameters", []):
            if param["name"].endswith("_id"):
                schema = param["schema"]
                bounded = [schema, *schema.get("anyOf", [])]
                assert any(s.get("maximum") == 2**63 - 1 for s in bounded), (path, param)


# --- Bodies too large --------------------------------------------------------------------


ELEVEN_MB = b"x" * (11 * 1024 * 1024)


def test_an_11_mb_body_is_a_413_json_answer_on_every_api_operation(users):
    headers = api_clients(users)["resident"]
    client = Client(raise_request_exception=False)
    for method, path, _op, _components in operations():
        if method != "POST":
            continue
        url = "/api/v1" + re.sub(r"\{\w+\}", "1", path.removeprefix("/api/v1"))
        response = client.post(url, ELEVEN_MB, content_type="application/json", **headers)
        assert response.status_code == 413, url
        assert response.json()["code"] == "too_large"
        assert CJK.search(response.json()["message"])


@pytest.mark.parametrize("path", ["/accounts/login/", "/wishes/new/", "/situations/new/", "/"])
def test_an_11_mb_form_is_the_chinese_413_page(users, path):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(users["resident"], backend="gongzhi.accounts.backends.UsernameOrPhoneBackend")
    response = client.post(path, ELEVEN_MB, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


def test_a_large_multipart_upload_is_still_read(users, settings):
    # Photos and Excel imports are multipart: their limit is the upload's, not the form fields'.
    assert settings.GONGZHI_MAX_UPLOAD_REQUEST_BYTES > 50 * 1024 * 1024 > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_validation_details_speak_chinese(users):
    headers = api_clients(users)["township_admin"]
    client = Client(raise_request_exception=False)
    body = client.get(f"/api/v1/residents?offset={BIG}&limit=0", **headers).json()
    assert {d["field"]: d["message"] for d in body["details"]} == {
        "offset": "不能大于 10000。",
        "limit": "不能小于 1。",
    }
    missing = client.post("/api/v1/wishes", "{}", content_type="application/json", **headers).json()
    assert {"field": "payload.title", "message": "必填。"} in missing["details"]
