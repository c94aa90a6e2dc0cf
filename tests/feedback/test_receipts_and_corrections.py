"""What a user of the channel meets beyond filing: a visitor's receipt code and the lookup by it (nothing leaks,
wrong pairs get one message, attempts are limited), the township's own categories on the pages and the API, the
inbox's overdue filter, and an answer corrected with a reason (audited, the filer told)."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.feedback import actions, selectors
from gongzhi.feedback.actions import RECEIPT_ALPHABET, RECEIPT_LENGTH
from gongzhi.feedback.models import Category, Feedback
from gongzhi.feedback.views import LOOKUPS_PER_CODE
from gongzhi.notices.models import Notice

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


def _category(name="功能建议") -> Category:
    return Category.objects.get(name=name, township__isnull=True)


def _visitor_body(areas, **extra) -> dict:
    return {
        "kind": "suggestion", "category": _category().pk, "text": "希望能调大字号，老人看不清。",
        "township": areas["township"].pk, "contact_name": "王建国", "contact_phone": PHONE,
    } | extra  # fmt: skip


def _visitor_files(client, areas) -> tuple[Feedback, str]:
    filed = client.post(reverse("feedback:new"), _visitor_body(areas))
    assert filed["Location"] == reverse("feedback:receipt")
    page = client.get(reverse("feedback:receipt"))
    code = page.context["code"]
    return Feedback.objects.get(), code


def test_a_visitor_gets_a_receipt_code_shown_once_and_stored_hashed(client, areas):
    item, code = _visitor_files(client, areas)
    assert len(code) == RECEIPT_LENGTH
    assert set(code) <= set(RECEIPT_ALPHABET)
    assert not set(code) & set("01OIL")  # nothing to confuse when read aloud or typed
    assert item.receipt_hash
    assert code not in item.receipt_hash
    assert item.receipt_hash == selectors.receipt_hash(code)
    assert code not in str(AuditEvent.objects.get(verb="feedback.filed").summary)
    # shown once: the session forgets it, a second visit goes to the lookup
    again = client.get(reverse("feedback:receipt"))
    assert again["Location"] == reverse("feedback:lookup")
    assert selectors.feedback_by_receipt(code=code, phone_last4="5678") == item


def test_two_receipt_codes_differ(areas):
    made = [
        actions.feedback_file(
            actor=None, township=areas["township"], kind="suggestion", category=_category(),
            text="希望能调大字号。", contact_name="王建国", contact_phone=PHONE,
        ).receipt_code
        for _i in range(5)
    ]  # fmt: skip
    assert len(set(made)) == 5


def test_the_lookup_shows_state_and_answer_with_the_phone_masked(client, areas, users):
    item, code = _visitor_files(client, areas)
    lookup = reverse("feedback:lookup")
    assert client.get(lookup).status_code == 200
    page = client.post(lookup, {"code": code.lower()[:5] + "-" + code.lower()[5:], "last4": "5678"})
    text = page.content.decode()
    assert page.context["item"] == item
    assert "待答复" in text
    assert "希望能调大字号" in text
    assert "138****5678" in text
    assert PHONE not in text
    assert "王建国" not in text
    actions.feedback_answer(actor=users["township_admin"], feedback=item, answer="已调大，谢谢您。")
    text = client.post(lookup, {"code": code, "last4": "5678"}).content.decode()
    assert "已调大，谢谢您。" in text
    assert 'data-testid="answer"' in text


@pytest.mark.parametrize("wrong", ["code", "last4", "signed_in"])
def test_a_wrong_pair_gets_one_message_and_nothing_else(client, areas, users, wrong):
    item, code = _visitor_files(client, areas)
    body = {"code": code, "last4": "5678"}
    if wrong == "code":
        body["code"] = "".join(reversed(code))
    elif wrong == "last4":
        body["last4"] = "5679"
    else:  # a signed-in user's item has no receipt: nothing to find by it
        Feedback.objects.filter(pk=item.pk).update(user=users["resident"])
    page = client.post(reverse("feedback:lookup"), body, follow=True)
    text = page.content.decode()
    assert page.context["item"] is None
    assert "没有查到：请核对回执码和手机号后四位。" in text
    assert "希望能调大字号" not in text


def test_lookups_are_limited_per_code_and_per_address(client, areas):
    item, code = _visitor_files(client, areas)
    for _i in range(LOOKUPS_PER_CODE):
        client.post(reverse("feedback:lookup"), {"code": code, "last4": "0000"})
    limited = client.post(reverse("feedback:lookup"), {"code": code, "last4": "5678"})
    assert limited.context["item"] is None  # even the right pair, past the limit
    assert "查询次数太多" in limited.content.decode()
    for n in range(20):  # other codes from the same address
        client.post(reverse("feedback:lookup"), {"code": f"ABCDEFGH{n:02d}", "last4": "5678"})
    item2 = actions.feedback_file(
        actor=None, township=areas["township"], kind="suggestion", category=_category(),
        text="希望能调大字号。", contact_name="王建国", contact_phone=PHONE,
    )  # fmt: skip
    blocked = client.post(reverse("feedback:lookup"), {"code": item2.receipt_code, "last4": "5678"})
    assert blocked.context["item"] is None
    assert "查询次数太多" in blocked.content.decode()


def test_no_notice_goes_to_a_visitor_and_the_form_says_how_to_read_the_answer(client, areas, users):
    form = client.get(reverse("feedback:new")).content.decode()
    assert reverse("feedback:lookup") in form
    assert "回执码" in form
    assert "发短信" not in form
    item, _code = _visitor_files(client, areas)
    actions.feedback_answer(actor=users["township_admin"], feedback=item, answer="已调大，谢谢您。")
    assert not Notice.objects.filter(kind="feedback").exclude(recipient=users["township_admin"]).exists()


def test_the_filer_picks_from_the_catalogue_and_the_townships_own(client, areas, users):
    own = actions.category_save(actor=users["township_admin"], township=areas["township"], name="公示栏显示")
    client.force_login(users["resident"])
    form = client.get(reverse("feedback:new"))
    assert own in [c for _t, rows in form.context["own_categories"] for c in rows]
    assert "公示栏显示" in form.content.decode()
    body = {"kind": "complaint", "category": own.pk, "text": "公示栏的字太小，看不清。"}
    client.post(reverse("feedback:new"), body)
    assert Feedback.objects.get().category == own


def test_the_township_office_keeps_its_categories_on_the_page(client, areas, users):
    township = areas["township"]
    client.force_login(users["township_admin"])
    chooser = client.get(reverse("feedback:categories"))
    assert chooser["Location"] == reverse("feedback:township_categories", args=[township.pk])
    page = reverse("feedback:township_categories", args=[township.pk])
    client.post(page, {"name": "公示栏显示"})
    own = Category.objects.get(township=township)
    text = client.get(page).content.decode()
    assert 'data-testid="category"' in text
    assert "页面出错" in text
    answer = client.post(
        reverse("feedback:category_edit", args=[township.pk, own.pk]), {"name": "页面出错"}, follow=True
    )
    assert "已有名为「页面出错」的类别" in answer.content.decode()
    client.post(reverse("feedback:category_retire", args=[township.pk, own.pk]), {"retired": "1"})
    own.refresh_from_db()
    assert own.retired
    client.post(reverse("feedback:category_retire", args=[township.pk, own.pk]), {"retired": "0"})
    own.refresh_from_db()
    assert not own.retired
    catalogue = _category("页面出错")  # not the township's own: not found on its pages
    assert (
        client.post(
            reverse("feedback:category_edit", args=[township.pk, catalogue.pk]), {"name": "x"}
        ).status_code
        == 404
    )
    client.force_login(users["resident"])
    assert client.get(page).status_code == 403


def test_the_inbox_filters_overdue(client, areas, users):
    late = actions.feedback_file(
        actor=users["resident"], township=areas["township"], kind="complaint", category=_category(),
        text="预约页面打不开。",
    )  # fmt: skip
    on_time = actions.feedback_file(
        actor=users["resident"], township=areas["township"], kind="complaint", category=_category(),
        text="预约页面很慢。",
    )  # fmt: skip
    Feedback.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(days=1))
    assert list(selectors.inbox_for(viewer=users["township_admin"], state="overdue")) == [late]
    assert set(selectors.inbox_for(viewer=users["township_admin"], state="open")) == {late, on_time}
    client.force_login(users["township_admin"])
    page = client.get(reverse("feedback:inbox") + "?state=overdue")
    assert [f for f, _who in page.context["rows"]] == [late]
    assert "?state=overdue" in page.content.decode()


def test_an_answer_is_corrected_with_a_reason_audited_and_the_filer_told(client, areas, users):
    item = actions.feedback_file(
        actor=users["resident"], township=areas["township"], kind="complaint", category=_category(),
        text="预约页面打不开。",
    )  # fmt: skip
    with pytest.raises(DomainError) as not_yet:
        actions.feedback_answer_correct(
            actor=users["township_admin"], feedback=item, answer="已修复", reason="写错"
        )
    assert "没有可更正的答复" in not_yet.value.message
    actions.feedback_answer(actor=users["township_admin"], feedback=item, answer="已于12月3日修复。")
    for answer, reason, message in (
        ("已于12月3日修复。", "日期写错", "和原答复一样"),
        ("已于12月5日修复。", "", "更正原因"),
    ):
        with pytest.raises(DomainError) as refused:
            actions.feedback_answer_correct(
                actor=users["township_admin"], feedback=item, answer=answer, reason=reason
            )
        assert message in refused.value.message
    with pytest.raises(NotPermitted):
        actions.feedback_answer_correct(
            actor=users["resident"], feedback=item, answer="已于12月5日修复。", reason="日期写错"
        )
    item.refresh_from_db()
    assert (item.answer, item.corrected_at) == ("已于12月3日修复。", None)
    client.force_login(users["township_admin"])
    client.post(
        reverse("feedback:answer_correct", args=[item.pk]),
        {"answer": "已于12月5日修复。", "reason": "日期写错"},
    )
    item.refresh_from_db()
    assert (item.answer, item.correction_reason) == ("已于12月5日修复。", "日期写错")
    assert AuditEvent.objects.get(verb="feedback.answer_corrected").summary == {"reason": "日期写错"}
    assert Notice.objects.filter(recipient=users["resident"], title__contains="已更正").exists()
    client.force_login(users["resident"])
    text = client.get(reverse("feedback:detail", args=[item.pk])).content.decode()
    assert "已于12月5日修复。" in text
    assert "更正：日期写错" in text
    assert reverse("feedback:answer_correct", args=[item.pk]) not in text


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="feedback")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_api_keeps_categories_and_corrects_answers(client, areas, users):
    township = areas["township"]
    office, mine = _headers(users["township_admin"]), _headers(users["resident"])
    base = f"/api/v1/feedback/categories/{township.pk}"
    made = client.post(base, json.dumps({"name": "公示栏显示"}), content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY="fbc-1", **office)  # fmt: skip
    assert made.status_code == 201, made.content
    cid = made.json()["id"]
    assert made.json()["township_id"] == township.pk
    offered = client.get("/api/v1/feedback/categories", **mine).json()
    assert cid in [c["id"] for c in offered]
    catalogue = _category("页面出错").pk
    refused = client.post(f"{base}/{catalogue}/edit", json.dumps({"name": "页面坏了"}),
                          content_type="application/json", **office)  # fmt: skip
    assert refused.status_code == 404
    renamed = client.post(f"{base}/{cid}/edit", json.dumps({"name": "公示栏"}), content_type="application/json",
                          **office)  # fmt: skip
    assert renamed.json()["name"] == "公示栏"
    retired = client.post(f"{base}/{cid}/retire", json.dumps({"retired": True}), content_type="application/json",
                          **office)  # fmt: skip
    assert retired.json()["retired"] is True
    assert cid not in [c["id"] for c in client.get("/api/v1/feedback/categories", **mine).json()]
    assert client.get(base, **mine).status_code == 403
    item = actions.feedback_file(
        actor=users["resident"],
        township=township,
        kind="complaint",
        category=_category(),
        text="预约页面打不开。",
    )
    actions.feedback_answer(actor=users["township_admin"], feedback=item, answer="已于12月3日修复。")
    corrected = client.post(f"/api/v1/feedback/{item.pk}/correct",
                            json.dumps({"answer": "已于12月5日修复。", "reason": "日期写错"}),
                            content_type="application/json", **office)  # fmt: skip
    assert corrected.json()["correction_reason"] == "日期写错"
    bad = client.post(f"/api/v1/feedback/{item.pk}/correct", json.dumps({"answer": "再改", "reason": ""}),
                      content_type="application/json", **office)  # fmt: skip
    assert bad.status_code == 400
    assert "更正原因" in bad.json()["message"]
    overdue = client.get("/api/v1/feedback/inbox?state=overdue", **office).json()
    assert overdue == []
