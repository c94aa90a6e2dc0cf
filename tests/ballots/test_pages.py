"""The ballot pages: a voter casts and sees the receipt once; refusals change nothing; results after the close."""

import pytest

from gongzhi.audit.models import AuditEvent
from gongzhi.ballots.actions import ballot_box_close, ballot_cast
from gongzhi.ballots.models import Ballot, Participation

from .conftest import YES

pytestmark = pytest.mark.django_db

FORM = {"q_road": "against", "q_chair": "basically_competent"}


def counts(box) -> tuple[int, int]:
    return Participation.objects.filter(box=box).count(), Ballot.objects.filter(box=box, filled=True).count()


def test_my_ballots_lists_the_open_box_and_then_says_voted(open_box, voters, client):
    box = open_box()
    client.force_login(voters[0])
    page = client.get("/ballots/")
    assert box.title in page.content.decode()
    assert "去投票" in page.content.decode()
    ballot_cast(actor=voters[0], box=box, answers=YES)
    assert "已投票" in client.get("/ballots/").content.decode()


def test_a_voter_casts_on_the_page_and_sees_the_receipt_once(open_box, voters, client):
    box = open_box()
    client.force_login(voters[0])
    page = client.get(f"/ballots/{box.pk}/")
    text = page.content.decode()
    assert 'data-testid="ballot-form"' in text
    assert "称职" in text
    assert "无记名投票" in text
    done = client.post(f"/ballots/{box.pk}/", FORM)
    assert done.status_code == 200
    receipt = done.context["receipt"]
    assert receipt in done.content.decode()
    assert "只显示这一次" in done.content.decode()
    assert counts(box) == (1, 1)
    again = client.get(f"/ballots/{box.pk}/").content.decode()
    assert receipt not in again
    assert "您已经投过票" in again
    assert 'data-testid="ballot-form"' not in again


def test_a_second_cast_on_the_page_is_refused_with_a_message(open_box, voters, client):
    box = open_box()
    ballot_cast(actor=voters[0], box=box, answers=YES)
    client.force_login(voters[0])
    before = (counts(box), AuditEvent.objects.count())
    refused = client.post(f"/ballots/{box.pk}/", FORM)
    assert refused.status_code == 409
    assert "每人只能投一票" in refused.content.decode()
    assert (counts(box), AuditEvent.objects.count()) == before


def test_an_unanswered_question_is_shown_under_it_and_nothing_is_cast(open_box, voters, client):
    box = open_box()
    client.force_login(voters[0])
    page = client.post(f"/ballots/{box.pk}/", {"q_road": "for"})
    assert page.status_code == 200
    assert "请对这个问题作出选择" in page.content.decode()
    assert counts(box) == (0, 0)


def test_a_reader_sees_the_box_but_may_not_vote_and_others_do_not_see_it(open_box, users, client):
    box = open_box()
    client.force_login(users["supervisor"])
    page = client.get(f"/ballots/{box.pk}/").content.decode()
    assert "不在本次投票的投票人名单中" in page
    assert client.post(f"/ballots/{box.pk}/", FORM).status_code == 403
    client.force_login(users["other_staff"])
    assert client.get(f"/ballots/{box.pk}/").status_code == 404
    assert counts(box) == (0, 0)


def test_results_are_hidden_before_the_close_and_shown_after(open_box, voters, users, client):
    box = open_box()
    receipt = ballot_cast(actor=voters[0], box=box, answers=YES).receipt
    ballot_cast(actor=voters[1], box=box, answers={"road": "against", "chair": "competent"})
    client.force_login(users["community_staff"])
    hidden = client.get(f"/ballots/{box.pk}/results/").content.decode()
    assert 'data-testid="results-hidden"' in hidden
    assert 'data-testid="results"' not in hidden
    assert 'data-testid="receipts-hidden"' in client.get(f"/ballots/{box.pk}/receipts/").content.decode()
    ballot_box_close(actor=users["community_staff"], box=box)
    shown = client.get(f"/ballots/{box.pk}/results/")
    road = {k: n for k, _label, n in shown.context["results"].questions[0].counts}
    assert road == {"for": 1, "against": 1, "abstain": 0}
    assert 'data-testid="tally-road-for"' in shown.content.decode()
    client.force_login(voters[0])
    checked = client.post(f"/ballots/{box.pk}/receipts/", {"code": receipt.lower()})
    assert 'data-testid="receipt-included"' in checked.content.decode()
    assert checked.context["checked"]["fingerprint"] in checked.context["receipts"]
    wrong = client.post(f"/ballots/{box.pk}/receipts/", {"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"}).content.decode()
    assert "没有找到这个回执码的选票" in wrong
    assert 'data-testid="receipt-included"' not in wrong
