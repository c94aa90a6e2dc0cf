"""The committee's pages for candidates and election day: nominations picked from the roll, their decision, the
publication (差额), the day's vote, its boxes and their paper, a recall proposal — each refusal shown on the form
with what was typed, nothing changed; a seated committee member without any role uses them all."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.bodies.models import BodyKind, Post
from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import box_add, box_paper_record, poll_open, poll_sign_off, sheet_enter
from gongzhi.elections.actions.results import poll_announce, recall_propose
from gongzhi.elections.models import (
    BallotBox,
    CommitteeMember,
    Election,
    Nomination,
    NominationStatus,
    Nominator,
    Poll,
    PollKind,
    Recall,
    Round,
    Voter,
    VoterBasis,
)
from gongzhi.residents.models import Resident
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"


def state() -> tuple:
    """Everything these pages may write, to show that a refusal changed nothing."""
    return (
        tuple(Nomination.objects.values_list("id", "status", "reason")),
        Nominator.objects.count(),
        tuple(CommitteeMember.objects.values_list("id", "left_on")),
        tuple(Election.objects.values_list("candidates_published_at")),
        tuple(Poll.objects.values_list("id", "kind")),
        tuple(BallotBox.objects.values_list("id", "issued", "returned", "spoiled")),
        Recall.objects.count(),
        AuditEvent.objects.exclude(verb__startswith="access.").exclude(verb__startswith="auth.").count(),
    )


@pytest.fixture
def world(users, areas, make_resident):
    round_ = Round.objects.create(
        township=areas["township"], term=11, name="第十一届", opened_by=users["township_admin"]
    )
    election = Election.objects.create(
        round=round_,
        community=areas["village"],
        election_day=TODAY + dt.timedelta(days=30),
        seats=2,
        roll_published_at=timezone.now(),
    )
    staff = users["community_staff"]
    voters = []
    for i in range(10):
        person = make_resident(name="选民" + "甲乙丙丁戊己庚辛壬癸"[i])
        voters.append(
            Voter.objects.create(election=election, resident=person, basis=VoterBasis.LIVING, added_by=staff)
        )
    # A committee member with no role at all: the committee runs the election (第十二条).
    seated_user = make_user("seated")
    seated = make_resident(name="选委会委员")
    Resident.objects.filter(pk=seated.pk).update(user=seated_user)
    CommitteeMember.objects.create(election=election, resident=seated, joined_on=TODAY, recorded_by=staff)
    return {
        "election": election,
        "voters": voters,
        "staff": staff,
        "seated": seated_user,
        "clerk": make_user("clerk2", Role.COMMUNITY_STAFF, areas["village"]),
        "users": users,
        "areas": areas,
    }


def client_of(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def _nominate(world, indexes=(0, 1, 2), accept=True) -> list[Nomination]:
    staff, voters, election = world["staff"], world["voters"], world["election"]
    nominations = []
    for i in indexes:
        nomination = nomination_submit(
            actor=staff, election=election, candidate=voters[i], nominators=voters[6:9]
        )
        nominations.append(
            nomination_decide(actor=staff, nomination=nomination, accept=True) if accept else nomination
        )
    return nominations


def _published(world) -> list[Nomination]:
    nominations = _nominate(world)
    candidates_publish(actor=world["staff"], election=world["election"])
    world["election"].refresh_from_db()
    return nominations


def _refused(response, message: str) -> str:
    assert response.status_code == 400, response.status_code
    page = response.content.decode()
    assert 'data-testid="refusal"' in page or "gz-field-error" in page
    assert message in page, page
    return page


# --- Nominations ------------------------------------------------------------------------------------------


def test_a_joint_nomination_is_picked_from_the_roll_and_recorded(world):
    election, voters = world["election"], world["voters"]
    client = client_of(world["staff"])
    url = reverse("elections:nominations", args=[election.pk])
    page = client.get(url, {"q": "选民甲"}).content.decode()
    # The roll search shows the voter with the masked ID number, and the links that pick them.
    assert voters[0].resident.masked_id in page
    assert voters[0].resident.masked_id.startswith("*")
    picks = re.findall(r'href="([^"]+)" data-testid="pick-candidate"', page)
    assert len(picks) == 1
    page = client.get(picks[0].replace("&amp;", "&")).content.decode()
    assert 'data-testid="chosen-candidate">选民甲<' in page
    response = client.post(url, {"candidate": voters[0].pk, "nominators": [voters[6].pk, voters[7].pk]})
    assert response.status_code == 302
    assert response["Location"] == url
    nomination = Nomination.objects.get()
    assert nomination.candidate == voters[0]
    assert nomination.status == NominationStatus.PENDING
    assert set(nomination.nominators.values_list("voter_id", flat=True)) == {voters[6].pk, voters[7].pk}
    event = AuditEvent.objects.get(verb="elections.nominated")
    assert event.summary == {"candidate": "选民甲", "nominators": 2}
    listing = client.get(url).content.decode()
    assert "2 人联名" in listing
    assert "待审核" in listing
    assert reverse("elections:nomination_decide", args=[nomination.pk]) in listing


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no_candidate", "请从选民名单中选择被提名人。"),
        ("no_nominator", "请填写提名人"),
        ("twice", "同一位提名人填写了两次。"),
        ("struck_off", "选民庚不在本村(社区)的选民名单上。"),
        ("again", "选民甲已经被提名过了。"),
        ("unpublished_roll", "选民名单公布后才能提名候选人。"),
        ("published", "候选人名单已经公布，不能再变动。"),
    ],
)
def test_a_refused_nomination_keeps_the_form_and_changes_nothing(world, case, message):
    election, voters, staff = world["election"], world["voters"], world["staff"]
    data = {"candidate": [voters[0].pk], "nominators": [voters[6].pk]}
    if case == "no_candidate":
        data["candidate"] = []
    elif case == "no_nominator":
        data["nominators"] = []
    elif case == "twice":
        data["nominators"] = [voters[6].pk, voters[6].pk]
    elif case == "struck_off":
        Voter.objects.filter(pk=voters[6].pk).update(removed_at=timezone.now())
    elif case == "again":
        nomination_submit(actor=staff, election=election, candidate=voters[0], nominators=[voters[7]])
    elif case == "unpublished_roll":
        Election.objects.filter(pk=election.pk).update(roll_published_at=None)
    elif case == "published":
        data["candidate"] = [voters[5].pk]
        _published(world)
    before = state()
    response = client_of(staff).post(reverse("elections:nominations", args=[election.pk]), data)
    if case in ("unpublished_roll", "published"):
        # The form is gone from the page once nominating is over; the message says why.
        assert response.status_code == 400
        assert message in response.content.decode()
    else:
        page = _refused(response, message)
        if data["candidate"]:
            assert 'data-testid="chosen-candidate">选民甲<' in page  # what was picked is kept
    assert state() == before


def test_a_voter_of_another_roll_cannot_be_sent_as_a_nominator(world, users, areas, make_resident):
    other = Election.objects.create(
        round=world["election"].round, community=areas["urban"], election_day=TODAY, seats=5
    )
    stranger = Voter.objects.create(
        election=other,
        resident=make_resident("grid_b1", name="外村人"),
        basis=VoterBasis.LIVING,
        added_by=users["other_staff"],
    )
    before = state()
    response = client_of(world["staff"]).post(
        reverse("elections:nominations", args=[world["election"].pk]),
        {"candidate": world["voters"][1].pk, "nominators": [stranger.pk]},
    )
    assert response.status_code == 404
    assert state() == before


def test_the_committee_accepts_or_declines_a_nomination_with_its_reason(world):
    voters, staff = world["voters"], world["staff"]
    a, b = _nominate(world, (0, 1), accept=False)
    client = client_of(staff)
    url = reverse("elections:nomination_decide", args=[a.pk])
    assert "审核对选民甲的提名" in client.get(url).content.decode()
    before = state()
    _refused(client.post(url, {"reason": "x"}), "请选择确认或不予确认。")
    page = _refused(client.post(url, {"decision": "reject", "reason": ""}), "请填写理由。")
    assert 'value="reject" checked' in page
    assert state() == before
    response = client.post(url, {"decision": "accept", "reason": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("elections:nominations", args=[world["election"].pk])
    assert Nomination.objects.get(pk=a.pk).status == NominationStatus.ACCEPTED
    assert AuditEvent.objects.filter(verb="elections.nomination_accepted").count() == 1
    before = state()
    _refused(client.post(url, {"decision": "reject", "reason": "重复审核"}), "这个提名已经审核过了。")
    assert state() == before
    response = client.post(
        reverse("elections:nomination_decide", args=[b.pk]),
        {"decision": "reject", "reason": "不符合任职条件"},
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert (b.status, b.reason) == (NominationStatus.REJECTED, "不符合任职条件")
    event = AuditEvent.objects.get(verb="elections.nomination_rejected")
    assert event.summary["reason"] == "不符合任职条件"
    assert voters  # the roll stays as it was


def test_a_candidate_seated_again_on_the_committee_is_not_confirmed(world):
    (nomination,) = _nominate(world, (0,), accept=False)
    CommitteeMember.objects.create(
        election=world["election"],
        resident=world["voters"][0].resident,
        joined_on=TODAY,
        recorded_by=world["staff"],
    )
    before = state()
    response = client_of(world["staff"]).post(
        reverse("elections:nomination_decide", args=[nomination.pk]), {"decision": "accept"}
    )
    _refused(response, "选民甲仍是选举委员会成员")
    assert state() == before


# --- Publishing the candidates ----------------------------------------------------------------------------


def test_publishing_shows_the_rule_and_refuses_as_the_action_does(world):
    election, staff = world["election"], world["staff"]
    client = client_of(staff)
    url = reverse("elections:candidates_publish", args=[election.pk])
    a, b = _nominate(world, (0, 1))
    page = client.get(url).content.decode()
    assert "应选 2 名，现已确认候选人 2 名" in page
    assert (election.election_day - dt.timedelta(days=5)).isoformat() in page
    before = state()
    _refused(client.post(url), "候选人应多于应选名额（差额选举）：应选2名，现有候选人2名。")
    (pending,) = _nominate(world, (2,), accept=False)
    _refused(client.post(url), "还有提名没有审核。")
    nomination_decide(actor=staff, nomination=pending, accept=True)
    seat = CommitteeMember.objects.create(
        election=election, resident=a.candidate.resident, joined_on=TODAY, recorded_by=staff
    )
    before = state()
    _refused(client.post(url), "选民甲仍是选举委员会成员")
    assert state() == before
    seat.delete()
    Election.objects.filter(pk=election.pk).update(election_day=TODAY + dt.timedelta(days=3))
    before = state()
    _refused(client.post(url), "候选人名单应在选举日5日前公布")
    assert state() == before
    Election.objects.filter(pk=election.pk).update(election_day=TODAY + dt.timedelta(days=30))
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("elections:election", args=[election.pk])
    election.refresh_from_db()
    assert election.candidates_published_at is not None
    assert AuditEvent.objects.get(verb="elections.candidates_published").summary == {
        "seats": 2,
        "candidates": 3,
    }
    # The public page of the election shows the published candidates (no account needed).
    public = Client().get(reverse("elections:public", args=[election.pk])).content.decode()
    assert public.count('data-testid="candidate"') == 3
    assert "选民丙" in public
    # Published: the page says so, and publishing again is refused.
    assert 'data-testid="published"' in client.get(url).content.decode()
    before = state()
    assert client.post(url).status_code == 400
    assert state() == before


def test_the_public_page_shows_no_candidate_before_publication(world):
    _nominate(world)
    public = Client().get(reverse("elections:public", args=[world["election"].pk])).content.decode()
    assert 'data-testid="candidate"' not in public
    assert "选民甲" not in public


# --- Election day -----------------------------------------------------------------------------------------


def test_the_days_vote_opens_only_when_possible(world):
    election, staff = world["election"], world["staff"]
    client = client_of(staff)
    url = reverse("elections:poll_open", args=[election.pk])
    assert 'data-testid="nothing-to-open"' in client.get(url).content.decode()
    before = state()
    _refused(
        client.post(url, {"kind": "first", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"}),
        "候选人名单公布后才能投票。",
    )
    assert state() == before
    _published(world)
    page = client.get(url).content.decode()
    assert 'value="first"' in page
    assert 'value="second"' not in page
    for data, message in (
        ({"kind": "first", "held_on": "", "meeting_place": "村委会大院"}, "请填写投票日期。"),
        ({"kind": "first", "held_on": "明天", "meeting_place": "村委会大院"}, "投票日期的格式不对"),
        ({"kind": "first", "held_on": TODAY.isoformat(), "meeting_place": ""}, "请填写选举大会会场。"),
        (
            {"kind": "second", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"},
            "只有选举有效且当选人数不足",
        ),
        (
            {"kind": "recall", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"},
            "请选择本村(社区)的罢免要求。",
        ),
        ({"kind": "vote", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"}, "未知的投票类型。"),
    ):
        page = _refused(client.post(url, data), message)
        if data["meeting_place"]:
            assert 'value="村委会大院"' in page  # the typed place is kept
    assert state() == before or Poll.objects.count() == 0
    response = client.post(
        url, {"kind": "first", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"}
    )
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("elections:count", args=[poll.pk])
    assert (poll.kind, poll.seats, poll.meeting_place) == (PollKind.FIRST, 2, "村委会大院")
    assert AuditEvent.objects.filter(verb="elections.poll_opened").count() == 1
    before = state()
    _refused(
        client.post(url, {"kind": "first", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"}),
        "这一轮投票已经登记过了。",
    )
    assert state() == before


def test_a_second_round_opens_when_the_first_left_a_seat_unfilled(world):
    staff, voters = world["staff"], world["voters"]
    a, b, c = _published(world)
    poll = poll_open(
        actor=staff, election=world["election"], kind=PollKind.FIRST, held_on=TODAY, meeting_place="会场"
    )
    box = box_add(actor=staff, poll=poll, kind="central", place="村委会大院", staff="王会计、李出纳")
    box_paper_record(actor=staff, box=box, issued=10, returned=9, spoiled=1)
    figures = {a.pk: 8, b.pk: 4, c.pk: 4}
    sheet_enter(actor=staff, box=box, votes=figures)
    sheet_enter(actor=world["clerk"], box=box, votes=figures)
    poll_announce(actor=staff, poll=poll_sign_off(actor=staff, poll=poll, scrutineers=voters[6:8]))
    client = client_of(staff)
    url = reverse("elections:poll_open", args=[world["election"].pk])
    page = client.get(url).content.decode()
    assert 'value="second"' in page
    assert 'value="first"' not in page
    response = client.post(
        url, {"kind": "second", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"}
    )
    assert response.status_code == 302
    assert Poll.objects.get(kind=PollKind.SECOND).seats == 1
    # The first poll is signed: no box can be added to it, and the count page offers none.
    count_page = client.get(reverse("elections:count", args=[poll.pk])).content.decode()
    assert 'data-testid="to-box-add"' not in count_page
    before = state()
    _refused(
        client.post(
            reverse("elections:box_add", args=[poll.pk]),
            {"kind": "central", "place": "二组", "staff": "张三"},
        ),
        "监票人已签字，计票结果不能再改动。",
    )
    assert state() == before


def test_boxes_and_their_paper_are_recorded_from_the_count_page(world):
    staff = world["staff"]
    _published(world)
    poll = poll_open(
        actor=staff, election=world["election"], kind=PollKind.FIRST, held_on=TODAY, meeting_place="会场"
    )
    client = client_of(staff)
    count_url = reverse("elections:count", args=[poll.pk])
    assert reverse("elections:box_add", args=[poll.pk]) in client.get(count_url).content.decode()
    add_url = reverse("elections:box_add", args=[poll.pk])
    before = state()
    page = _refused(
        client.post(add_url, {"kind": "boat", "place": "二组晒坝", "staff": "张三"}), "未知的票箱类型。"
    )
    assert 'value="二组晒坝"' in page
    _refused(client.post(add_url, {"kind": "mobile", "place": "", "staff": "张三、李四"}), "请填写地点。")
    _refused(client.post(add_url, {"kind": "mobile", "place": "二组", "staff": ""}), "请填写工作人员。")
    assert state() == before
    response = client.post(add_url, {"kind": "mobile", "place": "二组各户", "staff": "张三、李四、王五"})
    assert response.status_code == 302
    assert response["Location"] == count_url
    box = BallotBox.objects.get()
    assert (box.kind, box.place, box.staff) == ("mobile", "二组各户", "张三、李四、王五")
    assert AuditEvent.objects.get(verb="elections.box_added").summary == {
        "kind": "mobile",
        "place": "二组各户",
    }
    paper_url = reverse("elections:box_paper", args=[box.pk])
    assert paper_url in client.get(count_url).content.decode()
    before = state()
    page = _refused(
        client.post(paper_url, {"issued": "4", "returned": "5", "spoiled": "0"}),
        "收回的选票（5张）多于发出的选票（4张），请核对后重新填写。",
    )
    assert 'name="returned" value="5"' in page
    assert 'name="issued" value="4"' in page
    _refused(
        client.post(paper_url, {"issued": "5", "returned": "4", "spoiled": "5"}), "无效票不能多于收回的选票。"
    )
    _refused(
        client.post(paper_url, {"issued": "五", "returned": "4", "spoiled": "0"}),
        "发出选票张数应为不小于0的整数。",
    )
    _refused(
        client.post(paper_url, {"issued": "5", "returned": "-1", "spoiled": "0"}),
        "收回选票张数应为不小于0的整数。",
    )
    _refused(client.post(paper_url, {"issued": "5", "returned": "4", "spoiled": ""}), "请填写无效选票张数。")
    assert state() == before
    response = client.post(paper_url, {"issued": "5", "returned": "4", "spoiled": "1"})
    assert response.status_code == 302
    assert response["Location"] == count_url
    box.refresh_from_db()
    assert (box.issued, box.returned, box.spoiled) == (5, 4, 1)
    event = AuditEvent.objects.get(verb="elections.box_paper_recorded")
    assert event.summary == {"place": "二组各户", "issued": 5, "returned": 4, "spoiled": 1}
    assert 'value="5"' in client.get(paper_url).content.decode()  # the recorded figures fill the form
    # Once a clerk has entered the box, its paper is fixed: the count page no longer offers it.
    nominations = list(Nomination.objects.filter(status=NominationStatus.ACCEPTED))
    sheet_enter(actor=staff, box=box, votes={n.pk: 1 for n in nominations})
    assert paper_url not in client.get(count_url).content.decode()
    before = state()
    _refused(
        client.post(paper_url, {"issued": "6", "returned": "4", "spoiled": "1"}), "已经开始录入这个票箱的计票"
    )
    assert state() == before


# --- Recall ---------------------------------------------------------------------------------------------


def test_a_recall_is_proposed_with_its_supporters_and_its_vote_opened(world):
    staff, voters, election, areas = world["staff"], world["voters"], world["election"], world["areas"]
    client = client_of(staff)
    url = reverse("elections:recall_propose", args=[election.pk])
    assert "组织中没有登记本村(社区)村(居)民委员会的在任成员" in client.get(url).content.decode()
    assert (
        'data-testid="to-recall"'
        not in client.get(reverse("elections:election", args=[election.pk])).content.decode()
    )
    committee = body_create(actor=staff, area=areas["village"], kind=BodyKind.COMMITTEE)
    member = membership_add(
        actor=staff,
        body=committee,
        resident=voters[9].resident,
        post=Post.MEMBER,
        started_on=TODAY - dt.timedelta(days=400),
    )
    election_page = client.get(reverse("elections:election", args=[election.pk])).content.decode()
    assert 'data-testid="to-recall"' in election_page
    # Picking a supporter carries what was typed in the other fields.
    page = client.get(url, {"q": "选民甲", "membership": member.pk, "reason": "长期不履职"}).content.decode()
    pick = re.findall(r'href="([^"]+)" data-testid="pick-supporters"', page)[0].replace("&amp;", "&")
    assert "reason=" in pick
    assert f"membership={member.pk}" in pick
    page = client.get(pick).content.decode()
    assert 'data-testid="chosen-supporter">选民甲' in page
    assert "长期不履职</textarea>" in page
    before = state()
    data = {"membership": member.pk, "reason": "长期不履职", "proposed_on": TODAY.isoformat()}
    page = _refused(client.post(url, {**data, "supporters": [voters[0].pk]}), "联名人数不足")
    assert "长期不履职</textarea>" in page
    assert 'data-testid="chosen-supporter">选民甲' in page
    _refused(
        client.post(url, {**data, "membership": "", "supporters": [voters[0].pk, voters[1].pk]}),
        "请选择要罢免",
    )
    _refused(
        client.post(url, {**data, "reason": "不好", "supporters": [voters[0].pk, voters[1].pk]}),
        "罢免理由至少4个字。",
    )
    _refused(
        client.post(url, {**data, "proposed_on": "", "supporters": [voters[0].pk, voters[1].pk]}),
        "请填写提出日期。",
    )
    _refused(
        client.post(url, {**data, "supporters": [voters[0].pk, voters[0].pk]}), "同一位联名人填写了两次。"
    )
    assert state() == before
    response = client.post(url, {**data, "supporters": [voters[0].pk, voters[1].pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("elections:election", args=[election.pk])
    recall = Recall.objects.get()
    assert recall.membership == member
    assert set(recall.supporters.all()) == {voters[0], voters[1]}
    assert AuditEvent.objects.get(verb="elections.recall_proposed").summary["supporters"] == 2
    # Its vote is opened from the election's page.
    election_page = client.get(reverse("elections:election", args=[election.pk])).content.decode()
    assert 'data-testid="recalls"' in election_page
    assert 'data-testid="to-poll-open"' in election_page
    open_url = reverse("elections:poll_open", args=[election.pk])
    assert 'value="recall"' in client.get(open_url).content.decode()
    response = client.post(
        open_url,
        {"kind": "recall", "recall": recall.pk, "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"},
    )
    assert response.status_code == 302
    assert Poll.objects.get(kind=PollKind.RECALL).recall == recall


def test_recall_propose_refuses_a_member_of_another_body(world, areas):
    staff, voters = world["staff"], world["voters"]
    party = body_create(actor=staff, area=areas["village"], kind=BodyKind.PARTY_ORG)
    membership_add(actor=staff, body=party, resident=voters[9].resident, post=Post.MEMBER, started_on=TODAY)
    committee = body_create(actor=staff, area=areas["village"], kind=BodyKind.COMMITTEE)
    membership_add(
        actor=staff, body=committee, resident=voters[8].resident, post=Post.MEMBER, started_on=TODAY
    )
    party_seat = party.memberships.get()
    before = state()
    response = client_of(staff).post(
        reverse("elections:recall_propose", args=[world["election"].pk]),
        {"membership": party_seat.pk, "reason": "长期不履职", "proposed_on": TODAY.isoformat(),
         "supporters": [voters[0].pk, voters[1].pk]},
    )  # fmt: skip
    _refused(response, "请选择要罢免的村(居)民委员会成员。")
    assert state() == before
    assert recall_propose  # the action the page calls (tested in test_count.py)


# --- Who ------------------------------------------------------------------------------------------------


def test_a_seated_committee_member_without_any_role_runs_the_pages(world):
    seated, election, voters = world["seated"], world["election"], world["voters"]
    client = client_of(seated)
    assert not seated.role_assignments.exists() if hasattr(seated, "role_assignments") else True
    assert client.get(reverse("elections:election", args=[election.pk])).status_code == 200
    url = reverse("elections:nominations", args=[election.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"candidate": voters[0].pk, "nominators": [voters[6].pk]})
    assert response.status_code == 302
    assert Nomination.objects.get().nominated_by == seated
    for nomination in _nominate(world, (1, 2)):
        assert nomination.status == NominationStatus.ACCEPTED
    decide = reverse("elections:nomination_decide", args=[Nomination.objects.get(candidate=voters[0]).pk])
    assert client.post(decide, {"decision": "accept"}).status_code == 302
    assert client.post(reverse("elections:candidates_publish", args=[election.pk])).status_code == 302
    response = client.post(
        reverse("elections:poll_open", args=[election.pk]),
        {"kind": "first", "held_on": TODAY.isoformat(), "meeting_place": "村委会大院"},
    )
    poll = Poll.objects.get()
    # The count page (elections:count) was a page-level `elections.view` without the object: 403 to such a member.
    assert client.get(reverse("elections:count", args=[poll.pk])).status_code == 200
    assert client.post(reverse("elections:box_add", args=[poll.pk]), {"kind": "central", "place": "村委会大院", "staff": "王会计"}).status_code == 302  # fmt: skip
    box = BallotBox.objects.get()
    response = client.post(reverse("elections:box_paper", args=[box.pk]), {"issued": "9", "returned": "9", "spoiled": "0"})  # fmt: skip
    assert response.status_code == 302
    assert AuditEvent.objects.filter(actor=seated, verb__startswith="elections.").count() == 6


def test_readers_read_the_nominations_and_are_refused_the_writes_others_get_404(world, users):
    election, voters = world["election"], world["voters"]
    (nomination,) = _nominate(world, (0,), accept=False)
    reader = client_of(users["supervisor"])
    assert reader.get(reverse("elections:nominations", args=[election.pk])).status_code == 200
    page = reader.get(reverse("elections:nominations", args=[election.pk])).content.decode()
    assert 'data-testid="nominate"' not in page
    assert 'data-testid="decide"' not in page
    before = state()
    for url in (
        reverse("elections:candidates_publish", args=[election.pk]),
        reverse("elections:nomination_decide", args=[nomination.pk]),
        reverse("elections:poll_open", args=[election.pk]),
        reverse("elections:recall_propose", args=[election.pk]),
    ):
        assert reader.get(url).status_code == 403
    assert (
        reader.post(
            reverse("elections:nominations", args=[election.pk]),
            {"candidate": voters[1].pk, "nominators": [voters[6].pk]},
        ).status_code
        == 403
    )
    stranger = client_of(users["other_staff"])
    assert stranger.get(reverse("elections:nominations", args=[election.pk])).status_code == 404
    assert stranger.post(reverse("elections:nomination_decide", args=[nomination.pk]), {"decision": "accept"}).status_code == 404  # fmt: skip
    assert state() == before
    # A seated member whose seat ended is turned away like anyone else.
    CommitteeMember.objects.filter(resident__user=world["seated"]).update(left_on=TODAY)
    assert (
        client_of(world["seated"]).get(reverse("elections:nominations", args=[election.pk])).status_code
        == 404
    )


def test_the_election_page_shows_each_step_only_when_possible(world):
    election, staff = world["election"], world["staff"]
    client = client_of(staff)
    url = reverse("elections:election", args=[election.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="to-nominations"' in page
    assert 'data-testid="to-publish"' in page
    assert 'data-testid="to-poll-open"' not in page
    _published(world)
    page = client.get(url).content.decode()
    assert 'data-testid="to-publish"' not in page
    assert 'data-testid="candidates-published"' in page
    assert 'data-testid="to-poll-open"' in page
    poll_open(actor=staff, election=election, kind=PollKind.FIRST, held_on=TODAY, meeting_place="会场")
    page = client.get(url).content.decode()
    assert 'data-testid="to-poll-open"' not in page
    assert reverse("elections:count", args=[Poll.objects.get().pk]) in page
    # A reader sees the steps, not the links that write.
    page = client_of(world["users"]["supervisor"]).get(url).content.decode()
    assert 'data-testid="candidate-steps"' in page
    assert 'data-testid="to-publish"' not in page
