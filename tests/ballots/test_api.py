"""The ballot API: list, detail, cast with Idempotency-Key (a retry is "already counted"), results, receipts."""

import pytest

from gongzhi.accounts.actions import api_token_create
from gongzhi.ballots.actions import ballot_box_close
from gongzhi.ballots.models import Ballot, Participation

from .conftest import YES

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def call(user, method: str, path: str, body=None, **headers):
        token = api_token_create(actor=user, user=user, name="test")[1]
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}", **headers}
        if method == "GET":
            return client.get(f"/api/v1{path}", **kwargs)
        return client.post(f"/api/v1{path}", body or {}, content_type="application/json", **kwargs)

    return call


def test_a_voter_lists_reads_and_casts_and_a_retry_is_already_counted(open_box, voters, api):
    box = open_box()
    mine = api(voters[0], "GET", "/ballots/mine").json()
    assert [(b["id"], b["voted"], b["eligible"]) for b in mine] == [(box.pk, False, True)]
    detail = api(voters[0], "GET", f"/ballots/{box.pk}").json()
    assert [q["key"] for q in detail["questions"]] == ["road", "chair"]
    assert detail["state"] == "open"
    first = api(voters[0], "POST", f"/ballots/{box.pk}/cast", {"answers": YES}, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == 201
    assert first.json()["receipt"]
    assert first.json()["already_counted"] is False
    for _retry in range(3):
        again = api(
            voters[0], "POST", f"/ballots/{box.pk}/cast", {"answers": YES}, HTTP_IDEMPOTENCY_KEY="abc-1"
        )
        assert again.status_code == 200
        assert again.json()["already_counted"] is True
        assert again.json()["receipt"] is None
    other_key = api(
        voters[0], "POST", f"/ballots/{box.pk}/cast", {"answers": YES}, HTTP_IDEMPOTENCY_KEY="abc-2"
    )
    assert other_key.status_code == 409
    assert other_key.json()["code"] == "already_voted"
    assert (
        Participation.objects.filter(box=box).count()
        == Ballot.objects.filter(box=box, filled=True).count()
        == 1
    )
    assert api(voters[0], "GET", "/ballots/mine").json()[0]["voted"] is True


def test_a_bad_ballot_is_a_400_with_a_message_and_changes_nothing(open_box, voters, api):
    box = open_box()
    answer = api(
        voters[0], "POST", f"/ballots/{box.pk}/cast", {"answers": {"road": "nope", "chair": "competent"}}
    )
    assert answer.status_code == 400
    assert "选项无效" in answer.json()["message"]
    assert not Participation.objects.filter(box=box).exists()


def test_results_and_receipts_answer_409_before_the_close_and_add_up_after(open_box, voters, users, api):
    box = open_box()
    receipt = api(voters[0], "POST", f"/ballots/{box.pk}/cast", {"answers": YES}).json()["receipt"]
    for path in ("results", "receipts"):
        early = api(users["community_staff"], "GET", f"/ballots/{box.pk}/{path}")
        assert early.status_code == 409
        assert early.json()["code"] == "ballot_not_closed"
    ballot_box_close(actor=users["community_staff"], box=box)
    results = api(users["supervisor"], "GET", f"/ballots/{box.pk}/results").json()
    assert (results["eligible"], results["participated"], results["ballots"]) == (len(voters), 1, 1)
    assert {o["key"]: o["votes"] for o in results["questions"][0]["options"]} == {
        "for": 1,
        "against": 0,
        "abstain": 0,
    }
    listed = api(voters[1], "GET", f"/ballots/{box.pk}/receipts").json()["fingerprints"]
    checked = api(voters[1], "POST", f"/ballots/{box.pk}/receipt-check", {"code": receipt}).json()
    assert checked["included"] is True
    assert checked["fingerprint"] in listed
    assert (
        api(voters[1], "POST", f"/ballots/{box.pk}/receipt-check", {"code": "X"}).json()["included"] is False
    )
