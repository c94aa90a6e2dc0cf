"""Private photos are `no-store` like the pages they appear on; only public ones may be cached."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongzhi.situations.models import SituationNote
from gongzhi.wishes.models import Wish

pytestmark = pytest.mark.django_db
BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"


def jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buffer, "JPEG")
    return SimpleUploadedFile("a.jpg", buffer.getvalue(), "image/jpeg")


def photo_url(obj, prefix: str) -> str:
    return f"/{prefix}/{obj.pk}/photos/{obj.case.attachments.get().pk}/"


def cache_control(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response["Cache-Control"]


def test_a_wish_photo_is_no_store_until_an_anonymous_visitor_sees_it_on_the_wall(users, client):
    client.force_login(users["resident"], backend=BACKEND)
    client.post(
        "/wishes/new/",
        {
            "title": "想要收音机",
            "story": "眼睛不好，想听听戏曲节目。",
            "category": "elderly",
            "photo": jpeg(),
        },
    )
    wish = Wish.objects.get()
    url = photo_url(wish, "wishes")
    assert cache_control(client, url) == "no-store"  # the author, before publishing

    client.force_login(users["community_staff"], backend=BACKEND)
    assert cache_control(client, url) == "no-store"  # staff
    client.post(f"/wishes/{wish.pk}/publish/", {"privacy": "public"})
    assert cache_control(client, url) == "no-store"  # still signed in

    client.logout()
    assert cache_control(client, url) == "private, max-age=3600"  # public: anyone may see it


def test_a_situation_photo_is_always_no_store(users, client):
    client.force_login(users["resident"], backend=BACKEND)
    client.post(
        "/situations/new/", {"category": "roads", "place": "村口", "body": "路灯坏了。", "photo": jpeg()}
    )
    note = SituationNote.objects.get()
    assert cache_control(client, photo_url(note, "situations")) == "no-store"
    client.force_login(users["community_staff"], backend=BACKEND)
    assert cache_control(client, photo_url(note, "situations")) == "no-store"
