"""Satisfaction is not absolute: the township marks a request unreasonable or outside its powers with the reason
and the legal basis (both required), the applicant is told why, and the supervisory committee over the
community upholds or overturns the mark with a note."""

import pytest
from django.urls import reverse

from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.hall.actions.unreasonable import application_mark_unreasonable, application_review_unreasonable
from gongzhi.hall.models import Application
from gongzhi.notices.models import Notice
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

REASON = "申请人要求镇里为其私人宅基地纠纷出具权属裁决"
BASIS = "《土地管理法》第十四条：个人之间的土地权属争议由乡级人民政府处理，须依申请立案"


@pytest.fixture
def refused(make_matter, make_application):
    return make_application(make_matter(), state="refused")


def state_of(application) -> tuple:
    a = Application.objects.get(pk=application.pk)
    return (a.unreasonable_at, a.unreasonable_kind, a.unreasonable_reason, a.unreasonable_basis,
            a.unreasonable_review, a.unreasonable_review_note, Notice.objects.count())  # fmt: skip


def mark(users, application, **changes):
    values = {"kind": "outside_powers", "reason": REASON, "basis": BASIS} | changes
    return application_mark_unreasonable(actor=users["township_admin"], application=application, **values)


def test_the_township_marks_with_reason_and_basis_and_the_applicant_is_told_why(users, refused):
    marked = mark(users, refused)
    assert marked.unreasonable_kind == "outside_powers"
    assert marked.unreasonable_by == users["township_admin"]
    assert (marked.unreasonable_reason, marked.unreasonable_basis) == (REASON, BASIS)
    notice = Notice.objects.get(recipient=users["resident"])
    assert "超出职权范围" in notice.title
    assert REASON in notice.body
    assert BASIS in notice.body
    assert notice.url == reverse("hall:detail", args=[refused.pk])
    event = AuditEvent.objects.get(verb="hall.marked_unreasonable")
    assert event.summary == {"kind": "超出职权范围", "reason": REASON, "basis": BASIS}


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"basis": ""}, "请填写依据"), ({"reason": "  "}, "请填写理由"), ({"kind": "rude"}, "请选择标记类型")],
)
def test_a_mark_without_reason_basis_or_kind_is_refused(users, refused, changes, message):
    before = state_of(refused)
    with pytest.raises(DomainError, match=message):
        mark(users, refused, **changes)
    assert state_of(refused) == before


@pytest.mark.parametrize("who", ["window_clerk", "community_staff", "supervisor", "resident"])
def test_only_the_township_admin_marks(users, refused, who):
    before = state_of(refused)
    with pytest.raises(NotPermitted):
        application_mark_unreasonable(actor=users[who], application=refused, kind="unreasonable", reason=REASON,
                                      basis=BASIS)  # fmt: skip
    assert state_of(refused) == before


def test_a_mark_stands_until_overturned(users, refused):
    mark(users, refused)
    before = state_of(refused)
    with pytest.raises(Conflict, match="已标记过"):
        mark(users, refused, kind="unreasonable")
    assert state_of(refused) == before


def test_the_supervisory_committee_upholds_once(users, refused):
    mark(users, refused)
    reviewed = application_review_unreasonable(actor=users["supervisor"], application=refused, decision="upheld",
                                               note="经核实，确属超出镇级职权，已告知其向法院起诉")  # fmt: skip
    assert reviewed.unreasonable_review == "upheld"
    assert reviewed.unreasonable_reviewed_by == users["supervisor"]
    assert Notice.objects.filter(recipient=users["resident"], title__contains="维持标记").exists()
    assert AuditEvent.objects.get(verb="hall.unreasonable_reviewed").summary["decision"] == "维持标记"
    before = state_of(refused)
    with pytest.raises(Conflict, match="不能重复复核"):
        application_review_unreasonable(actor=users["supervisor"], application=refused, decision="overturned",
                                        note="再看一次")  # fmt: skip
    assert state_of(refused) == before


def test_an_overturned_mark_may_be_made_again(users, refused):
    mark(users, refused)
    application_review_unreasonable(actor=users["supervisor"], application=refused, decision="overturned",
                                    note="属于镇里应当受理的事项")  # fmt: skip
    again = mark(users, refused, kind="unreasonable", reason="申请人要求补发已领取的补贴")
    assert again.unreasonable_kind == "unreasonable"
    assert again.unreasonable_review == ""


@pytest.mark.parametrize("who", ["township_admin", "window_clerk", "community_staff", "other_supervisor"])
def test_only_the_supervisory_committee_over_the_community_reviews(users, areas, refused, who):
    mark(users, refused)
    actor = (
        make_user("other_supervisor", "supervisor", areas["urban"])
        if who == "other_supervisor"
        else users[who]
    )
    before = state_of(refused)
    with pytest.raises(NotPermitted):
        application_review_unreasonable(
            actor=actor, application=refused, decision="overturned", note="不同意标记"
        )
    assert state_of(refused) == before


def test_review_needs_a_mark_a_decision_and_a_note(users, refused):
    before = state_of(refused)
    with pytest.raises(Conflict, match="没有被标记"):
        application_review_unreasonable(actor=users["supervisor"], application=refused, decision="upheld",
                                        note="维持镇里意见")  # fmt: skip
    mark(users, refused)
    before = state_of(refused)
    with pytest.raises(DomainError, match="请选择复核结论"):
        application_review_unreasonable(
            actor=users["supervisor"], application=refused, decision="", note="维持意见"
        )
    with pytest.raises(DomainError, match="请填写复核意见"):
        application_review_unreasonable(
            actor=users["supervisor"], application=refused, decision="upheld", note=""
        )
    assert state_of(refused) == before


def test_marking_and_reviewing_from_the_page(client, users, refused):
    url = reverse("hall:detail", args=[refused.pk])
    client.force_login(users["township_admin"])
    assert 'data-testid="mark-unreasonable"' in client.get(url).content.decode()
    response = client.post(reverse("hall:mark_unreasonable", args=[refused.pk]),
                           {"kind": "outside_powers", "reason": REASON, "basis": ""}, follow=True)  # fmt: skip
    assert "请填写依据" in response.content.decode()
    assert Application.objects.get(pk=refused.pk).unreasonable_at is None
    client.post(reverse("hall:mark_unreasonable", args=[refused.pk]),
                {"kind": "outside_powers", "reason": REASON, "basis": BASIS})  # fmt: skip
    client.force_login(users["resident"])
    page = client.get(url).content.decode()
    assert 'data-testid="unreasonable"' in page
    assert BASIS in page
    assert "监委会尚未复核" in page
    assert 'data-testid="review-unreasonable"' not in page
    assert client.post(reverse("hall:review_unreasonable", args=[refused.pk]),
                       {"decision": "overturned", "note": "我不同意"}).status_code == 403  # fmt: skip
    client.force_login(users["supervisor"])
    assert 'data-testid="review-unreasonable"' in client.get(url).content.decode()
    client.post(
        reverse("hall:review_unreasonable", args=[refused.pk]), {"decision": "upheld", "note": "确属超出职权"}
    )
    assert Application.objects.get(pk=refused.pk).unreasonable_review == "upheld"
    assert "维持标记 · 确属超出职权" in client.get(url).content.decode()
