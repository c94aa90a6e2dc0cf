"""Wish pages beyond the happy path: a returned wish is edited and sent again; the queue marks overdue wishes."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.cases.models import Case
from gongzhi.wishes import actions
from gongzhi.wishes.models import Wish

pytestmark = pytest.mark.django_db


def post(users):
    return actions.wish_post(actor=users["resident"], title="想要书", story="想看看新书。", category="study")


def test_a_returned_wish_is_edited_and_sent_again(users, client):
    wish = post(users)
    actions.wish_return(actor=users["community_staff"], wish=wish, reason="请写明想要什么书")
    client.force_login(users["resident"])
    page = client.get(f"/wishes/{wish.pk}/")
    assert 'data-testid="resubmit"' in page.content.decode()
    # The author sees the honest history: posted, then sent back with the reason.
    timeline = page.content.decode().split('data-testid="timeline"')[1].split("</ol>")[0]
    assert timeline.count("<li>") == 2
    assert "请写明想要什么书" in timeline
    form = client.get(f"/wishes/{wish.pk}/resubmit/").content.decode()
    assert "请写明想要什么书" in form
    bad = client.post(
        f"/wishes/{wish.pk}/resubmit/", {"title": "", "story": "想看新华字典。", "category": "study"}
    )
    assert bad.status_code == 200
    assert "请填写心愿标题" in bad.content.decode()
    assert Case.objects.get(pk=wish.pk).state == "returned"
    good = client.post(f"/wishes/{wish.pk}/resubmit/", {"title": "想要一本新华字典", "story": "孙子上学要用。",
                                                        "category": "study"})  # fmt: skip
    assert good.status_code == 302
    case = Case.objects.get(pk=wish.pk)
    assert (case.state, case.title) == ("submitted", "想要一本新华字典")
    assert case.due_at is not None


def test_the_queue_marks_overdue_wishes_and_names_the_due_basis(users, client):
    wish = post(users)
    Case.objects.filter(pk=wish.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(users["community_staff"])
    body = client.get("/wishes/queue/").content.decode()
    assert "gz-overdue" in body
    assert "已超期" in body
    Case.objects.filter(pk=wish.pk).update(
        due_at=timezone.now() + dt.timedelta(days=3),
        due_basis="weekends_only",
        due_note="2027年节假日安排尚未录入，按周末计算",
    )
    body = client.get("/wishes/queue/").content.decode()
    assert "已超期" not in body
    assert "2027年节假日安排尚未录入" in body


def test_staff_set_their_communitys_claim_period_and_bad_values_change_nothing(users, areas, client):
    from gongzhi.wishes.models import WishSettings

    client.force_login(users["community_staff"])
    page = client.get("/wishes/settings/").content.decode()
    assert "青山村" in page
    assert "东街社区" not in page
    for bad, message in [("0", "1到90天"), ("abc", "整数"), ("", "整数")]:
        answer = client.post(
            "/wishes/settings/", {"community": areas["village"].pk, "claim_days": bad}, follow=True
        )
        assert message in answer.content.decode()
    foreign = client.post(
        "/wishes/settings/", {"community": areas["urban"].pk, "claim_days": "7"}, follow=True
    )
    assert "请选择村(社区)" in foreign.content.decode()
    assert not WishSettings.objects.exists()
    client.post("/wishes/settings/", {"community": areas["village"].pk, "claim_days": "7"})
    assert WishSettings.objects.get(community=areas["village"]).claim_days == 7


def test_choosing_a_community_on_the_township_wall_keeps_the_other_filters(client, areas):
    response = client.get(f"/wishes/?community={areas['village'].pk}&category=study&state=published")
    assert response.status_code == 302
    assert response["Location"] == f"/wishes/c/{areas['village'].pk}/?category=study&state=published"


def test_a_due_time_in_a_year_without_a_known_schedule_says_so(users, monkeypatch, client):
    from zoneinfo import ZoneInfo

    import gongzhi.cases.actions as case_actions

    new_years_eve = dt.datetime(2026, 12, 30, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(case_actions.timezone, "now", lambda: new_years_eve)
    wish = post(users)
    case = Case.objects.get(pk=wish.pk)
    # 2 workdays after Wednesday 30 December: Thursday 31 December, then Friday 1 January 2027, which
    # counts as a workday because 2027's holiday schedule is not known yet — and the case says so
    assert timezone.localtime(case.due_at).date() == dt.date(2027, 1, 1)
    assert case.due_basis == "weekends_only"
    assert "2027" in case.due_note
    monkeypatch.undo()
    client.force_login(users["resident"])
    assert "2027" in client.get(f"/wishes/{wish.pk}/").content.decode()


def _through_fulfilment(users, note="送去一台收音机给王大爷"):
    wish = post(users)
    wish = actions.wish_publish(actor=users["community_staff"], wish=wish, privacy="anonymised")
    wish = actions.wish_claim(actor=users["party_member"], wish=wish)
    return actions.wish_fulfil(actor=users["party_member"], wish=wish, note=note, hours="1")


def test_public_visitors_see_neither_the_fulfilment_note_nor_the_rating_comment(users, client):
    wish = _through_fulfilment(users)
    wish = actions.wish_confirm(actor=users["resident"], wish=wish)
    wish = actions.wish_rate(actor=users["resident"], wish=wish, rating=5, comment="王大爷很高兴")
    body = client.get(f"/wishes/{wish.pk}/").content.decode()
    assert "★★★★★" in body
    assert "王大爷" not in body
    client.force_login(users["resident"])
    assert "王大爷很高兴" in client.get(f"/wishes/{wish.pk}/").content.decode()


def test_a_withdrawn_wish_cannot_be_rated(users):
    from gongzhi.core.errors import Conflict

    wish = post(users)
    actions.wish_withdraw(actor=users["resident"], wish=wish)
    with pytest.raises(Conflict, match="确认后才能评价"):
        actions.wish_rate(actor=users["resident"], wish=wish, rating=1)
    assert Case.objects.get(pk=wish.pk).rating is None


def test_staff_cannot_rewrite_or_revive_a_residents_wish(users):
    from gongzhi.core.errors import NotPermitted

    wish = post(users)
    actions.wish_return(actor=users["community_staff"], wish=wish, reason="请写清楚")
    with pytest.raises(NotPermitted):
        actions.wish_resubmit(actor=users["community_staff"], wish=wish, title="改写的标题", story="工作人员改写的内容。",
                              category="study")  # fmt: skip
    actions.wish_withdraw(actor=users["resident"], wish=wish)
    with pytest.raises(NotPermitted):
        actions.wish_reopen(actor=users["community_staff"], wish=wish)


def test_a_dispute_gives_a_fresh_claim_period_and_clears_the_fulfilment(users):
    wish = _through_fulfilment(users)
    Wish.objects.filter(pk=wish.pk).update(claim_due_at=timezone.now() - dt.timedelta(days=1))
    wish = actions.wish_dispute(actor=users["resident"], wish=wish, reason="还没收到")
    wish.refresh_from_db()
    assert wish.case.state == "claimed"
    assert wish.claim_due_at > timezone.now() + dt.timedelta(days=13)
    assert (wish.fulfilment_note, wish.service_hours, wish.fulfilled_at) == ("", None, None)
    assert actions.wish_claims_check()["returned"] == 0


def test_a_lapsed_claimer_can_no_longer_fulfil(users):
    from gongzhi.core.errors import Conflict

    wish = post(users)
    actions.wish_publish(actor=users["community_staff"], wish=wish)
    stale = actions.wish_claim(actor=users["party_member"], wish=wish)
    Wish.objects.filter(pk=wish.pk).update(claimer=users["volunteer"])  # meanwhile expired and claimed again
    with pytest.raises(Conflict, match="已不是这个心愿的认领人"):
        actions.wish_fulfil(actor=users["party_member"], wish=stale, note="已送到", hours="1")


def test_move_forms_answer_bad_input_with_the_actions_message(users, client):
    wish = post(users)
    client.force_login(users["community_staff"])
    page = client.post(f"/wishes/{wish.pk}/return/", {"reason": "长" * 201}, follow=True).content.decode()
    assert "不能超过200个字" in page
    assert Case.objects.get(pk=wish.pk).state == "submitted"
    page = client.post(f"/wishes/{wish.pk}/publish/", {"privacy": "everyone"}, follow=True).content.decode()
    assert "请选择公开范围" in page
    assert Case.objects.get(pk=wish.pk).state == "submitted"
