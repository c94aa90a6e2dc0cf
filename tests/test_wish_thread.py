"""Reaching each other after a claim: a private thread on the wish, the deadline, and contact details
shown to the claimer only where the wisher agreed."""

import json

import pytest

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import CaseMessage
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.notices.models import Notice
from gongzhi.wishes import actions
from gongzhi.wishes.selectors import contact_for, thread_for

pytestmark = pytest.mark.django_db


def published(users, **extra):
    values = {"title": "想要一台收音机", "story": "家里的收音机坏了，想听戏。", "category": "goods"}
    wish = actions.wish_post(actor=users["resident"], **{**values, **extra})
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    return wish


def test_no_thread_before_a_claim(users):
    wish = published(users)
    assert thread_for(viewer=users["resident"], wish=wish) is None
    with pytest.raises(Conflict, match="认领后"):
        actions.wish_message_post(actor=users["resident"], wish=wish, body="有人吗？")
    assert not CaseMessage.objects.exists()


def test_the_wisher_and_the_claimer_talk_and_hear_of_each_message(users):
    wish = published(users)
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    before = Notice.objects.filter(recipient=users["resident"]).count()
    actions.wish_message_post(actor=users["party_member"], wish=wish, body="周六上午给您送过去，方便吗？")
    actions.wish_message_post(actor=users["resident"], wish=wish, body="方便，我在家。")
    # Each hears of the other's message — that there is one, not what it says (notices also go by e-mail).
    to_wisher = Notice.objects.filter(recipient=users["resident"]).order_by("-id").first()
    assert Notice.objects.filter(recipient=users["resident"]).count() == before + 1
    assert "有新留言" in to_wisher.title
    assert "周六" not in to_wisher.title + to_wisher.body
    assert Notice.objects.filter(recipient=users["party_member"], title__contains="有新留言").count() == 1
    assert [m.body for m in thread_for(viewer=users["community_staff"], wish=wish)] == [
        "周六上午给您送过去，方便吗？", "方便，我在家。",
    ]  # fmt: skip
    assert AuditEvent.objects.filter(verb="case.message_posted").count() == 2
    assert "周六" not in json.dumps(
        list(AuditEvent.objects.values_list("summary", flat=True)), ensure_ascii=False
    )


def test_nobody_else_sees_or_writes_the_thread(users, client):
    wish = published(users)
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    actions.wish_message_post(actor=users["party_member"], wish=wish, body="周六上午给您送过去")
    for who in ("volunteer", "grid_worker", "other_staff", "supervisor", "nobody"):
        assert thread_for(viewer=users[who], wish=wish) is None, who
        with pytest.raises(NotPermitted):
            actions.wish_message_post(actor=users[who], wish=wish, body="我也想说一句")
    assert CaseMessage.objects.count() == 1
    assert "周六上午" not in client.get(f"/wishes/{wish.pk}/").content.decode()  # the public page
    client.force_login(users["volunteer"])
    assert "周六上午" not in client.get(f"/wishes/{wish.pk}/").content.decode()
    client.force_login(users["party_member"])
    page = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert 'data-testid="thread"' in page
    assert "周六上午" in page


def test_a_new_claimer_does_not_read_what_was_said_to_the_last_one(users):
    wish = published(users)
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    actions.wish_message_post(actor=users["resident"], wish=wish, body="钥匙在门口花盆下")
    wish = actions.wish_release(actor=users["party_member"], wish=wish)
    assert thread_for(viewer=users["party_member"], wish=wish) is None
    wish = actions.wish_claim(actor=users["volunteer"], wish=wish)
    assert thread_for(viewer=users["volunteer"], wish=wish) == []
    assert len(thread_for(viewer=users["resident"], wish=wish)) == 1


def test_the_claimer_sees_the_deadline_and_only_the_contact_the_wisher_agreed_to(users, client):
    wish = published(users, contact_phone="13912345678", meeting_place="村委会门口", contact_shared=False)
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    shown = contact_for(viewer=users["party_member"], wish=wish)
    assert shown["phone"] == ""
    assert shown["place"] == ""
    assert shown["due_at"] == wish.claim_due_at
    assert contact_for(viewer=users["volunteer"], wish=wish) is None
    client.force_login(users["party_member"])
    page = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert 'data-testid="claim-due"' in page
    assert 'data-testid="no-contact"' in page
    assert "13912345678" not in page
    # The wisher agrees later: the claimer is told and sees both.
    wish = actions.wish_contact_set(
        actor=users["resident"], wish=wish, shared=True, phone="139 1234 5678", place="村委会门口"
    )
    assert Notice.objects.filter(recipient=users["party_member"], title__contains="联系方式").exists()
    page = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert 'href="tel:13912345678"' in page
    assert "村委会门口" in page
    event = AuditEvent.objects.filter(verb="wish.contact_changed").latest("id")
    assert event.summary == {"shared": True, "phone": True, "place": True}  # not the number itself
    # Nobody else sees it: not the public page, not another helper.
    client.logout()
    assert "13912345678" not in client.get(f"/wishes/{wish.pk}/").content.decode()
    # And the wisher may take it back.
    wish = actions.wish_contact_set(actor=users["resident"], wish=wish, shared=False, phone="13912345678")
    assert contact_for(viewer=users["party_member"], wish=wish)["phone"] == ""


def test_contact_is_decided_by_the_wisher_and_checked(users):
    wish = published(users)
    for who in ("party_member", "community_staff"):
        with pytest.raises(NotPermitted):
            actions.wish_contact_set(actor=users[who], wish=wish, shared=True, phone="13912345678")
    with pytest.raises(DomainError) as bad:
        actions.wish_contact_set(actor=users["resident"], wish=wish, shared=True, phone="12345")
    assert bad.value.field == "contact_phone"
    assert "手机号" in bad.value.message
    with pytest.raises(DomainError, match="请填写联系电话或见面地点"):
        actions.wish_contact_set(actor=users["resident"], wish=wish, shared=True)
    wish.refresh_from_db()
    assert not wish.contact_shared
    assert wish.contact_phone == ""


def test_an_assisted_wish_routes_through_whoever_typed_it(users, make_resident):
    elder = make_resident("grid_a1", name="赵大爷")
    wish = actions.wish_post_assisted(actor=users["grid_worker"], resident=elder, title="想要一台收音机",
                                      story="家里的收音机坏了，想听戏。", category="goods",
                                      consent_channel="in_person")  # fmt: skip
    wish = actions.wish_publish(actor=users["community_staff"], wish=wish)
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    assert contact_for(viewer=users["party_member"], wish=wish)["via"] == users["grid_worker"]
    actions.wish_message_post(actor=users["party_member"], wish=wish, body="周六上午送过去")
    assert Notice.objects.filter(recipient=users["grid_worker"], title__contains="有新留言").exists()
    actions.wish_message_post(actor=users["grid_worker"], wish=wish, body="赵大爷说上午在家")
    assert Notice.objects.filter(recipient=users["party_member"], title__contains="有新留言").exists()


def test_the_thread_over_the_api(users, client):
    wish = published(users)
    actions.wish_claim(actor=users["party_member"], wish=wish)

    def auth(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, user=user, name='t')[1]}"}

    sent = client.post(f"/api/v1/wishes/{wish.pk}/messages", json.dumps({"body": "周六上午送过去"}),
                       content_type="application/json", **auth(users["party_member"]))  # fmt: skip
    assert sent.status_code == 201
    assert sent.json()["mine"]
    read = client.get(f"/api/v1/wishes/{wish.pk}/messages", **auth(users["resident"]))
    assert [m["body"] for m in read.json()] == ["周六上午送过去"]
    assert not read.json()[0]["mine"]
    assert client.get(f"/api/v1/wishes/{wish.pk}/messages", **auth(users["volunteer"])).status_code == 404
    empty = client.post(f"/api/v1/wishes/{wish.pk}/messages", json.dumps({"body": "  "}),
                        content_type="application/json", **auth(users["resident"]))  # fmt: skip
    assert empty.status_code == 400
    assert "留言" in empty.json()["message"]
    shared = client.post(f"/api/v1/wishes/{wish.pk}/contact", json.dumps({"shared": True, "place": "村委会门口"}),
                         content_type="application/json", **auth(users["resident"]))  # fmt: skip
    assert shared.status_code == 200
    assert shared.json()["contact"] is None
    detail = client.get(f"/api/v1/wishes/{wish.pk}", **auth(users["party_member"])).json()
    assert detail["contact"]["place"] == "村委会门口"
    assert detail["contact"]["due_at"]
