"""办件统计: per matter and per department over a period — received, accepted, refused, finished, on time, median
days, satisfaction, one visit, the unreasonable apart, amber and red — grouped in the database, never naming
people, each viewer within their reach."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.cases.models import Case
from gongzhi.hall.models import Application, HandlingMode
from gongzhi.hall.selectors.stats import stats_for
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def hall(users, areas, make_matter, make_application, other_department):
    """Applications of 最低生活保障 (民政办) in every situation the figures tell apart, one of another department's
    matter, one of a village-direct matter in 东街社区, and one received long ago."""
    now = timezone.now()
    t0 = now - 30 * DAY
    a = make_matter(name="最低生活保障")
    b = make_matter(name="农机购置补贴", department=other_department)
    c = make_matter(name="老年优待证", mode=HandlingMode.VILLAGE_DIRECT)

    def app(matter, state, *, rating=None, due=None, created=t0, community=None, **extra):
        application = make_application(matter, state=state, community=community, **extra)
        Case.objects.filter(pk=application.pk).update(rating=rating, created_at=created, due_at=due)
        return application

    accepted = {"accepted_at": t0}
    app(a, "issued", rating=5, issued_at=t0 + 2 * DAY, promised_due_at=t0 + 10 * DAY, visits=1, **accepted)
    app(a, "issued", rating=2, issued_at=t0 + 4 * DAY, promised_due_at=t0 + 3 * DAY, visits=2, **accepted)
    app(a, "issued", rating=4, issued_at=t0 + 6 * DAY, visits=0, **accepted)  # no promised limit
    app(a, "refused")
    app(
        a,
        "refused",
        rating=1,
        unreasonable_at=t0,
        unreasonable_reason="超出职权",
        unreasonable_basis="某法第1条",
    )
    app(a, "issued", rating=3, issued_at=t0 + DAY, promised_due_at=t0 + 5 * DAY, visits=1,
        unreasonable_at=t0, unreasonable_review="overturned", **accepted)  # fmt: skip
    app(a, "township_review", accepted_at=now - 8 * DAY, due=now - DAY)  # red
    app(a, "township_review", accepted_at=now - 9 * DAY, due=now + DAY)  # amber: 90 % of its time gone
    app(a, "township_review", accepted_at=now - DAY, due=now + 9 * DAY)  # on track
    app(
        a, "issued", rating=1, created=now - 400 * DAY, accepted_at=now - 400 * DAY, issued_at=now - 300 * DAY
    )
    app(b, "submitted", due=now + 3 * DAY)
    app(b, "supplementing")  # open, the applicant's turn (no due time while they supply)
    app(c, "issued", rating=5, community=areas["urban"], accepted_at=t0, issued_at=t0 + DAY, visits=1)
    return {"a": a, "b": b, "c": c, "start": timezone.localdate() - 60 * DAY, "end": timezone.localdate()}


def test_the_figures_of_a_matter(users, hall):
    stats = stats_for(viewer=users["township_admin"], start=hall["start"], end=hall["end"])
    rows = {row.key: row for row in stats.matters}
    f = rows[hall["a"].pk].figures
    assert (f.received, f.accepted, f.refused, f.finished) == (9, 7, 1, 4)
    assert f.unreasonable == 1  # shown apart, in no rate (the overturned mark counts as usual)
    assert (f.on_time, f.finished_with_due, f.on_time_rate) == (2, 3, 66.7)
    assert f.median_days == 3.0  # 1, 2, 4, 6 calendar days from acceptance to issue
    assert (f.satisfied, f.rated, f.satisfaction_rate) == (2, 4, 50.0)
    assert f.levels == {5: 1, 4: 1, 3: 1, 2: 1, 1: 0}  # the marked request's 非常不满意 is not among them
    assert (f.one_visit, f.one_visit_rate) == (3, 75.0)
    assert (f.open, f.amber, f.red) == (3, 1, 1)
    assert rows[hall["c"].pk].department == "村(社区)直接办结"


def test_departments_and_the_total_add_up(users, hall):
    stats = stats_for(viewer=users["township_admin"], start=hall["start"], end=hall["end"])
    departments = {row.label: row.figures for row in stats.departments}
    assert set(departments) == {"民政办", "农业农村办", "村(社区)直接办结"}
    assert departments["民政办"].received == 9
    assert departments["农业农村办"].received == 2
    assert (departments["农业农村办"].open, departments["农业农村办"].amber) == (2, 0)
    assert (stats.total.received, stats.total.finished, stats.total.rated) == (12, 5, 5)
    assert stats.total.satisfaction_rate == 60.0
    assert stats.total.median_days == 2.0  # 1, 1, 2, 4, 6


def test_a_period_leaves_out_what_was_received_outside_it(users, hall):
    long_ago = timezone.localdate() - 400 * DAY
    stats = stats_for(viewer=users["township_admin"], start=long_ago, end=long_ago)
    (row,) = [r for r in stats.matters if r.figures.received]
    assert row.key == hall["a"].pk
    assert (row.figures.received, row.figures.finished) == (1, 1)
    assert row.figures.median_days == 100.0


def test_each_viewer_sees_their_reach(users, officer, hall):
    def keys(user):
        stats = stats_for(viewer=user, start=hall["start"], end=hall["end"])
        return {row.key for row in stats.matters if row.figures.received}

    assert keys(users["township_admin"]) == {hall["a"].pk, hall["b"].pk, hall["c"].pk}
    assert keys(officer) == {hall["a"].pk}  # 民政办's matters only
    assert keys(users["supervisor"]) == {hall["a"].pk, hall["b"].pk}  # 青山村's applications only
    assert keys(users["window_clerk"]) == set()


def test_grouped_in_the_database_in_a_few_queries(users, hall, django_assert_num_queries):
    # The viewer's roles (read once per request), then counts, days, open now, the matters' names.
    with django_assert_num_queries(5):
        stats_for(viewer=users["township_admin"], start=hall["start"], end=hall["end"])


def test_the_page_names_no_one(client, users, officer, hall):
    clerk = make_user("clerk_li", display_name="李晓窗")
    Application.objects.filter(matter=hall["a"]).update(
        accepted_by=clerk, issued_by=clerk, decided_by=officer
    )
    User.objects.filter(pk=users["resident"].pk).update(display_name="王秀英")
    client.force_login(users["township_admin"])
    url = reverse("hall:stats")
    page = client.get(
        url, {"start": hall["start"].isoformat(), "end": hall["end"].isoformat()}
    ).content.decode()
    assert 'data-testid="total-received">12<' in page
    assert "最低生活保障" in page
    assert "民政办" in page
    assert 'data-testid="total-unreasonable">1<' in page
    assert "自然日" in page
    for name in ("李晓窗", "民政办审批员", "王秀英"):  # no clerk, officer or applicant is named
        assert name not in page
    this_year = client.get(url).content.decode()
    assert timezone.localdate().replace(month=1, day=1).strftime("%Y-%m-%d") in this_year
    wrong = client.get(url, {"start": "2026-05-01", "end": "2026-04-01"}).content.decode()
    assert "开始日期不能晚于结束日期" in wrong


@pytest.mark.parametrize("who", ["window_clerk", "community_staff", "resident", "grid_worker"])
def test_the_page_is_for_the_township_the_departments_and_the_supervisory_committee(client, users, who):
    client.force_login(users[who])
    assert client.get(reverse("hall:stats")).status_code == 403


def test_the_page_for_a_department_officer_and_the_committee(client, users, officer, hall):
    for user in (officer, users["supervisor"]):
        client.force_login(user)
        page = client.get(reverse("hall:stats"), {"start": hall["start"].isoformat()}).content.decode()
        assert "最低生活保障" in page
        assert "老年优待证" not in page
    stranger = make_user("urban_supervisor", "supervisor", hall["c"].township)
    client.force_login(stranger)
    assert client.get(reverse("hall:stats")).status_code == 200
