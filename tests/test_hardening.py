"""Lockout keys, client addresses behind a proxy, API error bodies and page caps."""

from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client, RequestFactory

from gongzhi.core.middleware import client_ip
from tests.conftest import PASSWORD
from tests.test_api import bearer

LOGIN = "/accounts/login/"


def _login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_username_and_phone_share_one_lockout_counter(users):
    staff = users["community_staff"]
    staff.set_phone("13800138000")
    staff.save()
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [_login(client, "community_staff", "Wrong-Password-1").status_code for _ in range(3)] == [200] * 3
    # Switching to the phone number does not start a fresh count of five.
    assert [_login(client, "13800138000", "Wrong-Password-1").status_code for _ in range(2)] == [200, 429]
    assert _login(client, "13800138000").status_code == 429


def test_lockout_tables_hold_no_typed_phone_or_id_number(users):
    client = Client(REMOTE_ADDR="203.0.113.8")
    _login(client, "13912345678", "Wrong-Password-1")  # a phone no account has
    _login(client, "11010519491231002X", "Wrong-Password-1")  # an ID typed into the wrong box
    stored = " ".join(
        [str(v) for v in AccessAttempt.objects.values_list("username", flat=True)]
        + [str(v) for v in AccessFailureLog.objects.values_list("username", flat=True)]
    )
    assert "13912345678" not in stored
    assert "11010519491231002X" not in stored
    assert "hashed:" in stored


def test_forwarded_address_is_believed_only_from_a_trusted_proxy(settings):
    factory = RequestFactory()
    spoofed = factory.get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_ip(spoofed) == "198.51.100.1"
    settings.GONGZHI_TRUSTED_PROXIES = ["127.0.0.1"]
    proxied = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5")
    assert client_ip(proxied) == "203.0.113.5"


def test_api_errors_outside_ninja_are_json(client, users):
    unknown = client.get("/api/v1/no-such-thing", **bearer(users["community_staff"]))
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "not_found"
    wrong_method = client.delete("/api/v1/residents", **bearer(users["community_staff"]))
    assert wrong_method.status_code == 405
    assert wrong_method.json() == {"code": "method_not_allowed", "message": "该接口不支持此请求方法。"}
    assert "GET" in wrong_method["Allow"]


def test_api_page_size_is_capped(client, users, make_resident):
    for n in range(3):
        make_resident("grid_a1", name="张" + "一二三"[n])
    headers = bearer(users["community_staff"])
    too_many = client.get("/api/v1/residents?limit=100000", **headers)
    assert too_many.status_code == 422
    assert too_many.json()["details"][0]["field"] == "limit"
    assert client.get("/api/v1/residents?limit=100", **headers).json()["count"] == 3
