"""The merit board's pages and API: the nominee consents on their page, a member reviews, staff post and place;
the public board shows the name as consented and the story — never the register's name, an ID or a count."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.merit import actions
from gongzhi.merit.models import Nomination, NominationState
from tests.merit.conftest import STORY

pytestmark = pytest.mark.django_db


def _post_nomination(client, merit, areas, **extra):
    data = {"community": areas["village"].pk, "category": merit["category"].pk, "kind": "person",
            "nominee_name": "孝媳王秀英", "title": "照顾瘫痪婆婆二十年", "story": STORY, "witness": "邻居"}  # fmt: skip
    data.update(extra)
    return client.post("/merit/new/", data)


def test_the_pages_carry_a_nomination_to_the_board(client, merit, areas, users):
    client.force_login(users["resident"])
    response = _post_nomination(client, merit, areas)
    n = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/merit/n/{n.pk}/"
    client.force_login(merit["nominee_user"])
    page = client.get(f"/merit/n/{n.pk}/").content.decode()
    assert 'data-testid="consent-form"' in page
    client.post(f"/merit/n/{n.pk}/consent/", {"display": "surname"})
    n.refresh_from_db()
    assert n.state == NominationState.IN_REVIEW
    for judge in merit["members"][:2]:
        client.force_login(judge)
        assert 'data-testid="review-form"' in client.get(f"/merit/n/{n.pk}/").content.decode()
        client.post(f"/merit/n/{n.pk}/review/", {"agrees": "yes", "reason": "事迹属实"})
    client.force_login(users["community_staff"])
    client.post(f"/merit/n/{n.pk}/publicise/")
    n.refresh_from_db()
    assert n.state == NominationState.PUBLICISED
    client.logout()
    board = client.get(f"/merit/board/c/{areas['village'].pk}/").content.decode()
    assert "公示中" in board
    assert "孝某某" in board
    Nomination.objects.filter(pk=n.pk).update(publicity_ends_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(users["community_staff"])
    client.post(f"/merit/n/{n.pk}/place/")
    n.refresh_from_db()
    assert n.state == NominationState.ON_BOARD
    client.logout()
    board = client.get(f"/merit/board/c/{areas['village'].pk}/").content.decode()
    assert "孝某某" in board
    assert "照顾瘫痪婆婆二十年" in board
    assert "孝媳王秀英" not in board
    assert merit["nominee"].id_last4 not in board
    township = client.get(f"/merit/board/t/{areas['township'].pk}/").content.decode()
    assert "孝某某" in township
    poster = client.get(f"/merit/board/c/{areas['village'].pk}/poster.pdf")
    assert poster.status_code == 200
    assert poster.content[:5] == b"%PDF-"


def test_a_refused_nomination_is_shown_on_the_form_and_nothing_is_stored(client, merit, areas, users):
    client.force_login(users["resident"])
    response = _post_nomination(client, merit, areas, story="太短了")
    assert response.status_code == 200
    assert "事迹至少20个字" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_non_member_is_refused_the_review_and_told_nothing_changed(client, merit, areas, users):
    n = actions.nomination_create(actor=users["resident"], community=areas["village"], category=merit["category"],
                                  kind="person", title="照顾婆婆", story=STORY, witness="邻居",
                                  nominee_name="孝媳王秀英")  # fmt: skip
    n = actions.nomination_consent(actor=merit["nominee_user"], nomination=n, display="full")
    client.force_login(users["community_staff"])
    assert 'data-testid="review-form"' not in client.get(f"/merit/n/{n.pk}/").content.decode()
    assert client.post(f"/merit/n/{n.pk}/review/", {"agrees": "yes", "reason": "属实"}).status_code == 403
    assert not n.opinions.exists()


def test_an_objection_after_the_publicity_is_a_message_not_a_write(client, merit, areas, users):
    n = actions.nomination_create(actor=users["resident"], community=areas["village"], category=merit["category"],
                                  kind="person", title="照顾婆婆", story=STORY, witness="邻居",
                                  nominee_name="孝媳王秀英")  # fmt: skip
    n = actions.nomination_consent(actor=merit["nominee_user"], nomination=n, display="full")
    for judge in merit["members"][:2]:
        actions.review_opinion_record(actor=judge, nomination=n, agrees=True, reason="属实")
    n.refresh_from_db()
    n = actions.nomination_publicise(actor=users["community_staff"], nomination=n)
    Nomination.objects.filter(pk=n.pk).update(publicity_ends_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(users["volunteer"])
    response = client.post(f"/merit/board/e/{n.pk}/object/", {"text": "我有不同意见要说"}, follow=True)
    assert "公示期已于" in response.content.decode()
    assert not n.objections.exists()


def test_the_api_nominates_consents_and_reads_the_board(client, merit, areas, users):
    token = api_token_create(actor=users["resident"], user=users["resident"], name="t")[1]
    nominee_token = api_token_create(actor=merit["nominee_user"], user=merit["nominee_user"], name="t")[1]
    created = client.post(
        "/api/v1/merit/nominations",
        json.dumps({"community_id": areas["village"].pk, "category_id": merit["category"].pk, "kind": "person",
                    "title": "照顾瘫痪婆婆", "story": STORY, "witness": "邻居", "nominee_name": "孝媳王秀英"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    nid = created.json()["id"]
    refused = client.post(f"/api/v1/merit/nominations/{nid}/publicise", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 403  # the nominator sees their nomination, but does not keep the board
    assert refused.json()["code"] == "forbidden"
    consent = client.post(f"/api/v1/merit/nominations/{nid}/consent", json.dumps({"display": "full"}),
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {nominee_token}")  # fmt: skip
    assert consent.status_code == 200
    assert consent.json()["state"] == "in_review"
    board = client.get(f"/api/v1/merit/boards/{areas['village'].pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert board.status_code == 200
    assert board.json() == []
