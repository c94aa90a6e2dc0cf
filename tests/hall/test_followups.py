"""回访整改: a bad rating's follow-up — the township admin records the call (visit), then what was remedied
(rectify); the applicant is told each step. The daily digest counts the hall's queues by stage."""

import datetime as dt

import pytest
from django.urls import reverse

from gongzhi.audit.models import AuditEvent
from gongzhi.cases.digest import queue_counts_for
from gongzhi.cases.models import Case
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.hall.actions.followups import followup_rectify, followup_visit
from gongzhi.hall.actions.rating import application_rate
from gongzhi.hall.models import FollowUp
from gongzhi.hall.workflow import FOLLOWUP
from gongzhi.notices.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(users, make_matter, make_application):
    issued = make_application(make_matter(), state="issued")
    application_rate(actor=users["resident"], application=issued, rating=1, comment="材料要求前后说法不一")
    return FollowUp.objects.select_related("case").get(application=issued)


def state_of(followup) -> tuple:
    f = FollowUp.objects.select_related("case").get(pk=followup.pk)
    return f.case.state, f.finding, f.remedy, Notice.objects.count()


def test_visit_then_rectify_and_the_applicant_hears_each_step(users, followup):
    admin = users["township_admin"]
    visited = followup_visit(actor=admin, followup=followup, finding="电话回访：窗口两次告知的材料不一致")
    assert visited.case.state == "rectifying"
    assert visited.finding.startswith("电话回访")
    assert visited.case.due_at is not None  # the rectification's own due time
    done = followup_rectify(actor=admin, followup=visited, remedy="已统一材料清单并在窗口张贴，向申请人致歉")
    assert done.case.state == "done"
    assert done.case.closed_at is not None
    assert done.case.due_at is None
    told = Notice.objects.filter(recipient=users["resident"]).order_by("id")
    assert [n.url for n in told] == [reverse("hall:detail", args=[followup.application_id])] * 2
    assert "已统一材料清单" in told.last().body
    assert "整改完成" in told.last().title
    assert {e.verb for e in AuditEvent.objects.filter(verb__startswith="hall.followup_")} == {
        "hall.followup_visited", "hall.followup_rectified"}  # fmt: skip


@pytest.mark.parametrize(
    "who", ["window_clerk", "community_staff", "supervisor", "township_reviewer", "resident"]
)
def test_only_the_township_admin_follows_up(users, followup, who):
    before = state_of(followup)
    with pytest.raises(NotPermitted):
        followup_visit(actor=users[who], followup=followup, finding="已回访申请人")
    assert state_of(followup) == before


def test_the_moves_follow_the_states_and_need_their_text(users, followup):
    admin = users["township_admin"]
    before = state_of(followup)
    with pytest.raises(Conflict, match="待回访.*不能整改完成"):
        followup_rectify(actor=admin, followup=followup, remedy="已整改完毕")
    with pytest.raises(DomainError, match="请填写回访情况"):
        followup_visit(actor=admin, followup=followup, finding=" ")
    assert state_of(followup) == before
    followup_visit(actor=admin, followup=followup, finding="已回访申请人")
    before = state_of(followup)
    with pytest.raises(Conflict, match="整改中.*不能回访"):
        followup_visit(actor=admin, followup=followup, finding="再回访一次")
    with pytest.raises(DomainError, match="请填写整改措施"):
        followup_rectify(actor=admin, followup=followup, remedy="")
    assert state_of(followup) == before


def test_the_follow_up_pages(client, users, followup):
    client.force_login(users["township_admin"])
    queue = client.get(reverse("hall:followups")).content.decode()
    assert reverse("hall:followup", args=[followup.pk]) in queue
    page = client.get(reverse("hall:followup", args=[followup.pk])).content.decode()
    assert "非常不满意" in page
    assert "材料要求前后说法不一" in page
    assert 'data-testid="visit"' in page
    assert 'data-testid="rectify"' not in page
    response = client.post(reverse("hall:followup_visit", args=[followup.pk]), {"finding": ""}, follow=True)
    assert "请填写回访情况" in response.content.decode()
    client.post(reverse("hall:followup_visit", args=[followup.pk]), {"finding": "回访：窗口解释不清"})
    page = client.get(reverse("hall:followup", args=[followup.pk])).content.decode()
    assert "整改中" in page
    assert 'data-testid="rectify"' in page
    client.post(reverse("hall:followup_rectify", args=[followup.pk]), {"remedy": "对窗口人员进行了业务培训"})
    assert FollowUp.objects.get(pk=followup.pk).case.state == "done"
    # The applicant sees the outcome on their application's page, without the staff's link.
    client.force_login(users["resident"])
    page = client.get(reverse("hall:detail", args=[followup.application_id])).content.decode()
    assert "已整改" in page
    assert "对窗口人员进行了业务培训" in page
    assert reverse("hall:followup", args=[followup.pk]) not in page
    assert client.get(reverse("hall:followup", args=[followup.pk])).status_code == 403
    # The engine links to the follow-up's page.
    assert FOLLOWUP.detail_url == "hall:followup"


def test_the_daily_digest_counts_the_officers_applications_and_the_admins_follow_ups(
    users, officer, make_matter, make_application, other_department, followup
):
    matter = make_matter()
    late = make_application(matter, state="township_review")
    make_application(matter, state="township_review")
    make_application(make_matter(department=other_department), state="township_review")  # not 民政办's
    make_application(matter, state="submitted")  # the window's turn, not the officer's
    now = dt.datetime.now(dt.UTC)
    Case.objects.filter(pk=late.pk).update(due_at=now - dt.timedelta(days=1))
    Case.objects.filter(kind="application", state="township_review").exclude(pk=late.pk).update(
        due_at=now + dt.timedelta(days=5)
    )
    counts = {c.kind: c for c in queue_counts_for(officer, now=now)}
    assert (counts["application"].waiting, counts["application"].overdue) == (2, 1)
    assert counts["application"].url == reverse("hall:queue")
    assert "followup" not in counts
    admin = {c.kind: c for c in queue_counts_for(users["township_admin"], now=now)}
    assert (admin["followup"].waiting, admin["followup"].overdue) == (1, 0)
    assert admin["followup"].url == reverse("hall:followups")
    late_day = followup.case.due_at + dt.timedelta(hours=1)
    admin = {c.kind: c for c in queue_counts_for(users["township_admin"], now=late_day)}
    assert (admin["followup"].waiting, admin["followup"].overdue) == (1, 1)
