"""Public pages: cookie-less visitors share a short page cache; anyone with a cookie gets a fresh page."""

import pytest
from django.core.cache import cache
from django.test import Client

from gongzhi.wishes import actions

pytestmark = pytest.mark.django_db


def wish(users, title):
    made = actions.wish_post(
        actor=users["resident"], title=title, story="这是一个测试心愿。", category="goods"
    )
    actions.wish_publish(actor=users["community_staff"], wish=made)
    return made


def test_cookieless_visitors_share_the_cached_wall_and_nothing_personal_is_cached(
    users, areas, django_assert_num_queries
):
    wish(users, "想要一把雨伞")
    path = f"/wishes/c/{areas['village'].pk}/"
    visitor = Client()
    first = visitor.get(path)
    assert first.status_code == 200
    assert "想要一把雨伞" in first.content.decode()
    assert not first.cookies, "a public page must not set cookies (no CSRF token, no session)"
    assert "private" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = Client().get(path)
    assert second.content == first.content
    wish(users, "想要一个暖水瓶")
    assert "想要一个暖水瓶" not in Client().get(path).content.decode()  # shared copy, up to 30 s old
    with_cookie = Client()
    with_cookie.cookies["django_language"] = "zh-hans"
    assert "想要一个暖水瓶" in with_cookie.get(path).content.decode()  # anyone with a cookie: fresh
    cache.clear()
    assert "想要一个暖水瓶" in Client().get(path).content.decode()


def test_languages_are_cached_apart(users, areas):
    wish(users, "想要一把雨伞")
    path = f"/wishes/c/{areas['village'].pk}/"
    chinese = Client().get(path).content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(path).content.decode()
    assert '<html lang="zh-CN">' in chinese
    assert '<html lang="en">' in english


def test_signed_in_visitors_never_get_the_shared_copy(users, areas, client):
    wish(users, "想要一把雨伞")
    path = f"/wishes/c/{areas['village'].pk}/"
    Client().get(path)
    client.force_login(users["resident"])
    assert 'data-testid="post-wish"' in client.get(path).content.decode()


def test_the_language_link_sets_the_cookie_and_refuses_foreign_targets(client):
    response = client.get("/language/?language=en&next=/wishes/")
    assert response.status_code == 302
    assert response["Location"] == "/wishes/"
    assert response.cookies["django_language"].value == "en"
    away = client.get("/language/?language=en&next=https://evil.example/")
    assert away["Location"] == "/"
    unknown = client.get("/language/?language=xx&next=/wishes/")
    assert "django_language" not in unknown.cookies
    assert client.post("/language/", {"language": "en"}).status_code == 405
