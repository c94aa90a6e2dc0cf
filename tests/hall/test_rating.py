"""好差评: the applicant rates an ended application once on the national five-level scale; 不满意 or worse opens a
follow-up (回访整改) for the township with its own due time. Every refusal says why and changes nothing."""

import pytest
from django.urls import reverse

from gongzhi.audit.models import AuditEvent
from gongzhi.cases.models import Case
from gongzhi.cases.selectors import case_routed_q
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.hall.actions.rating import application_rate
from gongzhi.hall.models import FollowUp
from gongzhi.hall.workflow import FOLLOWUP, FOLLOWUP_KIND, RATINGS
from gongzhi.notices.models import Notice
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(make_matter, make_application):
    return make_application(make_matter(), state="issued", number="YA-20260101-0001")


def unchanged(application) -> tuple:
    case = Case.objects.get(pk=application.pk)
    return (
        case.rating,
        case.rating_comment,
        FollowUp.objects.count(),
        Case.objects.filter(kind="followup").count(),
    )


def test_the_applicant_rates_an_ended_application_once(users, issued):
    rated = application_rate(actor=users["resident"], application=issued, rating=5, comment="窗口很耐心")
    assert (rated.case.rating, rated.case.rating_comment) == (5, "窗口很耐心")
    assert not FollowUp.objects.exists()  # a good rating opens nothing
    event = AuditEvent.objects.get(verb="hall.rated")
    assert event.summary["rating"] == 5
    assert event.summary["label"] == "非常满意"
    before = unchanged(issued)
    with pytest.raises(Conflict, match="已经评价过了"):
        application_rate(actor=users["resident"], application=issued, rating=1)
    assert unchanged(issued) == before


def test_a_refused_application_may_be_rated_too(users, make_matter, make_application):
    refused = make_application(make_matter(), state="refused")
    assert application_rate(actor=users["resident"], application=refused, rating=3).case.rating == 3


@pytest.mark.parametrize("state", ["submitted", "township_review", "approved", "withdrawn"])
def test_an_open_or_withdrawn_application_cannot_be_rated(users, make_matter, make_application, state):
    application = make_application(make_matter(), state=state)
    before = unchanged(application)
    with pytest.raises(Conflict, match="办结后才能评价"):
        application_rate(actor=users["resident"], application=application, rating=4)
    assert unchanged(application) == before


@pytest.mark.parametrize("who", ["window_clerk", "township_admin", "supervisor", "stranger"])
def test_only_the_applicant_rates(users, areas, issued, who):
    actor = make_user("stranger", "resident", areas["village"]) if who == "stranger" else users[who]
    before = unchanged(issued)
    with pytest.raises(NotPermitted, match="只有申请人本人可以评价"):
        application_rate(actor=actor, application=issued, rating=1)
    assert unchanged(issued) == before


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_a_rating_off_the_scale_is_refused(users, issued, rating):
    before = unchanged(issued)
    with pytest.raises(DomainError, match="请选择评价等级"):
        application_rate(actor=users["resident"], application=issued, rating=rating)
    assert unchanged(issued) == before


@pytest.mark.parametrize("rating", [2, 1])
def test_a_bad_rating_opens_a_follow_up_for_the_township(users, township_clerk, issued, rating):
    application_rate(actor=users["resident"], application=issued, rating=rating, comment="跑了三趟")
    followup = FollowUp.objects.select_related("case").get(application=issued)
    case = followup.case
    assert case.kind == FOLLOWUP_KIND
    assert case.state == "open"
    assert case.community == issued.case.community
    assert case.area_path == issued.case.area_path
    assert case.author == users["resident"]
    assert case.privacy == "staff_only"
    assert case.body == "跑了三趟"
    assert case.due_at is not None
    assert case.due_limit
    routed = lambda user: Case.objects.filter(case_routed_q(user, FOLLOWUP), pk=case.pk).exists()  # noqa: E731
    assert routed(users["township_admin"])
    assert not any(routed(u) for u in (users["window_clerk"], township_clerk, users["supervisor"]))
    assert AuditEvent.objects.get(verb="hall.rated").summary["followup"] == followup.pk
    # Whoever the follow-up is routed to is told at once (the township admin), and nobody else on staff.
    told = Notice.objects.filter(kind="case.followup", url=reverse("hall:followup", args=[followup.pk]))
    assert list(told.values_list("recipient__username", flat=True)) == ["township_admin"]
    assert str(RATINGS[rating]) in told.get().body
    # The timeline names the rating on the national scale, not in stars.
    rated = issued.case.events.get(verb="rate")
    assert rated.note == f"{RATINGS[rating]} 跑了三趟"


def test_basically_satisfied_opens_no_follow_up(users, issued):
    application_rate(actor=users["resident"], application=issued, rating=3)
    assert not FollowUp.objects.exists()


def test_rating_from_the_page(client, users, issued):
    url = reverse("hall:detail", args=[issued.pk])
    client.force_login(users["resident"])
    page = client.get(url).content.decode()
    assert 'data-testid="rate-form"' in page
    assert "非常不满意" in page
    response = client.post(reverse("hall:rate", args=[issued.pk]), {"rating": "2", "comment": "排队太久"})
    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert 'data-testid="rate-form"' not in page
    assert "不满意 · 排队太久" in page
    assert 'data-testid="followup-outcome"' in page
    assert "待回访" in page
    # Twice: the message says so on the page, nothing changes.
    response = client.post(reverse("hall:rate", args=[issued.pk]), {"rating": "5"}, follow=True)
    assert "已经评价过了" in response.content.decode()
    assert Case.objects.get(pk=issued.pk).rating == 2


def test_the_rating_form_is_the_applicants_alone(client, users, issued, make_matter, make_application):
    client.force_login(users["window_clerk"])
    assert (
        'data-testid="rate-form"' not in client.get(reverse("hall:detail", args=[issued.pk])).content.decode()
    )
    assert client.post(reverse("hall:rate", args=[issued.pk]), {"rating": "1"}).status_code == 403
    other = make_user("other_resident", "resident", issued.case.community)
    client.force_login(other)
    assert client.post(reverse("hall:rate", args=[issued.pk]), {"rating": "1"}).status_code == 404
    assert Case.objects.get(pk=issued.pk).rating is None
    open_one = make_application(make_matter(), state="township_review")
    client.force_login(users["resident"])
    page = client.get(reverse("hall:detail", args=[open_one.pk])).content.decode()
    assert 'data-testid="rate-form"' not in page
    response = client.post(reverse("hall:rate", args=[open_one.pk]), {"rating": "5"}, follow=True)
    assert "办结后才能评价" in response.content.decode()
