"""Consultative polls and the 双评 on the kernel's ballot box: one vote each, results hidden before the close,
the 民主评议's quorum, two consecutive 不称职 flagged to the township, results in post order (never a
ranking), satisfaction rates, refusals that change nothing, the pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.ballots.actions import ballot_cast
from gongzhi.ballots.models import BallotBox, Participation
from gongzhi.ballots.selectors import ballot_box_invariant
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.notices.models import Notice
from gongzhi.polls.actions import (
    round_close,
    round_poll_open,
    round_review_open,
    round_satisfaction_open,
    rounds_finalise_due,
)
from gongzhi.polls.models import ReviewSeat, Round, RoundBox
from gongzhi.polls.selectors import flags_for, round_results, rounds_for

from .conftest import later


def _poll(users, areas, **extra):
    return round_poll_open(
        actor=extra.pop("actor", users["community_staff"]),
        area=extra.pop("area", areas["village"]),
        title=extra.pop("title", "村东广场改造方案征求意见"),
        question=extra.pop("question", "广场改造优先建设哪一项？"),
        options=extra.pop("options", ["健身器材", "儿童游乐", "停车位"]),
        closes_at=extra.pop("closes_at", later()),
        **extra,
    )


def _box(round_):
    return RoundBox.objects.get(round=round_).box


def _counts():
    return (
        Round.objects.count(),
        BallotBox.objects.count(),
        Notice.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_poll_asks_the_adults_with_accounts_once_each_and_tells_them(users, areas, village):
    poll = _poll(users, areas)
    box = _box(poll)
    # 6 representatives, the supervisor and a resident have accounts; the committee members have none.
    assert poll.eligible == 8 == box.eligible.count()
    assert Notice.objects.filter(kind="poll_opened").count() == 8
    voter = village["evaluators"][0]
    assert ballot_cast(actor=voter, box=box, answers={"q": "o1"}).receipt
    before = (Participation.objects.count(), AuditEvent.objects.count())
    with pytest.raises(Conflict) as refused:
        ballot_cast(actor=voter, box=box, answers={"q": "o2"})
    assert "只能投一票" in refused.value.message
    assert (Participation.objects.count(), AuditEvent.objects.count()) == before
    with pytest.raises(NotPermitted):
        ballot_cast(actor=users["other_staff"], box=box, answers={"q": "o1"})


def test_results_are_hidden_until_the_close_then_shares_of_the_ballots(client, users, areas, village):
    poll = _poll(users, areas, public_results=True)
    box = _box(poll)
    for voter, option in zip(village["evaluators"], ["o1", "o1", "o2", "o3"], strict=False):
        ballot_cast(actor=voter, box=box, answers={"q": option})
    with pytest.raises(NotFound):
        round_results(poll)
    client.force_login(users["resident"])
    page = client.get(reverse("polls:round", args=[poll.pk])).content.decode()
    assert 'data-testid="results-hidden"' in page
    assert "option-o1" not in page
    assert "不是村(居)民会议或代表会议的决定" in page
    assert client.get(reverse("polls:public", args=[poll.pk])).status_code == 404
    round_close(actor=users["community_staff"], round_=poll)
    results = round_results(Round.objects.get(pk=poll.pk))
    assert [(o.label, o.votes, o.percent) for o in results.options] == [
        ("健身器材", 2, "50.0%"),
        ("儿童游乐", 1, "25.0%"),
        ("停车位", 1, "25.0%"),
    ]
    assert ballot_box_invariant(box)["ok"]
    page = client.get(reverse("polls:round", args=[poll.pk])).content.decode()
    assert 'data-testid="option-o1"' in page
    assert "50.0%" in page
    client.logout()
    public = client.get(reverse("polls:public", args=[poll.pk]))
    assert public.status_code == 200
    assert "50.0%" in public.content.decode()


def test_a_poll_without_public_results_is_not_readable_without_login(client, users, areas, village):
    poll = _poll(users, areas)
    round_close(actor=users["community_staff"], round_=poll)
    assert client.get(reverse("polls:public", args=[poll.pk])).status_code == 404
    assert client.get(reverse("polls:round", args=[poll.pk])).status_code == 302  # to the login


def test_a_township_poll_has_a_box_in_each_community_with_voters(users, areas, village, make_resident):
    from tests.conftest import make_user
    from tests.polls.conftest import link

    link(make_resident("grid_b1", name="东街居民"), make_user("east1"))
    poll = _poll(users, areas, actor=users["township_admin"], area=areas["township"])
    assert poll.boxes.count() == 2
    assert poll.eligible == 9
    with pytest.raises(NotPermitted):
        _poll(users, areas, actor=users["community_staff"], area=areas["township"])


def test_bad_polls_are_refused_with_a_message_and_change_nothing(users, areas, village):
    before = _counts()
    for extra, words in (
        ({"options": ["只有一个"]}, "选项"),
        ({"options": ["同意", "同意"]}, "不能重复"),
        ({"closes_at": timezone.now()}, "截止时间"),
        ({"title": ""}, "事项"),
        ({"area": areas["grid_a1"]}, "全镇"),
    ):
        with pytest.raises(DomainError) as refused:
            _poll(users, areas, **extra)
        assert words in refused.value.message
    with pytest.raises(NotPermitted):
        _poll(users, areas, actor=users["resident"])
    with pytest.raises(NotPermitted):
        _poll(users, areas, actor=users["other_staff"])
    assert _counts() == before


def _review(village, areas, **extra):
    return round_review_open(
        actor=extra.pop("actor", village["supervisor"]),
        community=areas["village"],
        closes_at=later(),
        **extra,
    )


def _rate(village, round_, ratings):
    """ratings: one {member name: option} per evaluator who takes part."""
    box = _box(round_)
    keys = {seat.name: seat.key for seat in ReviewSeat.objects.filter(round=round_)}
    for voter, rating in zip(village["evaluators"], ratings, strict=False):
        ballot_cast(actor=voter, box=box, answers={keys[name]: option for name, option in rating.items()})


def _all(option, **others):
    return {"王主任": option, "赵副主任": option, "李主任": option, **others}


def test_the_review_asks_the_representatives_about_each_member_in_post_order(village, areas):
    review = _review(village, areas)
    box = _box(review)
    assert review.eligible == 6
    assert box.eligible.count() == 6
    assert [q["text"] for q in box.questions] == ["王主任（主任）", "赵副主任（副主任）", "李主任（委员）"]
    assert [o["label"] for o in box.questions[0]["options"]] == ["称职", "基本称职", "不称职"]
    assert (box.quorum_numerator, box.quorum_denominator) == (2, 3)


def test_a_review_without_quorum_judges_nobody(village, areas):
    review = _review(village, areas)
    _rate(village, review, [_all("incompetent")] * 3)  # 3 of 6: two thirds is 4
    round_close(actor=village["supervisor"], round_=review)
    results = round_results(Round.objects.get(pk=review.pk))
    assert not results.quorate
    assert results.participated == 3
    assert not ReviewSeat.objects.filter(unfit=True).exists()


def test_results_are_in_post_order_never_ranked_by_score(village, areas):
    review = _review(village, areas)
    ratings = [_all("competent", 李主任="competent", 王主任="incompetent")] * 4
    _rate(village, review, ratings)
    round_close(actor=village["supervisor"], round_=review)
    seats = round_results(Round.objects.get(pk=review.pk)).seats
    assert [(s.name, s.competent, s.incompetent, s.unfit) for s in seats] == [
        ("王主任", 0, 4, True),
        ("赵副主任", 4, 0, False),
        ("李主任", 4, 0, False),
    ]


def test_two_consecutive_unfit_reviews_are_flagged_to_the_township(client, village, areas, users):
    year = timezone.localdate().year
    first = _review(village, areas, year=year - 1)
    _rate(village, first, [_all("competent", 王主任="incompetent")] * 3 + [_all("competent")])
    round_close(actor=village["supervisor"], round_=first)
    assert ReviewSeat.objects.get(round=first, name="王主任").unfit
    assert not ReviewSeat.objects.filter(flagged=True).exists()
    second = _review(village, areas, year=year)
    # 不称职 must be more than half: 2 of 4 is not; 3 of 4 is.
    _rate(village, second, [_all("competent", 王主任="incompetent", 赵副主任="incompetent")] * 2 + [
        _all("competent", 王主任="incompetent"), _all("basically_competent")])  # fmt: skip
    round_close(actor=village["supervisor"], round_=second)
    seats = {s.name: s for s in ReviewSeat.objects.filter(round=second)}
    assert seats["王主任"].flagged
    assert seats["王主任"].incompetent == 3
    assert not seats["赵副主任"].unfit  # 2 of 4: half, not more than half
    notice = Notice.objects.get(kind="review_flagged")
    assert notice.recipient == users["township_admin"]
    assert "王主任" in notice.title
    assert AuditEvent.objects.filter(verb="review.flagged").count() == 1
    assert [s.name for s in flags_for(viewer=users["township_admin"])] == ["王主任"]
    assert not flags_for(viewer=users["community_staff"]).exists()
    client.force_login(users["township_admin"])
    page = client.get(reverse("polls:flags")).content.decode()
    assert "王主任" in page
    assert "尚未登记离任" in page
    client.force_login(users["community_staff"])
    assert client.get(reverse("polls:flags")).status_code == 403


def test_only_a_supervisory_committee_member_runs_the_review_once_a_year(village, areas, users):
    from gongzhi.accounts.models import RoleAssignment
    from gongzhi.accounts.roles import Role
    from tests.conftest import make_user

    outsider = make_user("sup2", Role.SUPERVISOR, areas["village"])  # the role, but not on the committee
    _review(village, areas)
    before = _counts()
    for actor in (outsider, users["community_staff"], users["township_admin"], users["resident"]):
        with pytest.raises(NotPermitted):
            _review(village, areas, actor=actor)
    with pytest.raises(Conflict) as twice:
        _review(village, areas)
    assert "已经开展过了" in twice.value.message
    with pytest.raises(DomainError):
        _review(village, areas, year=timezone.localdate().year - 5)
    assert _counts() == before
    assert RoleAssignment.objects.filter(user=outsider).exists()


def test_a_review_needs_every_evaluator_online(village, areas, make_resident, users):
    from gongzhi.bodies.actions import membership_add
    from gongzhi.bodies.models import Post

    offline = make_resident(name="没账号代表")
    membership_add(
        actor=users["community_staff"],
        body=village["representatives"],
        resident=offline,
        post=Post.REPRESENTATIVE,
        started_on=timezone.localdate(),
    )
    before = _counts()
    with pytest.raises(DomainError) as refused:
        _review(village, areas)
    assert "没账号代表" in refused.value.message
    assert "开通账号" in refused.value.message
    assert _counts() == before


def test_the_residents_rate_the_committee_as_satisfaction_rates(village, areas, users):
    rating = round_satisfaction_open(
        actor=village["supervisor"], community=areas["village"], closes_at=later()
    )
    box = _box(rating)
    assert rating.eligible == 8
    for voter, option in zip(
        village["evaluators"], ["satisfied", "satisfied", "basically", "dissatisfied"], strict=False
    ):
        ballot_cast(actor=voter, box=box, answers={"q": option})
    with pytest.raises(NotPermitted):
        round_close(actor=users["community_staff"], round_=rating)
    round_close(actor=village["supervisor"], round_=rating)
    results = round_results(Round.objects.get(pk=rating.pk))
    assert (results.satisfied_percent, results.satisfied_basic_percent) == ("50.0%", "75.0%")


def test_the_periodic_job_closes_and_finalises_rounds_whose_time_is_up(village, areas, users):
    poll = _poll(users, areas)
    ballot_cast(actor=village["evaluators"][0], box=_box(poll), answers={"q": "o2"})
    assert rounds_finalise_due() == 0
    Round.objects.filter(pk=poll.pk).update(closes_at=timezone.now())
    BallotBox.objects.filter(pk=_box(poll).pk).update(closes_at=timezone.now())
    assert rounds_finalise_due() == 1
    poll.refresh_from_db()
    assert poll.closed_at is not None
    assert round_results(poll).options[1].votes == 1
    with pytest.raises(DomainError):
        round_close(actor=users["community_staff"], round_=poll)


def test_who_sees_which_round(village, areas, users):
    poll = _poll(users, areas)
    for name in ("resident", "community_staff", "supervisor", "township_admin"):
        assert rounds_for(viewer=users[name]).filter(pk=poll.pk).exists(), name
    for name in ("other_staff", "nobody"):
        assert not rounds_for(viewer=users[name]).filter(pk=poll.pk).exists(), name


def test_the_pages_open_a_poll_and_list_it_for_the_voter(client, village, areas, users):
    client.force_login(users["community_staff"])
    assert client.get(reverse("polls:poll_new")).status_code == 200
    closes = timezone.localtime(later()).strftime("%Y-%m-%dT%H:%M")
    answer = client.post(
        reverse("polls:poll_new"),
        {
            "area": areas["village"].pk,
            "title": "垃圾分类点位",
            "question": "新点位设在哪里？",
            "options": "村口\n祠堂旁",
            "closes_at": closes,
        },
    )
    poll = Round.objects.get(title="垃圾分类点位")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("polls:round", args=[poll.pk])
    bad = client.post(
        reverse("polls:poll_new"),
        {
            "area": areas["village"].pk,
            "title": "重复选项",
            "question": "选哪个？",
            "options": "甲\n甲",
            "closes_at": closes,
        },
    )
    assert bad.status_code == 200
    assert "选项不能重复" in bad.content.decode()
    assert not Round.objects.filter(title="重复选项").exists()
    client.force_login(users["resident"])
    page = client.get(reverse("polls:index")).content.decode()
    assert f'data-testid="mine-{poll.pk}"' in page
    assert reverse("ballots:box", args=[_box(poll).pk]) in page
    assert client.get(reverse("polls:poll_new")).status_code == 403
    assert client.post(reverse("polls:close", args=[poll.pk])).status_code == 403
    assert Round.objects.get(pk=poll.pk).closed_at is None


def test_the_supervisor_opens_a_review_from_the_page(client, village, areas, users):
    client.force_login(users["supervisor"])
    closes = timezone.localtime(later()).strftime("%Y-%m-%dT%H:%M")
    year = timezone.localdate().year
    answer = client.post(
        reverse("polls:review_new"), {"area": areas["village"].pk, "year": year, "closes_at": closes}
    )
    review = Round.objects.get(kind="review")
    assert answer.status_code == 302
    client.post(reverse("polls:close", args=[review.pk]))
    page = client.get(reverse("polls:round", args=[review.pk])).content.decode()
    assert "不足法定人数" in page
    assert page.index("王主任") < page.index("赵副主任") < page.index("李主任")


def test_the_home_page_shows_the_rounds_waiting_for_the_voter(client, village, areas, users):
    poll = _poll(users, areas)
    client.force_login(users["resident"])
    page = client.get("/").content.decode()
    assert 'data-testid="home-polls"' in page
    vote = reverse("ballots:box", args=[_box(poll).pk])
    assert vote in page
    ballot_cast(actor=users["resident"], box=_box(poll), answers={"q": "o1"})
    page = client.get("/").content.decode()
    assert vote not in page
    client.force_login(users["nobody"])
    assert 'data-testid="home-polls"' not in client.get("/").content.decode()


def test_a_round_whose_box_the_kernel_closed_still_closes_and_keeps_its_results(village, areas, users):
    from gongzhi.ballots.actions import ballot_boxes_close_due

    poll = _poll(users, areas)
    ballot_cast(actor=village["evaluators"][0], box=_box(poll), answers={"q": "o3"})
    BallotBox.objects.filter(pk=_box(poll).pk).update(closes_at=timezone.now())
    assert ballot_boxes_close_due() == 1  # the kernel's own job, before the round's
    round_close(actor=users["community_staff"], round_=Round.objects.get(pk=poll.pk))
    assert round_results(Round.objects.get(pk=poll.pk)).options[2].votes == 1


def _hire(village, areas, users, make_resident, name="钱报账", title="报账员"):
    from gongzhi.bodies.actions import body_create, membership_add
    from gongzhi.bodies.models import BodyKind, Post

    from .conftest import START

    staff_body = body_create(actor=users["community_staff"], area=areas["village"], kind=BodyKind.STAFF)
    hired = make_resident(name=name)
    membership_add(
        actor=users["community_staff"], body=staff_body, resident=hired, post=Post.OTHER, title=title,
        started_on=START,
    )  # fmt: skip
    return staff_body, hired


def test_the_review_also_evaluates_the_hired_staff_after_the_members(village, areas, users, make_resident):
    """村民委员会组织法 第三十三条: 村民委员会成员以及…承担误工补贴的聘用人员，应当接受…民主评议."""
    from gongzhi.bodies.actions import membership_add
    from gongzhi.bodies.models import Post

    from .conftest import START

    staff_body, _hired = _hire(village, areas, users, make_resident)
    # A committee member who is also hired staff is evaluated once, as a member.
    membership_add(
        actor=users["community_staff"], body=staff_body, resident=village["members"][1], post=Post.OTHER,
        title="保洁员", started_on=START,
    )  # fmt: skip
    review = _review(village, areas)
    assert "聘用人员" in review.title
    texts = [q["text"] for q in _box(review).questions]
    assert texts == ["王主任（主任）", "赵副主任（副主任）", "李主任（委员）", "钱报账（报账员）"]
    seats = {s.name: s.committee_member for s in ReviewSeat.objects.filter(round=review)}
    assert seats == {"王主任": True, "赵副主任": True, "李主任": True, "钱报账": False}


def test_hired_staff_unfit_twice_are_not_flagged_only_committee_members_are(
    client, village, areas, users, make_resident
):
    _hire(village, areas, users, make_resident)
    year = timezone.localdate().year
    for round_year in (year - 1, year):
        review = _review(village, areas, year=round_year)
        _rate(village, review, [_all("competent", 王主任="incompetent", 钱报账="incompetent")] * 4)
        round_close(actor=village["supervisor"], round_=review)
    seats = {s.name: s for s in ReviewSeat.objects.filter(round=review)}
    assert seats["钱报账"].unfit
    assert not seats["钱报账"].flagged
    assert seats["王主任"].unfit
    assert seats["王主任"].flagged
    assert [s.name for s in flags_for(viewer=users["township_admin"])] == ["王主任"]
    client.force_login(users["supervisor"])
    page = client.get(reverse("polls:round", args=[review.pk])).content.decode()
    assert 'data-testid="hired"' in page
    from gongzhi.accounts.actions import api_token_create

    _token, key = api_token_create(actor=users["supervisor"], user=users["supervisor"], name="test")
    found = client.get(f"/api/v1/polls/{review.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()["results"][
        "seats"
    ]
    assert [(s["name"], s["committee_member"], s["flagged"]) for s in found][-2:] == [
        ("李主任", True, False),
        ("钱报账", False, False),
    ]


def test_unfit_as_hired_staff_then_as_member_is_not_two_consecutive_as_member(
    village, areas, users, make_resident
):
    from gongzhi.bodies.actions import membership_add
    from gongzhi.bodies.models import Post
    from gongzhi.bodies.selectors import memberships_current

    from .conftest import START

    _staff_body, hired = _hire(village, areas, users, make_resident)
    year = timezone.localdate().year
    first = _review(village, areas, year=year - 1)
    _rate(village, first, [_all("competent", 钱报账="incompetent")] * 4)
    round_close(actor=village["supervisor"], round_=first)
    assert ReviewSeat.objects.get(round=first, name="钱报账").unfit
    membership_add(
        actor=users["community_staff"], body=village["committee"], resident=hired, post=Post.MEMBER,
        started_on=START,
    )  # fmt: skip
    assert hired.pk in {m.resident_id for m in memberships_current(village["committee"])}
    second = _review(village, areas, year=year)
    _rate(village, second, [_all("competent", 钱报账="incompetent")] * 4)
    round_close(actor=village["supervisor"], round_=second)
    seat = ReviewSeat.objects.get(round=second, name="钱报账")
    assert seat.committee_member
    assert seat.unfit
    assert not seat.flagged


def _township_poll(users, areas, make_resident, east_voters):
    from tests.conftest import make_user
    from tests.polls.conftest import link

    east = [
        link(make_resident("grid_b1", name="东街居民" + "甲乙丙丁戊己"[n]), make_user(f"east{n}")).user
        for n in range(6)
    ]
    poll = _poll(users, areas, actor=users["township_admin"], area=areas["township"])
    boxes = {rb.community_id: rb.box for rb in RoundBox.objects.filter(round=poll)}
    return poll, boxes, east[:east_voters]


def test_a_township_poll_shows_each_community_after_the_close_hiding_small_ones(
    client, users, areas, village, make_resident
):
    from gongzhi.accounts.actions import api_token_create

    poll, boxes, east = _township_poll(users, areas, make_resident, east_voters=6)
    for voter, option in zip(village["evaluators"], ["o1", "o1", "o1", "o2", "o2", "o3"], strict=True):
        ballot_cast(actor=voter, box=boxes[areas["village"].pk], answers={"q": option})
    for voter in east:
        ballot_cast(actor=voter, box=boxes[areas["urban"].pk], answers={"q": "o3"})
    _token, key = api_token_create(actor=users["township_admin"], user=users["township_admin"], name="t")
    api = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert (
        client.get(f"/api/v1/polls/{poll.pk}", **api).json()["results"] is None
    )  # before the close: nothing
    round_close(actor=users["township_admin"], round_=poll)
    results = round_results(Round.objects.get(pk=poll.pk))
    assert [o.votes for o in results.options] == [3, 2, 7]
    parts = {c.name: c for c in results.communities}
    assert [(o.votes, o.percent) for o in parts["青山村"].options] == [
        (3, "50.0%"),
        (2, "33.3%"),
        (1, "16.7%"),
    ]
    assert parts["青山村"].shown
    assert parts["东街社区"].shown
    assert [o.votes for o in parts["东街社区"].options] == [0, 0, 6]
    found = client.get(f"/api/v1/polls/{poll.pk}", **api).json()["results"]
    assert found["breakdown_min"] == 5
    assert [(c["name"], c["shown"], [o["votes"] for o in c["options"]]) for c in found["communities"]] == [
        ("青山村", True, [3, 2, 1]),
        ("东街社区", True, [0, 0, 6]),
    ]
    client.force_login(users["township_admin"])
    page = client.get(reverse("polls:round", args=[poll.pk])).content.decode()
    assert 'data-testid="communities"' in page
    assert 'data-testid="hidden"' not in page


def test_a_community_with_few_ballots_is_hidden_with_the_smallest_other_so_no_vote_can_be_inferred(
    client, users, areas, village, make_resident
):
    from gongzhi.accounts.actions import api_token_create

    poll, boxes, east = _township_poll(users, areas, make_resident, east_voters=2)
    for voter in village["evaluators"]:
        ballot_cast(actor=voter, box=boxes[areas["village"].pk], answers={"q": "o1"})
    for voter in east:
        ballot_cast(actor=voter, box=boxes[areas["urban"].pk], answers={"q": "o2"})
    round_close(actor=users["township_admin"], round_=poll)
    results = round_results(Round.objects.get(pk=poll.pk))
    assert [o.votes for o in results.options] == [6, 2, 0]  # the total still counts every ballot
    # 东街社区 has 2 ballots: hidden; shown alone, 青山村 would give them away as the total less its own.
    assert [(c.name, c.shown, c.options, c.participated) for c in results.communities] == [
        ("青山村", False, [], 6),
        ("东街社区", False, [], 2),
    ]
    _token, key = api_token_create(actor=users["township_admin"], user=users["township_admin"], name="t")
    found = client.get(f"/api/v1/polls/{poll.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()["results"]
    assert [(c["shown"], c["options"]) for c in found["communities"]] == [(False, []), (False, [])]
    client.force_login(users["township_admin"])
    page = client.get(reverse("polls:round", args=[poll.pk])).content.decode()
    assert page.count('data-testid="hidden"') == 2


def test_breakdown_suppression_hides_small_cells_and_just_enough_others():
    from gongzhi.polls.selectors import CommunityResults, breakdown_suppress

    def parts(*counted):
        return [CommunityResults(n, f"c{n}", 50, c, c, options=["x"]) for n, c in enumerate(counted)]

    assert [p.shown for p in breakdown_suppress(parts(9, 7, 0))] == [True, True, True]  # nobody voted in c2
    assert [p.shown for p in breakdown_suppress(parts(9, 7, 3))] == [True, False, False]
    assert [p.shown for p in breakdown_suppress(parts(9, 7, 3, 2))] == [
        True,
        True,
        False,
        False,
    ]  # 5 together
    assert [p.shown for p in breakdown_suppress(parts(9, 7, 1, 1))] == [True, False, False, False]
    hidden = breakdown_suppress(parts(9, 4))
    assert [(p.shown, p.options) for p in hidden] == [(False, []), (False, [])]
