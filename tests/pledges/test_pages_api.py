"""The pledges' pages and API: the same actions; refusals shown as clear messages, nothing changed."""

import json

import pytest
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.pledges import actions
from gongzhi.pledges.models import Pledge

pytestmark = pytest.mark.django_db

TEXT = "每月走访网格内的困难户一次。"
YEAR = timezone.localdate().year


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="pledges")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, path: str, body: dict, user):
    return client.post(path, json.dumps(body), content_type="application/json", **_headers(user))


def test_a_member_writes_over_the_api_and_a_second_is_a_conflict(client, users, members, post):
    made = _post(
        client, "/api/v1/pledges", {"year": YEAR, "post_id": post.pk, "text": TEXT}, users["party_member"]
    )
    assert made.status_code == 201, made.content
    assert made.json()["state"] == "submitted"
    assert made.json()["versions"][0]["text"] == TEXT
    again = _post(
        client, "/api/v1/pledges", {"year": YEAR, "post_id": post.pk, "text": TEXT}, users["party_member"]
    )
    assert again.status_code == 409
    assert "已有" in again.json()["message"]
    refused = _post(
        client, "/api/v1/pledges", {"year": YEAR, "post_id": post.pk, "text": TEXT}, users["resident"]
    )
    assert refused.status_code == 403
    assert "不是党员" in refused.json()["message"]
    empty = _post(client, "/api/v1/pledges", {"resident_id": members["assisted"].pk, "year": YEAR,
                                             "post_id": post.pk, "text": " ", "consent_channel": "phone"},
                  users["community_staff"])  # fmt: skip
    assert empty.status_code == 400
    assert "请填写承诺事项" in empty.json()["message"]
    assert Pledge.objects.count() == 1


def test_the_board_over_the_api_shows_what_the_page_shows(client, users, members, post, areas):
    pledge = actions.pledge_write(actor=users["party_member"], resident=members["own"], year=YEAR, post=post,
                                  text=TEXT)  # fmt: skip
    path = f"/api/v1/pledges/board/{areas['village'].pk}"
    _post(client, f"/api/v1/pledges/members/{members['own'].pk}/privacy",
          {"public": True, "name_display": "full", "deeds_shown": True}, users["party_member"])  # fmt: skip
    assert client.get(path, **_headers(users["resident"])).json() == []
    approved = _post(client, f"/api/v1/pledges/{pledge.pk}/approve", {}, users["community_staff"])
    assert approved.status_code == 200
    assert approved.json()["public_version"] == 1
    cards = client.get(path, **_headers(users["resident"])).json()
    assert [(c["name"], c["text"]) for c in cards] == [("党员甲", TEXT)]
    assert cards[0]["deeds"] == []


def test_the_pages_write_and_show_a_refusal_on_the_form(client, users, members, post):
    client.force_login(users["party_member"])
    form = {"year": str(YEAR), "post": str(post.pk), "text": "有事打13812345678"}
    page = client.post("/pledges/new/", form)
    assert page.status_code == 200
    assert "手机号" in page.content.decode()
    assert Pledge.objects.count() == 0
    done = client.post("/pledges/new/", {**form, "text": TEXT})
    assert done.status_code == 302
    pledge = Pledge.objects.get()
    assert "每月走访" in client.get(f"/pledges/p/{pledge.pk}/").content.decode()
    client.force_login(users["community_staff"])
    assert client.post(f"/pledges/p/{pledge.pk}/approve/").status_code == 302
    assert Pledge.objects.get().state == "approved"
    listing = client.get(f"/pledges/c/{members['own'].community_id}/").content.decode()
    assert "党员甲" in listing
    assert "党员乙" in listing
    assert "群众丙" not in listing
