"""The demo's polls and 双评 (gongzhi.devtools.demo_polls), made through the actions."""

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.ballots.selectors import ballot_box_invariant
from gongzhi.polls.models import ReviewSeat, Round, RoundBox
from gongzhi.polls.selectors import round_results, round_state

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_poll_and_a_closed_review_with_results(client):
    call_command("seed_demo", "--quiet")
    poll = Round.objects.get(kind="poll")
    assert round_state(poll) == "open"
    review = Round.objects.get(kind="review")
    results = round_results(review)
    assert results.quorate
    # In post order (主任, 副主任, 委员), never by their results; then the hired staff (第三十三条).
    posts = [s.post for s in results.seats if s.committee_member]
    assert posts[0] == "主任"
    assert set(posts[1:]) <= {"副主任", "委员"}
    assert posts == sorted(posts, key=["主任", "副主任", "委员"].index)
    hired = [s.post for s in results.seats if not s.committee_member]
    assert hired == ["报账员", "保洁员"]
    assert [s.committee_member for s in results.seats] == [True] * len(posts) + [False] * len(hired)
    assert all(s.total == results.participated for s in ReviewSeat.objects.filter(round=review))
    assert round_results(Round.objects.get(kind="satisfaction")).satisfied is not None
    assert all(ballot_box_invariant(rb.box)["ok"] for rb in RoundBox.objects.select_related("box"))
    client.force_login(User.objects.get(username="jumin"))
    page = client.get("/polls/").content.decode()
    assert poll.title in page
    assert "去投票" in page
    client.force_login(User.objects.get(username="jianwei"))
    assert "称职" in client.get(f"/polls/{review.pk}/").content.decode()
