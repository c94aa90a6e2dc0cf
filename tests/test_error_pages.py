"""Chinese error pages (400, 403, 404, 413, 500) in every settings profile, and the API's own JSON errors.

Visitors never see a traceback: the dev profile (`make demo`, the `gongzhi`
command) runs with DEBUG off unless GONGZHI_DEBUG=1 asks for it.
"""

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
from django.test import Client, RequestFactory

from gongzhi.accounts.actions import api_token_create
from gongzhi.core.views import server_error

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")
BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"


def assert_error_page(response, status: int, title: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert f'data-testid="error-title">{title}' in html, html[:500]
    assert 'data-testid="error-home"' in html
    assert 'href="/"' in html
    assert "如何获得帮助" in html
    assert "镇社会治理办公室" in html
    assert "Traceback" not in html
    assert "Django" not in html
    return html


def test_404_is_chinese_with_the_way_back_and_a_login_link_for_visitors(client):
    html = assert_error_page(client.get("/no-such-page/"), 404, "未找到页面")
    assert '<html lang="zh-CN">' in html
    assert "/accounts/login/" in html


def test_404_for_a_signed_in_user_keeps_the_layout(client, users):
    client.force_login(users["resident"], backend=BACKEND)
    html = assert_error_page(client.get("/wishes/123456789/"), 404, "未找到页面")
    assert 'data-testid="logout"' in html
    assert "登录</a>后" not in html


def test_403_is_chinese(client, users):
    client.force_login(users["resident"], backend=BACKEND)
    assert_error_page(client.get("/residents/"), 403, "无权访问")


def test_a_failed_csrf_check_is_the_chinese_403_saying_what_to_do(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["resident"], backend=BACKEND)
    html = assert_error_page(client.post("/wishes/new/", {"title": "x"}), 403, "无权访问")
    assert 'data-testid="csrf-failed"' in html
    assert "刷新后重新提交" in html


def test_400_is_chinese(client):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert_error_page(response, 400, "请求有误")


def test_500_needs_neither_database_nor_context_processors(django_assert_num_queries):
    request = RequestFactory().get("/boom/")  # no session, no user: nothing a context processor could use
    with django_assert_num_queries(0):
        response = server_error(request)
    assert_error_page(response, 500, "系统出现错误")


def test_a_crashing_page_is_the_chinese_500(users, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("gongzhi.core.views.resident_get_own", crash)
    client = Client(raise_request_exception=False)
    client.force_login(users["resident"], backend=BACKEND)
    html = assert_error_page(client.get("/me/"), 500, "系统出现错误")
    assert "boom" not in html
    assert re.search(r"编号：<code>[0-9a-f]{16}</code>", html)


# --- The API answers its own JSON --------------------------------------------------------


def bearer(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def assert_api_error(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code, body
    assert CJK.search(body["message"]), body


def test_api_400_404_413_and_500_are_json_in_chinese(users, monkeypatch):
    headers = bearer(users["resident"])
    client = Client(raise_request_exception=False)
    assert_api_error(client.post("/api/v1/wishes", "{", content_type="application/json", **headers), 400,
                     "bad_request")  # fmt: skip
    assert_api_error(client.get("/api/v1/no-such-thing", **headers), 404, "not_found")
    assert_api_error(client.get("/api/v1/wishes/123456789", **headers), 404, "not_found")
    big = json.dumps({"title": "x" * (3 * 1024 * 1024)})
    assert_api_error(client.post("/api/v1/wishes", big, content_type="application/json", **headers), 413,
                     "too_large")  # fmt: skip

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("gongzhi.wishes.selectors.mine_for", crash)
    response = client.get("/api/v1/wishes/mine", **headers)
    assert_api_error(response, 500, "server_error")
    assert b"boom" not in response.content
    assert b"Traceback" not in response.content


# --- The dev profile: what `make demo` and the `gongzhi` command run -----------------------------


def test_the_dev_profile_runs_without_debug_and_shows_the_chinese_pages(tmp_path):
    script = textwrap.dedent(
        """
        import django, json, re
        django.setup()
        from django.conf import settings
        from django.test import Client
        client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
        answers = {
            "debug": settings.DEBUG,
            "404": [client.get("/no-such-page/").status_code, client.get("/no-such-page/").content.decode()],
            "413": [client.post("/accounts/login/", b"x" * (3 * 1024 * 1024),
                                content_type="application/x-www-form-urlencoded").status_code],
            "api404": client.get("/api/v1/no-such-thing").json(),
            "static": client.get("/static/gongzhi/gongzhi.css").status_code,
            "400": [Client(raise_request_exception=False, HTTP_HOST="evil.example").get("/").content.decode()],
            "403": [Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1").post("/accounts/login/").content.decode()],
        }
        print(json.dumps(answers))
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("GONGZHI_DEBUG", "DATABASE_URL")}
    env |= {"DJANGO_SETTINGS_MODULE": "gongzhi.config.settings.dev", "GONGZHI_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    assert answers["debug"] is False
    status, html = answers["404"]
    assert status == 404
    assert "未找到页面" in html
    assert "Traceback" not in html
    assert "URLconf" not in html
    assert answers["413"] == [413]
    assert answers["api404"]["code"] == "not_found"
    assert CJK.search(answers["api404"]["message"])
    assert answers["static"] == 200  # the demo still has its stylesheet without DEBUG
    assert "请求有误" in answers["400"][0]
    assert "DisallowedHost" not in answers["400"][0]
    assert "刷新后重新提交" in answers["403"][0]
    assert "CSRF" not in answers["403"][0]


def test_debug_can_still_be_asked_for_in_the_dev_profile(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "gongzhi.config.settings.dev", "GONGZHI_DATA_DIR": str(tmp_path),
            "GONGZHI_DEBUG": "1"}  # fmt: skip
    script = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "True", done.stderr[-2000:]
