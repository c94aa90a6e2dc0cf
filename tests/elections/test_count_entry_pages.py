"""The count's write pages: two clerks enter a box alone, the disagreement shows in red until one corrects, the
scrutineers sign, the result is announced, filed with the township and the new committee recorded in the bodies;
every refusal comes back with its message and the input as typed, and changes nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import body_create, membership_add, membership_end
from gongzhi.bodies.models import BodyKind, Membership, Post
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.elections.actions.candidates import candidates_publish, nomination_decide, nomination_submit
from gongzhi.elections.actions.count import box_add, box_paper_record, poll_open
from gongzhi.elections.actions.results import committee_install
from gongzhi.elections.models import (
    BallotBox,
    CommitteeMember,
    CountLine,
    CountSheet,
    Election,
    Poll,
    PollKind,
    Round,
    Scrutineer,
    Voter,
    VoterBasis,
)
from gongzhi.residents.models import Resident
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
BACKEND = "gongzhi.accounts.backends.UsernameOrPhoneBackend"


def state() -> tuple:
    """Everything a count page may write: sheets and their figures, signatures, results, filing, posts, audit."""
    return (
        tuple(CountSheet.objects.values_list("id", "clerk_id", "corrected_at")),
        tuple(CountLine.objects.order_by("id").values_list("id", "nomination_id", "votes")),
        tuple(BallotBox.objects.values_list("issued", "returned", "spoiled")),
        tuple(Poll.objects.values_list("signed_off_at", "result", "announced_at")),
        tuple(Scrutineer.objects.values_list("poll_id", "voter_id")),
        tuple(Election.objects.values_list("result_filed_at")),
        tuple(Membership.objects.values_list("id", "post", "ended_on")),
        AuditEvent.objects.exclude(verb__startswith="access.").exclude(verb__startswith="auth.").count(),
    )


def verbs() -> list[str]:
    return list(
        AuditEvent.objects.filter(verb__startswith="elections.").order_by("id").values_list("verb", flat=True)
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def day(users, areas, make_resident):
    """青山村's election: 10 voters (丙 and 己 women), 甲乙丙 candidates for two seats, one box of 10 issued, 9 returned,
    1 spoiled (8 valid); the committee of the village registered in the bodies with last term's chair."""
    staff = users["community_staff"]
    round_ = Round.objects.create(
        township=areas["township"], term=11, name="第十一届", opened_by=users["township_admin"]
    )
    election = Election.objects.create(
        round=round_, community=areas["village"], election_day=TODAY + dt.timedelta(days=30), seats=2,
        roll_published_at=timezone.now(),
    )  # fmt: skip
    voters = []
    for i in range(10):
        person = make_resident(name="选民" + "甲乙丙丁戊己庚辛壬癸"[i], gender="F" if i in (2, 5) else "M")
        voters.append(
            Voter.objects.create(election=election, resident=person, basis=VoterBasis.LIVING, added_by=staff)
        )
    nominations = []
    for i in range(3):
        nomination = nomination_submit(
            actor=staff, election=election, candidate=voters[i], nominators=voters[6:9]
        )
        nominations.append(nomination_decide(actor=staff, nomination=nomination, accept=True))
    candidates_publish(actor=staff, election=election)
    poll = poll_open(
        actor=staff, election=election, kind=PollKind.FIRST, held_on=TODAY, meeting_place="村委会大院"
    )
    box = box_add(actor=staff, poll=poll, kind="central", place="村委会大院", staff="王会计、李出纳")
    box_paper_record(actor=staff, box=box, issued=10, returned=9, spoiled=1)
    committee = body_create(actor=staff, area=areas["village"], kind=BodyKind.COMMITTEE)
    old_chair = membership_add(actor=staff, body=committee, resident=voters[9].resident, post=Post.CHAIR,
                               started_on=TODAY - dt.timedelta(days=1000), term="第十届")  # fmt: skip
    # A member whose leaving is already recorded today: installing leaves that record as it is.
    left = membership_add(actor=staff, body=committee, resident=voters[8].resident, post=Post.MEMBER,
                          started_on=TODAY - dt.timedelta(days=1000), term="第十届")  # fmt: skip
    membership_end(actor=staff, membership=left, ended_on=TODAY, reason="辞职")
    return {
        "election": election,
        "voters": voters,
        "nominations": nominations,
        "poll": poll,
        "box": box,
        "staff": staff,
        "clerk": make_user("clerk2", Role.COMMUNITY_STAFF, areas["village"]),
        "old_chair": old_chair,
    }


def figures(day, a: int, b: int, c: int) -> dict[str, str]:
    first, second, third = day["nominations"]
    return {f"votes_{first.pk}": str(a), f"votes_{second.pk}": str(b), f"votes_{third.pk}": str(c)}


def url(name: str, obj) -> str:
    return reverse(f"elections:{name}", args=[obj.pk])


def enter_both(day, second=(7, 5, 2)) -> None:
    assert (
        client_for(day["staff"]).post(url("sheet_enter", day["box"]), figures(day, 7, 5, 2)).status_code
        == 302
    )
    assert (
        client_for(day["clerk"]).post(url("sheet_enter", day["box"]), figures(day, *second)).status_code
        == 302
    )


def sign(day) -> None:
    scrutineers = [v.pk for v in day["voters"][6:8]]
    response = client_for(day["staff"]).post(url("poll_sign_off", day["poll"]), {"scrutineers": scrutineers})
    assert response.status_code == 302


def test_two_clerks_enter_alone_the_disagreement_shows_in_red_and_a_correction_clears_it(day):
    staff, clerk, box, poll = client_for(day["staff"]), client_for(day["clerk"]), day["box"], day["poll"]
    page = staff.get(url("sheet_enter", box)).content.decode()
    assert 'data-testid="sheet-form"' in page
    assert page.count('inputmode="numeric"') == 3  # one line per candidate, for a phone's number pad
    response = staff.post(url("sheet_enter", box), figures(day, 7, 5, 2))
    assert response.status_code == 302
    assert response["Location"] == url("count", poll)
    # The first clerk's figures are nobody else's business until the second sheet is in.
    other = clerk.get(url("sheet_enter", box)).content.decode()
    assert 'value="7"' not in other
    assert 'value="5"' not in other
    count = clerk.get(url("count", poll)).content.decode()
    assert "还须另一位录入员独立录入" in count
    assert 'data-testid="enter"' in count
    assert 'data-testid="disagreement"' not in count
    # Entering again is offered as a correction of one's own sheet, never a second sheet.
    mine = staff.get(url("sheet_enter", box)).content.decode()
    assert 'data-testid="entered"' in mine
    assert 'data-testid="sheet-form"' not in mine
    assert 'value="7"' in staff.get(url("sheet_correct", box)).content.decode()

    assert clerk.post(url("sheet_enter", box), figures(day, 7, 4, 2)).status_code == 302
    count = staff.get(url("count", poll)).content.decode()
    assert 'class="gz-card gz-disagree"' in count
    assert 'data-testid="disagreement"' in count
    assert "选民乙</td><td>5</td><td>4</td>" in count  # box, candidate, both figures
    assert 'data-testid="to-sign"' not in count  # no signature while they disagree
    correcting = clerk.get(url("sheet_correct", box)).content.decode()
    assert correcting.count('class="gz-disagree"') == 1  # the line to check, in red

    response = clerk.post(url("sheet_correct", box), figures(day, 7, 5, 2))
    assert response.status_code == 302
    count = staff.get(url("count", poll)).content.decode()
    assert 'data-testid="agreed"' in count
    assert "gz-disagree" not in count
    assert 'data-testid="to-sign"' in count
    assert verbs()[-3:] == ["elections.count_entered", "elections.count_entered", "elections.count_corrected"]
    corrected = AuditEvent.objects.get(verb="elections.count_corrected")
    assert corrected.actor_id == day["clerk"].pk


def test_one_clerk_twice_votes_above_the_valid_ballots_and_a_box_without_paper_are_refused_with_the_input(
    day,
):
    staff, box = client_for(day["staff"]), day["box"]
    before = state()
    # 9 votes for one candidate in a box of 8 valid ballots: the message, the figures as typed, nothing written.
    response = staff.post(url("sheet_enter", box), figures(day, 9, 5, 2))
    page = response.content.decode()
    assert response.status_code == 400
    assert "得票数（9）多于这个票箱的有效票（8张）" in page
    assert 'value="9"' in page
    assert 'value="5"' in page
    response = staff.post(
        url("sheet_enter", box), {**figures(day, 7, 5, 2), f"votes_{day['nominations'][2].pk}": "两"}
    )
    assert response.status_code == 400
    assert "得票数应为不小于0的整数" in response.content.decode()
    assert state() == before

    staff.post(url("sheet_enter", box), figures(day, 7, 5, 2))
    before = state()
    response = staff.post(url("sheet_enter", box), figures(day, 6, 5, 2))
    assert response.status_code == 400
    assert "同一人不能录入两次" in response.content.decode()
    assert 'value="6"' in response.content.decode()
    assert state() == before

    # Returned > issued is refused when the paper is recorded; the box then has none and takes no count.
    fresh = box_add(actor=day["staff"], poll=day["poll"], kind="mobile", place="流动票箱一", staff="赵委员")
    with pytest.raises(DomainError, match="多于发出的选票"):
        box_paper_record(actor=day["staff"], box=fresh, issued=3, returned=4, spoiled=0)
    count = staff.get(url("count", day["poll"])).content.decode()
    assert "尚未登记选票张数" in count
    assert reverse("elections:sheet_enter", args=[fresh.pk]) not in count
    before = state()
    response = client_for(day["clerk"]).post(url("sheet_enter", fresh), figures(day, 1, 1, 1))
    assert response.status_code == 400
    assert "请先登记这个票箱发出、收回和无效的选票张数" in response.content.decode()
    assert state() == before


def test_nobody_corrects_another_clerks_sheet_and_readers_who_do_not_run_the_election_write_nothing(
    day, users
):
    box = day["box"]
    client_for(day["staff"]).post(url("sheet_enter", box), figures(day, 7, 5, 2))
    before = state()
    # The second clerk has no sheet of this box: there is none of theirs to correct (404), and never the other's.
    assert client_for(day["clerk"]).get(url("sheet_correct", box)).status_code == 404
    assert client_for(day["clerk"]).post(url("sheet_correct", box), figures(day, 1, 1, 1)).status_code == 404
    supervisor = client_for(users["supervisor"])
    assert supervisor.get(url("sheet_enter", box)).status_code == 403
    assert supervisor.post(url("sheet_enter", box), figures(day, 7, 5, 2)).status_code == 403
    assert client_for(users["other_staff"]).get(url("sheet_enter", box)).status_code == 404
    assert client_for(users["resident"]).post(url("poll_sign_off", day["poll"]), {}).status_code == 404
    assert state() == before


def test_signing_is_refused_with_one_clerk_in_disagreement_or_with_a_candidate_and_then_computes_the_result(
    day,
):
    staff, poll, voters = client_for(day["staff"]), day["poll"], day["voters"]
    scrutineers = {"scrutineers": [v.pk for v in voters[6:8]]}
    staff.post(url("sheet_enter", day["box"]), figures(day, 7, 5, 2))
    before = state()
    response = staff.post(url("poll_sign_off", poll), scrutineers)
    assert response.status_code == 400
    assert "只有一位录入员录入" in response.content.decode()
    assert state() == before

    client_for(day["clerk"]).post(url("sheet_enter", day["box"]), figures(day, 7, 4, 2))
    before = state()
    response = staff.post(url("poll_sign_off", poll), scrutineers)
    assert response.status_code == 400
    assert "两位录入员的数字不一致" in response.content.decode()
    client_for(day["clerk"]).post(url("sheet_correct", day["box"]), figures(day, 7, 5, 2))
    before = state()
    # A candidate may not scrutinise, and one scrutineer is not enough: refused, the choices kept.
    response = staff.post(url("poll_sign_off", poll), {"scrutineers": [voters[0].pk, voters[6].pk]})
    assert response.status_code == 400
    assert "候选人选民甲不能担任监票人" in response.content.decode()
    assert f'value="{voters[6].pk}" checked' in response.content.decode()
    response = staff.post(url("poll_sign_off", poll), {"scrutineers": [voters[6].pk]})
    assert response.status_code == 400
    assert "请填写至少两位监票人" in response.content.decode()
    assert state() == before

    page = staff.get(url("poll_sign_off", poll)).content.decode()
    assert "选民甲" not in page
    assert "选民庚" in page
    response = staff.post(url("poll_sign_off", poll), scrutineers)
    assert response.status_code == 302
    assert response["Location"] == url("poll_announce", poll)
    poll.refresh_from_db()
    assert poll.result["elected"] == [day["nominations"][0].pk, day["nominations"][1].pk]
    assert set(Scrutineer.objects.values_list("voter_id", flat=True)) == {voters[6].pk, voters[7].pk}
    assert verbs()[-1] == "elections.count_signed"


def test_announce_before_the_signature_file_before_the_announcement_install_before_filing_are_refused(day):
    staff, poll, election = client_for(day["staff"]), day["poll"], day["election"]
    page = staff.get(url("poll_announce", poll)).content.decode()
    assert 'data-testid="unsigned"' in page
    assert 'data-testid="announce"' not in page
    before = state()
    response = staff.post(url("poll_announce", poll))
    assert response.status_code == 400
    assert "监票人签字后才能宣布结果" in response.content.decode()
    response = staff.post(url("result_file", election))
    assert response.status_code == 400
    assert "选举结果宣布后才能报备" in response.content.decode()
    response = staff.post(url("committee_install", election), {"started_on": TODAY.isoformat()})
    assert response.status_code == 400
    assert "选举结果报备后才能登记" in response.content.decode()
    assert state() == before
    assert 'data-testid="not-fileable"' in staff.get(url("result_file", election)).content.decode()

    enter_both(day)
    sign(day)
    staff.post(url("poll_announce", poll))
    before = state()
    response = staff.post(url("committee_install", election), {"started_on": TODAY.isoformat()})
    assert response.status_code == 400
    assert "选举结果报备后才能登记" in response.content.decode()
    response = staff.post(url("poll_announce", poll))
    assert response.status_code == 400
    assert "结果已经宣布过了" in response.content.decode()
    assert state() == before


def test_the_result_is_announced_from_its_tally_filed_and_the_new_committee_installed(day, users):
    staff, poll, election = client_for(day["staff"]), day["poll"], day["election"]
    a, b, _c = day["nominations"]
    enter_both(day)
    sign(day)
    page = staff.get(url("poll_announce", poll)).content.decode()
    assert 'data-testid="valid"' in page
    assert "参加投票 9 人" in page
    assert "当选人：选民甲、选民乙" in page
    assert 'data-testid="without-woman"' in page  # 选民丙 is not elected: the flag, never a refusal
    assert 'data-testid="announce"' in page
    assert Client().get(url("notice", election)).status_code == 404  # not public before it is announced

    response = staff.post(url("poll_announce", poll))
    assert response.status_code == 302
    notice = Client().get(url("notice", election)).content.decode()
    assert "选民甲</td><td>7</td>" in notice
    election_page = staff.get(url("election", election)).content.decode()
    assert 'data-testid="to-file"' in election_page
    assert 'data-testid="to-install"' not in election_page

    response = client_for(users["township_admin"]).post(url("result_file", election))
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.result_filed_at is not None
    board = client_for(users["township_admin"]).get(url("round", election.round)).content.decode()
    assert 'data-step="result" data-done="yes"' in board
    assert 'data-testid="to-install"' in staff.get(url("election", election)).content.decode()

    # Every elected person needs a post; refused with the choices kept, nothing written.
    before = state()
    response = staff.post(
        url("committee_install", election), {f"post_{a.pk}": Post.CHAIR, "started_on": TODAY.isoformat()}
    )
    assert response.status_code == 400
    assert "请为每一位当选人选择职务" in response.content.decode()
    assert f'value="{Post.CHAIR}" selected' in response.content.decode()
    assert state() == before
    response = staff.post(
        url("committee_install", election),
        {f"post_{a.pk}": Post.CHAIR, f"post_{b.pk}": Post.MEMBER, "started_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    current = Membership.objects.filter(ended_on=None, term="第十一届")
    assert {(m.resident_id, m.post) for m in current} == {
        (a.candidate.resident_id, Post.CHAIR),
        (b.candidate.resident_id, Post.MEMBER),
    }
    day["old_chair"].refresh_from_db()
    assert day["old_chair"].ended_on == TODAY - dt.timedelta(days=1)
    assert Membership.objects.get(resident=day["voters"][8].resident).ended_on == TODAY  # recorded already
    assert verbs()[-3:] == [
        "elections.result_announced",
        "elections.result_filed",
        "elections.committee_installed",
    ]


def test_a_seated_committee_member_runs_the_count_but_the_staff_record_the_new_committee(day, users):
    """The election committee presides (elections.run through the seat); the register of bodies is the staff's
    (bodies.manage): the page and the action both refuse a member without it, before anything is written."""
    resident = Resident.objects.get(pk=day["voters"][8].resident_id)
    member = make_user("xuanwei")
    Resident.objects.filter(pk=resident.pk).update(user=member)
    CommitteeMember.objects.create(election=day["election"], resident=resident, post="member", joined_on=TODAY,
                                   recorded_by=day["staff"])  # fmt: skip
    as_member = client_for(member)
    assert as_member.post(url("sheet_enter", day["box"]), figures(day, 7, 5, 2)).status_code == 302
    client_for(day["clerk"]).post(url("sheet_enter", day["box"]), figures(day, 7, 5, 2))
    sign(day)
    client_for(day["staff"]).post(url("poll_announce", day["poll"]))
    assert as_member.post(url("result_file", day["election"])).status_code == 302
    assert 'data-testid="to-install"' not in as_member.get(url("election", day["election"])).content.decode()
    a, b, _c = day["nominations"]
    posts = {f"post_{a.pk}": Post.CHAIR, f"post_{b.pk}": Post.MEMBER, "started_on": TODAY.isoformat()}
    before = state()
    assert as_member.get(url("committee_install", day["election"])).status_code == 403
    assert as_member.post(url("committee_install", day["election"]), posts).status_code == 403
    election = Election.objects.get(pk=day["election"].pk)
    with pytest.raises(NotPermitted):
        committee_install(actor=member, election=election, posts={a.pk: Post.CHAIR, b.pk: Post.MEMBER},
                          started_on=TODAY)  # fmt: skip
    assert state() == before
    assert client_for(day["staff"]).post(url("committee_install", election), posts).status_code == 302
