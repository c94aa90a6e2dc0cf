"""Ways in and ways around (issue 8): the wish queue's order, "返回", due times only while open."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.cases.models import Case
from gongzhi.wishes import actions
from gongzhi.wishes.models import Wish

pytestmark = pytest.mark.django_db


def post(users, title="想要书"):
    return actions.wish_post(actor=users["resident"], title=title, story="想看看新书。", category="study")


def test_the_wish_queue_sorts_by_due_time_with_undue_wishes_last(users, client):
    # Given three wishes: one without a due time, one due later, one overdue
    undue, later, overdue = post(users, "没有时限"), post(users, "稍后到期"), post(users, "已经超期")
    now = timezone.now()
    Case.objects.filter(pk=undue.pk).update(due_at=None)
    Case.objects.filter(pk=later.pk).update(due_at=now + dt.timedelta(days=2))
    Case.objects.filter(pk=overdue.pk).update(due_at=now - dt.timedelta(hours=1))
    # When staff open the queue
    client.force_login(users["community_staff"])
    body = client.get("/wishes/queue/").content.decode()
    # Then the overdue one comes first and the one without a due time last (SQLite and PostgreSQL alike)
    positions = [body.index(title) for title in ("已经超期", "稍后到期", "没有时限")]
    assert positions == sorted(positions)


def test_back_returns_to_the_queue_the_user_came_from_and_never_off_site(users, client):
    wish = post(users)
    client.force_login(users["community_staff"])
    queue = client.get("/wishes/queue/?state=submitted").content.decode()
    assert f"/wishes/{wish.pk}/?next=/wishes/queue/%3Fstate%3Dsubmitted" in queue
    page = client.get(f"/wishes/{wish.pk}/", {"next": "/wishes/queue/?state=submitted"}).content.decode()
    assert 'href="/wishes/queue/?state=submitted" data-testid="back"' in page
    fallback = f'href="/wishes/c/{wish.case.community_id}/" data-testid="back"'
    for unsafe in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        assert fallback in client.get(f"/wishes/{wish.pk}/", {"next": unsafe}).content.decode()
    came_from = client.get(f"/wishes/{wish.pk}/", HTTP_REFERER="http://testserver/wishes/mine/").content.decode()
    assert 'href="/wishes/mine/" data-testid="back"' in came_from


def test_a_completed_wish_no_longer_asks_to_be_done_by_a_time(users, client):
    # Given a wish the party member claimed, then fulfilled and had confirmed
    wish = post(users)
    due = timezone.now() + dt.timedelta(days=3)
    Case.objects.filter(pk=wish.pk).update(state="confirmed", due_at=due)
    Wish.objects.filter(pk=wish.pk).update(claimer=users["party_member"], claimed_at=timezone.now(), claim_due_at=due)
    # Then neither the claimer's list nor the staff's page shows a due time
    client.force_login(users["party_member"])
    assert "前完成" not in client.get("/wishes/mine/").content.decode()
    client.force_login(users["community_staff"])
    assert "办理时限" not in client.get(f"/wishes/{wish.pk}/").content.decode()
    # While it is claimed, it does
    Case.objects.filter(pk=wish.pk).update(state="claimed")
    client.force_login(users["party_member"])
    assert "前完成" in client.get("/wishes/mine/").content.decode()
