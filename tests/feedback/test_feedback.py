"""Suggestions and complaints about gongzhi: filed by anyone (a visitor with a mobile number), answered by the
township office within five workdays, the filer told; withdrawn by the filer; overdue ones red; the counts per
township. Each refusal is a Chinese message and changes nothing (actions, pages, API)."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.actions import api_token_create
from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotFound, NotPermitted
from gongzhi.feedback import actions, selectors
from gongzhi.feedback.models import Category, Feedback
from gongzhi.notices.models import Notice
from gongzhi.workdays.selectors import workdays_between

pytestmark = pytest.mark.django_db


def _category(name="页面出错") -> Category:
    return Category.objects.get(name=name)


def _file(actor, township, **extra):
    values = {
        "kind": "complaint",
        "category": _category(),
        "text": "预约页面在微信里打不开，点提交没有反应。",
    }
    return actions.feedback_file(actor=actor, township=township, **(values | extra))


def test_a_resident_files_the_office_is_told_answers_and_the_filer_reads_it(users, areas):
    item = _file(users["resident"], areas["township"], page="/facilities/")
    assert item.state == "open"
    assert item.page == "/facilities/"
    days = workdays_between(timezone.localdate(item.created_at), timezone.localdate(item.due_at)).days
    assert days == 5  # five workdays on the workday calendar
    assert Notice.objects.filter(recipient=users["township_admin"], kind="feedback").count() == 1
    assert AuditEvent.objects.filter(verb="feedback.filed", target_id=str(item.pk)).exists()
    assert "预约页面" not in str(AuditEvent.objects.get(verb="feedback.filed").summary)  # never the text
    with pytest.raises(NotPermitted):
        actions.feedback_answer(actor=users["community_staff"], feedback=item, answer="已修复")
    actions.feedback_answer(actor=users["township_admin"], feedback=item, answer="已修复，请再试一次。")
    item.refresh_from_db()
    assert item.state == "answered"
    assert item.answered_by == users["township_admin"]
    notice = Notice.objects.get(recipient=users["resident"], kind="feedback")
    assert notice.url == reverse("feedback:detail", args=[item.pk])
    assert selectors.feedback_get_for(viewer=users["resident"], feedback_id=item.pk).answer
    with pytest.raises(DomainError) as again:
        actions.feedback_answer(actor=users["township_admin"], feedback=item, answer="再答一次")
    assert "已答复" in again.value.message
    with pytest.raises(DomainError):
        actions.feedback_withdraw(actor=users["resident"], feedback=item)


def test_the_filer_withdraws_others_may_not_and_outsiders_get_404(users, areas):
    item = _file(users["resident"], areas["township"])
    with pytest.raises(NotPermitted):
        actions.feedback_withdraw(actor=users["township_admin"], feedback=item)
    with pytest.raises(NotFound):
        selectors.feedback_get_for(viewer=users["volunteer"], feedback_id=item.pk)
    actions.feedback_withdraw(actor=users["resident"], feedback=item)
    item.refresh_from_db()
    assert item.state == "withdrawn"
    with pytest.raises(DomainError):
        actions.feedback_answer(actor=users["township_admin"], feedback=item, answer="已修复")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"text": "短"}, "内容至少5个字"),
        ({"kind": "praise"}, "请选择是建议还是投诉"),
        ({"category": None}, "请选择类别"),
        ({"page": "https://example.com/x"}, "本平台的页面地址"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_changes_nothing(users, areas, extra, message):
    with pytest.raises(DomainError) as refused:
        _file(users["resident"], areas["township"], **extra)
    assert message in refused.value.message
    assert not Feedback.objects.exists()
    assert not AuditEvent.objects.filter(verb="feedback.filed").exists()


def test_a_signed_in_user_addresses_their_own_township_only(users, areas):
    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None)
    with pytest.raises(DomainError) as refused:
        _file(users["resident"], other)
    assert "永安镇" in refused.value.message
    assert not Feedback.objects.exists()


def test_a_visitor_files_with_a_mobile_number_masked_in_lists(areas, users):
    with pytest.raises(DomainError) as refused:
        _file(None, areas["township"], contact_name="王建国", contact_phone="12345")
    assert "手机号" in refused.value.message
    item = _file(None, areas["township"], contact_name="王建国", contact_phone="13812345678")
    assert item.user is None
    assert item.contact_phone == "13812345678"
    assert selectors.filer_label(item) == "王** 138****5678"
    assert "13812345678" in selectors.filer_label(item, unmasked=True)
    event = AuditEvent.objects.get(verb="feedback.filed")
    assert "13812345678" not in str(event.summary)


def test_overdue_and_the_counts_per_township(users, areas):
    late = _file(users["resident"], areas["township"])
    Feedback.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(days=1))
    late.refresh_from_db()
    assert late.overdue
    done = _file(users["resident"], areas["township"], kind="suggestion")
    actions.feedback_answer(actor=users["township_admin"], feedback=done, answer="谢谢，已采纳。")
    withdrawn = _file(users["resident"], areas["township"])
    actions.feedback_withdraw(actor=users["resident"], feedback=withdrawn)
    counts = selectors.counts_of(areas["township"])
    assert (counts.received, counts.answered, counts.open, counts.overdue) == (3, 1, 1, 1)
    assert counts.mean_workdays == 0.0
    assert [c.township for c in selectors.counts_for(viewer=users["township_admin"])] == [areas["township"]]
    assert selectors.counts_for(viewer=users["resident"]) == []


def test_a_township_keeps_its_own_categories_beside_the_catalogue(users, areas):
    township = areas["township"]
    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None)
    made = actions.category_save(actor=users["township_admin"], township=township, name="短信通知")
    assert (made.township, made.area_path) == (township, township.path)
    assert made in selectors.categories(township)
    assert made not in selectors.categories(other)
    assert made not in selectors.categories()  # not the catalogue's
    renamed = actions.category_save(
        actor=users["township_admin"], township=township, category=made, name="短信"
    )
    assert renamed.name == "短信"
    event = AuditEvent.objects.get(verb="feedback.category_renamed")
    assert event.summary["was"] == "短信通知"
    # another township may use the same name; the catalogue's names are taken everywhere
    with pytest.raises(DomainError) as clash:
        actions.category_save(actor=users["township_admin"], township=township, name="页面出错")
    assert "已有名为「页面出错」的类别" in clash.value.message
    # a catalogue category is refused in Chinese, nothing changed
    catalogue = _category()
    for attempt in (
        lambda: actions.category_save(
            actor=users["township_admin"], township=township, category=catalogue, name="页面坏了"
        ),
        lambda: actions.category_retire(actor=users["township_admin"], category=catalogue),
    ):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert "默认目录中的类别" in refused.value.message
    catalogue.refresh_from_db()
    assert (catalogue.name, catalogue.retired) == ("页面出错", False)
    with pytest.raises(NotPermitted):
        actions.category_save(actor=users["resident"], township=township, name="别的")
    with pytest.raises(NotPermitted) as outside:
        actions.category_save(actor=users["township_admin"], township=other, name="别的")
    assert "河西镇" in outside.value.message
    # retired: no longer offered nor accepted; what was filed keeps it; restored
    filed = _file(users["resident"], township, category=renamed)
    actions.category_retire(actor=users["township_admin"], category=renamed)
    assert renamed not in selectors.categories(township)
    assert AuditEvent.objects.get(verb="feedback.category_retired").summary["filed"] == 1
    with pytest.raises(DomainError):
        actions.category_retire(actor=users["township_admin"], category=renamed)
    with pytest.raises(DomainError) as retired:
        _file(users["resident"], township, category=selectors.category_get(renamed.pk))
    assert "请选择类别" in retired.value.message
    filed.refresh_from_db()
    assert filed.category == renamed
    actions.category_retire(actor=users["township_admin"], category=renamed, retired=False)
    assert renamed in selectors.categories(township)


def test_a_townships_own_category_is_refused_for_another_township(users, areas):
    other = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="河西镇", parent=None)
    theirs = Category.objects.create(name="河西专用", township=other, area_path=other.path)
    with pytest.raises(DomainError) as refused:
        _file(None, areas["township"], category=theirs, contact_name="王建国", contact_phone="13812345678")
    assert "河西镇自己的类别" in refused.value.message
    assert not Feedback.objects.exists()
    catalogue, own = selectors.categories_offered([areas["township"], other])
    assert _category() in catalogue
    assert own == [(other, [theirs])]
    assert selectors.categories_offered([areas["township"]])[1] == []


def test_the_pages_file_answer_show_red_and_withdraw(client, users, areas):
    client.force_login(users["resident"])
    page = client.get(reverse("facilities:index")).content.decode()
    assert reverse("feedback:new") + "?from=/facilities/" in page  # the footer's link, with the page
    form = client.get(reverse("feedback:new") + "?from=/facilities/").content.decode()
    assert 'value="/facilities/"' in form
    body = {"kind": "complaint", "category": _category().pk, "text": "太短", "page": "/facilities/"}
    answer = client.post(reverse("feedback:new"), body, follow=True)
    assert "内容至少5个字" in answer.content.decode()
    assert not Feedback.objects.exists()
    body["text"] = "预约页面在微信里打不开，点提交没有反应。"
    answer = client.post(reverse("feedback:new"), body)
    item = Feedback.objects.get()
    assert answer["Location"] == reverse("feedback:detail", args=[item.pk])
    assert "预约页面" in client.get(reverse("feedback:index")).content.decode()
    Feedback.objects.filter(pk=item.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(users["township_admin"])
    inbox = client.get(reverse("feedback:inbox")).content.decode()
    assert 'data-testid="overdue"' in inbox
    assert "已超期 1 条" in inbox
    client.post(reverse("feedback:answer", args=[item.pk]), {"answer": "已修复，请再试。"})
    item.refresh_from_db()
    assert item.state == "answered"
    client.force_login(users["volunteer"])
    assert client.get(reverse("feedback:detail", args=[item.pk])).status_code == 404
    client.force_login(users["resident"])
    assert "已修复，请再试。" in client.get(reverse("feedback:detail", args=[item.pk])).content.decode()


def test_a_visitor_files_on_the_page(client, areas):
    body = {"kind": "suggestion", "category": _category("功能建议").pk, "text": "希望能调大字号，老人看不清。",
            "township": areas["township"].pk, "contact_name": "王建国", "contact_phone": "13812345678"}  # fmt: skip
    answer = client.post(reverse("feedback:new"), body, follow=True)
    assert "已收到" in answer.content.decode()
    assert Feedback.objects.get().user is None


def _headers(user) -> dict:
    _token, key = api_token_create(actor=user, user=user, name="feedback")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_api_files_with_a_key_answers_and_counts(client, users, areas):
    mine = _headers(users["resident"])
    body = {
        "kind": "suggestion",
        "category_id": _category("功能建议").pk,
        "text": "希望能调大字号，老人看不清。",
    }
    first = client.post("/api/v1/feedback", json.dumps(body), content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="fb-1", **mine)  # fmt: skip
    assert first.status_code == 201, first.content
    again = client.post("/api/v1/feedback", json.dumps(body), content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="fb-1", **mine)  # fmt: skip
    assert again.json()["id"] == first.json()["id"]
    assert Feedback.objects.count() == 1
    bad = client.post("/api/v1/feedback", json.dumps(body | {"text": "短"}), content_type="application/json",
                      **mine)  # fmt: skip
    assert bad.status_code == 400
    assert re.search("[\u4e00-\u9fff]", bad.json()["message"])
    office = _headers(users["township_admin"])
    fid = first.json()["id"]
    assert client.get("/api/v1/feedback/inbox", **office).json()[0]["id"] == fid
    answered = client.post(f"/api/v1/feedback/{fid}/answer", json.dumps({"answer": "已安排。"}),
                           content_type="application/json", **office)  # fmt: skip
    assert answered.json()["state"] == "answered"
    counts = client.get("/api/v1/feedback/counts", **office).json()
    assert counts[0]["received"] == 1
    assert counts[0]["answered"] == 1
    assert client.get("/api/v1/feedback/inbox", **mine).status_code == 403
    assert client.get(f"/api/v1/feedback/{fid}", **mine).json()["answer"] == "已安排。"
