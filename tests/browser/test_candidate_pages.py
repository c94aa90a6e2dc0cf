"""The election committee records a joint nomination on a phone without JavaScript (the candidate and two
signers picked from the roll by search), confirms it, and the election page shows the step; no sideways
scrolling."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongzhi.elections.models import Election, Nomination, NominationStatus, Round, Voter, VoterBasis

from .conftest import log_in
from .test_phone import LayoutCheck

pytestmark = pytest.mark.browser


def test_the_committee_records_a_joint_nomination_on_a_phone_without_javascript(
    browser_run, users, areas, make_resident, tmp_path
):
    check_layout = LayoutCheck(tmp_path)
    round_ = Round.objects.create(
        township=areas["township"], term=11, name="第十一届", opened_by=users["township_admin"]
    )
    election = Election.objects.create(
        round=round_,
        community=areas["village"],
        election_day=timezone.localdate() + dt.timedelta(days=30),
        seats=3,
        roll_published_at=timezone.now(),
    )
    for name in ("王秀英", "李建国", "张桂兰"):
        Voter.objects.create(
            election=election,
            resident=make_resident(name=name),
            basis=VoterBasis.LIVING,
            added_by=users["community_staff"],
        )
    page = browser_run.new_page(phone=True, javascript=False)
    log_in(page, "community_staff")
    page.goto(f"/elections/{election.pk}/")
    page.get_by_test_id("to-nominations").click()
    check_layout(page, "candidates-01-nominations")
    search = page.get_by_label("在选民名单中查找（姓名或拼音首字母）")
    search.fill("王秀英")
    page.get_by_test_id("search").click()
    page.get_by_test_id("pick-candidate").click()
    expect(page.get_by_test_id("chosen-candidate")).to_have_text("王秀英")
    for signer in ("李建国", "张桂兰"):
        page.get_by_label("在选民名单中查找（姓名或拼音首字母）").fill(signer)
        page.get_by_test_id("search").click()
        page.get_by_test_id("pick-nominators").click()
    expect(page.get_by_test_id("chosen-nominator")).to_have_count(2)
    check_layout(page, "candidates-02-picked")
    page.get_by_test_id("submit").click()
    row = page.get_by_test_id("nomination")
    expect(row).to_contain_text("王秀英")
    expect(row).to_contain_text("2 人联名")
    page.get_by_test_id("decide").click()
    page.get_by_label("确认为候选人").check()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("nomination")).to_contain_text("已确认")
    nomination = Nomination.objects.get()
    assert nomination.status == NominationStatus.ACCEPTED
    assert sorted(n.voter.resident.name for n in nomination.nominators.all()) == ["张桂兰", "李建国"]
    page.goto(f"/elections/{election.pk}/")
    expect(page.get_by_test_id("candidate-steps")).to_contain_text("已确认 1 个")
    check_layout(page, "candidates-03-election")
    check_layout.assert_clean()
    browser_run.assert_clean()
