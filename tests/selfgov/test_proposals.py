"""Residents' proposals: proposing, co-signing by residents of the same community, the statutory
thresholds with their public count, the party organisation's answer and what every step tells whom."""

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import body_create, membership_add
from gongzhi.core.errors import Conflict, DomainError, NotFound, NotPermitted
from gongzhi.meetings.models import Meeting
from gongzhi.notices.models import Notice
from gongzhi.residents.models import Resident
from gongzhi.selfgov import proposal_thresholds as th
from gongzhi.selfgov.actions import proposals as actions
from gongzhi.selfgov.models import Decision, Proposal, ProposalEvent, ProposalSignature
from gongzhi.selfgov.selectors.proposals import proposal_count, proposal_get_for
from tests.selfgov.proposals_kit import adults, citizen, name_for, opened

pytestmark = pytest.mark.django_db


# --- The statute's thresholds (pure) ---------------------------------------------------------


def test_thresholds_count_yi_shang_inclusively_with_exact_fractions():
    assert th.needed(30, Fraction(1, 10)) == 3  # exactly one tenth is enough (以上)
    assert th.needed(31, Fraction(1, 10)) == 4
    assert th.needed(15, Fraction(1, 3)) == 5
    assert th.needed(16, Fraction(1, 5)) == 4
    assert th.needed(0, Fraction(1, 5)) is None  # no base, no route
    village = th.threshold_for("village", "assembly")
    assert village.law == "村民委员会组织法第二十一条"
    assert [r.base for r in village.routes] == ["adults", "representatives"]
    assert th.threshold_for("village", "representatives").law == "村民委员会组织法第二十六条"
    urban = th.threshold_for("urban", "assembly")
    assert urban.law == "城市居民委员会组织法第九条"
    assert [(r.base, r.share) for r in urban.routes] == [
        ("adults", Fraction(1, 5)), ("households", Fraction(1, 5)), ("groups", Fraction(1, 3)),
    ]  # fmt: skip
    assert th.threshold_for("village", "answer") is None
    progress = th.progress(village, bases={"adults": 30, "representatives": 0}, signed={"adults": 3})
    assert progress.reached.route.base == "adults"
    assert th.progress(village, bases={"adults": 30}, signed={"adults": 2}).reached is None


# --- Proposing ---------------------------------------------------------------------------------


def test_a_draft_is_seen_by_its_author_and_staff_only(users, make_resident):
    author, _ = citizen(make_resident, "author")
    other, _ = citizen(make_resident, "other", name="王五")
    adults(make_resident, 20)
    proposal = actions.proposal_create(
        actor=author,
        title="修缮村口的便民桥",
        text="桥面破损，雨天很滑，建议召开村民会议商量。",
        asks="assembly",
    )
    assert proposal.state == "draft"
    assert proposal.community.name == "青山村"
    assert proposal_get_for(viewer=author, proposal_id=proposal.pk) == proposal
    assert proposal_get_for(viewer=users["community_staff"], proposal_id=proposal.pk) == proposal
    for viewer in (other, users["other_staff"]):
        with pytest.raises(NotFound):
            proposal_get_for(viewer=viewer, proposal_id=proposal.pk)
    assert AuditEvent.objects.filter(verb="proposal.created").count() == 1


def test_someone_outside_the_register_cannot_propose(users):
    with pytest.raises(NotPermitted):
        actions.proposal_create(
            actor=users["resident"], title="修桥修路", text="建议召开村民会议商量修桥。", asks="assembly"
        )
    assert not Proposal.objects.exists()


def test_bad_input_is_refused_in_chinese_and_nothing_is_written(users, make_resident):
    author, _ = citizen(make_resident, "author")
    cases = [
        ({"title": "", "text": "建议召开村民会议商量修桥。", "asks": "assembly"}, "标题"),
        ({"title": "修缮便民桥", "text": "太短", "asks": "assembly"}, "提案内容"),
        ({"title": "修缮便民桥", "text": "建议召开村民会议商量修桥。", "asks": "vote"}, "提议事项"),
        (
            {
                "title": "修缮便民桥",
                "text": "建议召开村民会议商量修桥。",
                "asks": "assembly",
                "for_group": True,
            },
            "推选的代表",
        ),
    ]
    for values, words in cases:
        with pytest.raises(DomainError, match=words):
            actions.proposal_create(actor=author, **values)
    assert not Proposal.objects.exists()


# --- Signing -------------------------------------------------------------------------------


def test_opening_counts_the_author_and_the_public_count_shows_what_the_statute_needs(
    users, make_resident, client
):
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 29)  # 30 adults in 青山村: one tenth is 3
    proposal = opened(author)
    assert proposal.state == "gathering"
    assert ProposalSignature.objects.filter(proposal=proposal).count() == 1
    assert proposal_count(proposal).headline == "已有 1 人联名，须 3 人"
    page = client.get(reverse("selfgov:proposals_community", args=[proposal.community_id])).content.decode()
    assert "已有 1 人联名，须 3 人" in page
    assert "李**" in page
    assert "李四" not in page
    detail = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert "村民委员会组织法第二十一条" in detail
    assert "登录后可以联名" in detail


def test_reaching_the_threshold_submits_it_and_makes_the_meeting_due(users, make_resident, client):
    author, _ = citizen(make_resident, "author")
    second, _ = citizen(make_resident, "second", name="王五")
    third, _ = citizen(make_resident, "third", name="赵六")
    adults(make_resident, 27)
    proposal = opened(author)
    actions.proposal_sign(actor=second, proposal=proposal)
    assert Proposal.objects.get(pk=proposal.pk).state == "gathering"
    actions.proposal_sign(actor=third, proposal=proposal)
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.state == "submitted"
    assert (proposal.reached_route, proposal.reached_count, proposal.reached_base) == ("adults", 3, 30)
    assert proposal.meeting_due_on == timezone.localdate() + dt.timedelta(days=th.MEETING_DUE_DAYS)
    assert ProposalEvent.objects.filter(proposal=proposal, verb="reach").count() == 1
    assert AuditEvent.objects.filter(verb="proposal.threshold_reached").count() == 1
    heard = Notice.objects.filter(recipient=author, title__contains="应当召集村民会议")
    assert heard.count() == 1
    assert Notice.objects.filter(recipient=users["community_staff"], title__contains="法定人数").count() == 1
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert "应当召集村民会议" in page
    assert "王五" not in page
    assert "赵六" not in page
    # Signatures are closed once submitted: neither a new one nor a withdrawal.
    fourth, _ = citizen(make_resident, "fourth", name="钱七")
    with pytest.raises(Conflict, match="不征集联名"):
        actions.proposal_sign(actor=fourth, proposal=proposal)
    with pytest.raises(Conflict, match="不能再撤回"):
        actions.proposal_unsign(actor=second, proposal=proposal)
    assert proposal.signatures.count() == 3


def test_a_cosigner_from_another_community_or_signing_twice_is_refused_and_nothing_changes(
    users, make_resident
):
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 29)
    outsider, _ = citizen(make_resident, "outsider", area_key="grid_b1", name="孙八")
    child, _ = citizen(
        make_resident, "child", name="周九", birth=timezone.localdate() - dt.timedelta(days=365 * 17)
    )
    proposal = opened(author)
    before = (ProposalSignature.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError, match="您不是青山村的居民，不能为这项提案联名。"):
        actions.proposal_sign(actor=outsider, proposal=proposal)
    with pytest.raises(DomainError, match="年满十八周岁"):
        actions.proposal_sign(actor=child, proposal=proposal)
    with pytest.raises(Conflict, match="已经联名过这项提案了"):
        actions.proposal_sign(actor=author, proposal=proposal)
    with pytest.raises(DomainError, match="关联到居民登记"):
        actions.proposal_sign(actor=users["resident"], proposal=proposal)
    assert (ProposalSignature.objects.count(), AuditEvent.objects.count()) == before


def test_signing_twice_through_the_page_gives_a_clear_message(users, make_resident, client):
    author, _ = citizen(make_resident, "author")
    signer, _ = citizen(make_resident, "signer", name="王五")
    adults(make_resident, 29)
    proposal = opened(author)
    client.force_login(signer)
    url = reverse("selfgov:proposal_sign", args=[proposal.pk])
    assert client.post(url).status_code == 302
    answer = client.post(url, follow=True).content.decode()
    assert "已经联名过这项提案了，每人只能联名一次。" in answer
    assert proposal.signatures.count() == 2


def test_a_signature_is_withdrawn_before_submission_but_not_the_authors(users, make_resident):
    author, _ = citizen(make_resident, "author")
    signer, _ = citizen(make_resident, "signer", name="王五")
    adults(make_resident, 29)
    proposal = opened(author)
    actions.proposal_sign(actor=signer, proposal=proposal)
    actions.proposal_unsign(actor=signer, proposal=proposal)
    assert proposal.signatures.count() == 1
    with pytest.raises(DomainError, match="撤回提案"):
        actions.proposal_unsign(actor=author, proposal=proposal)
    with pytest.raises(DomainError, match="没有联名"):
        actions.proposal_unsign(actor=signer, proposal=proposal)
    actions.proposal_sign(actor=signer, proposal=proposal)  # may sign again
    assert proposal.signatures.count() == 2


def test_a_villager_working_away_from_home_signs_online(users, make_resident):
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 29)
    away, resident = citizen(make_resident, "away", name="吴十", current_address="广东省东莞市")
    assert resident.community.name == "青山村"
    proposal = opened(author)
    actions.proposal_sign(actor=away, proposal=proposal)
    assert proposal.signatures.filter(resident=resident).exists()


def test_representatives_reach_their_own_threshold(users, make_resident):
    staff = users["community_staff"]
    village = Proposal._meta.get_field("community").related_model.objects.get(name="青山村")
    body = body_create(actor=staff, area=village, kind="representatives")
    author, _ = citizen(make_resident, "author")
    reps = [citizen(make_resident, f"rep{i}", name=name_for("代表", i)) for i in range(5)]
    adults(make_resident, 200)  # one tenth of 206 adults would be 21
    for _user, resident in reps:
        membership_add(
            actor=staff, body=body, resident=resident, post="representative", started_on=dt.date(2024, 1, 1)
        )
    proposal = opened(author, asks="representatives")  # 1/5 of 5 representatives: 1
    assert proposal.state == "gathering"  # the author is not a representative
    actions.proposal_sign(actor=reps[0][0], proposal=proposal)
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.state, proposal.reached_route, proposal.reached_count) == (
        "submitted",
        "representatives",
        1,
    )
    # For a villagers' meeting, one third of the representatives (2 of 5) is a route too.
    other = opened(author, title="整治村道两旁的垃圾")
    actions.proposal_sign(actor=reps[1][0], proposal=other)
    assert Proposal.objects.get(pk=other.pk).state == "gathering"
    actions.proposal_sign(actor=reps[2][0], proposal=other)
    assert Proposal.objects.get(pk=other.pk).reached_route == "representatives"


def test_assisted_signing_records_consent_and_stays_in_the_assisters_area(users, make_resident):
    author, _ = citizen(make_resident, "author")
    adults(make_resident, 29)
    elderly = make_resident("grid_a1", name="老人甲", birth=dt.date(1940, 1, 1))
    elsewhere = make_resident("grid_a2", name="老人乙", birth=dt.date(1941, 1, 1))
    proposal = opened(author)
    grid = users["grid_worker"]  # over 1组网格 only
    with pytest.raises(DomainError, match="同意的方式"):
        actions.proposal_sign_assisted(actor=grid, proposal=proposal, resident=elderly, consent_channel="")
    with pytest.raises(DomainError, match="不在您负责的范围内"):
        actions.proposal_sign_assisted(
            actor=grid, proposal=proposal, resident=elsewhere, consent_channel="in_person"
        )
    assert proposal.signatures.count() == 1
    signature = actions.proposal_sign_assisted(
        actor=grid,
        proposal=proposal,
        resident=elderly,
        consent_channel="in_person",
        consent_note="本人口头同意",
    )
    assert (signature.assisted, signature.signed_by, signature.consent_channel) == (True, grid, "in_person")
    assert AuditEvent.objects.filter(verb="proposal.signed_assisted").count() == 1
    with pytest.raises(Conflict, match="该居民已经联名过"):
        actions.proposal_sign_assisted(
            actor=grid, proposal=proposal, resident=elderly, consent_channel="phone"
        )
    with pytest.raises(NotPermitted):
        actions.proposal_sign_assisted(
            actor=users["party_member"], proposal=proposal, resident=elderly, consent_channel="phone"
        )


# --- The party organisation's answer ----------------------------------------------------------


def _submitted(make_resident, **extra):
    author, _ = citizen(make_resident, "author")
    signer, _ = citizen(make_resident, "signer", name="王五")
    adults(make_resident, 100)
    proposal = opened(author, **extra)
    actions.proposal_sign(actor=signer, proposal=proposal)
    return author, signer, actions.proposal_submit(actor=author, proposal=proposal)


def test_the_party_organisation_accepts_and_the_author_and_cosigners_hear_it(users, make_resident):
    author, signer, proposal = _submitted(make_resident)
    assert proposal.state == "submitted"
    assert proposal.meeting_due_on is None
    with pytest.raises(NotPermitted):
        actions.proposal_accept(actor=users["other_staff"], proposal=proposal, answer="纳入四议两公开程序。")
    with pytest.raises(DomainError, match="答复"):
        actions.proposal_accept(actor=users["community_staff"], proposal=proposal, answer="")
    with pytest.raises(DomainError, match="事项类型"):
        actions.proposal_accept(
            actor=users["community_staff"], proposal=proposal, answer="纳入。", matter_type="x"
        )
    assert not Decision.objects.exists()
    assert Proposal.objects.get(pk=proposal.pk).state == "submitted"
    actions.proposal_accept(
        actor=users["community_staff"], proposal=proposal, answer="纳入四议两公开程序，下周两委商议。"
    )
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.state, proposal.answered_by) == ("accepted", users["community_staff"])
    for who in (author, signer):
        assert Notice.objects.filter(recipient=who, title__contains="纳入“四议两公开”").count() == 1
    # A 四议两公开 decision starts at its first stage, the proposal as its origin; its people follow it.
    decision = Decision.objects.get(origin_model="proposal", origin_id=proposal.pk)
    assert (decision.origin_kind, decision.title, decision.state) == (
        "resident_proposal",
        proposal.title,
        "proposal",
    )
    assert set(decision.watchers.all()) == {author, signer}
    assert AuditEvent.objects.filter(verb="decision.started").count() == 1
    with pytest.raises(Conflict, match="已经答复"):
        actions.proposal_answer(
            actor=users["community_staff"], proposal=proposal, answer="不予采纳，理由如下。"
        )
    actions.proposal_close(actor=users["community_staff"], proposal=proposal)
    assert Proposal.objects.get(pk=proposal.pk).state == "closed"


def test_an_answer_with_reasons_and_every_step_heard_by_the_author(users, make_resident):
    author, _signer, proposal = _submitted(make_resident, asks="answer")
    actions.proposal_answer(
        actor=users["community_staff"], proposal=proposal, answer="村里今年预算已安排，明年优先考虑。"
    )
    titles = list(Notice.objects.filter(recipient=author).values_list("title", flat=True))
    assert any("开始征集联名" in t for t in titles)
    assert any("已提交党组织" in t for t in titles)
    assert any(t.endswith("党组织已答复") for t in titles)


def test_a_proposal_that_reached_a_meeting_cannot_close_before_the_meeting(users, make_resident):
    author, _ = citizen(make_resident, "author")
    proposal = opened(author)  # the only adult: one tenth of 1 is 1
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.state == "submitted"
    assert proposal.meeting_due_on is not None
    staff = users["community_staff"]
    actions.proposal_answer(actor=staff, proposal=proposal, answer="同意召集村民会议讨论。")
    with pytest.raises(Conflict, match="须先召集会议"):
        actions.proposal_close(actor=staff, proposal=proposal)
    wrong = Meeting.objects.create(
        body_kind="village_representatives_meeting", area=proposal.community, area_path=proposal.community.path,
        held_on=timezone.localdate(), present=10, members=12, recorded_by=staff,
    )  # fmt: skip
    with pytest.raises(DomainError, match="召开的村民会议"):
        actions.proposal_meeting_link(actor=staff, proposal=proposal, meeting=wrong)
    right = Meeting.objects.create(
        body_kind="villagers_meeting", area=proposal.community, area_path=proposal.community.path,
        held_on=timezone.localdate(), present=1, adults=1, households=1, recorded_by=staff,
    )  # fmt: skip
    actions.proposal_meeting_link(actor=staff, proposal=proposal, meeting=right)
    actions.proposal_close(actor=staff, proposal=proposal)
    assert Proposal.objects.get(pk=proposal.pk).state == "closed"


def test_the_township_sees_overdue_meetings(users, make_resident, client):
    author, _ = citizen(make_resident, "author")
    proposal = opened(author)
    Proposal.objects.filter(pk=proposal.pk).update(meeting_due_on=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(users["township_admin"])
    page = client.get(reverse("selfgov:proposals_due")).content.decode()
    assert proposal.title in page
    assert "已逾期" in page
    client.force_login(users["other_staff"])
    assert proposal.title not in client.get(reverse("selfgov:proposals_due")).content.decode()


def test_the_author_withdraws_before_an_answer(users, make_resident):
    author, signer, proposal = _submitted(make_resident)
    with pytest.raises(NotPermitted):
        actions.proposal_withdraw(actor=signer, proposal=proposal)
    actions.proposal_withdraw(actor=author, proposal=proposal, reason="已经另行解决")
    assert Proposal.objects.get(pk=proposal.pk).state == "withdrawn"
    assert Notice.objects.filter(recipient=signer, title__contains="撤回").count() == 1


def test_a_group_proposes_through_the_representative_it_chose(users, make_resident, areas):
    staff = users["community_staff"]
    group = areas["grid_a1"].parent
    body = body_create(actor=staff, area=areas["village"], kind="representatives")
    leader, resident = citizen(make_resident, "leader")
    membership_add(
        actor=staff,
        body=body,
        resident=resident,
        post="representative",
        started_on=dt.date(2024, 1, 1),
        group=group,
    )
    adults(make_resident, 30)
    proposal = actions.proposal_create(
        actor=leader,
        title="1组修水渠",
        text="1组的水渠年久失修，小组会议同意提议修缮。",
        asks="answer",
        for_group=True,
    )
    assert proposal.group == group
    proposal = actions.proposal_open(actor=leader, proposal=proposal)
    assert proposal.signatures.get().for_group == group
    assert Resident.objects.filter(pk=resident.pk).exists()


def test_staff_answer_through_the_pages_and_the_proposal_shows_its_decision(users, make_resident, client):
    author, _signer, proposal = _submitted(make_resident)
    client.force_login(users["community_staff"])
    url = reverse("selfgov:proposal_answer", args=[proposal.pk])
    assert "记录党组织答复" in client.get(url).content.decode()
    empty = client.post(url, {"decision": "accept", "matter_type": "projects", "answer": ""})
    assert "请填写" in empty.content.decode() or "答复" in empty.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).state == "submitted"
    done = client.post(
        url, {"decision": "accept", "matter_type": "projects", "answer": "纳入四议两公开，下周两委商议。"}
    )
    assert done.status_code == 302
    decision = Decision.objects.get(origin_id=proposal.pk, origin_model="proposal")
    assert decision.matter_type == "projects"
    client.force_login(author)
    page = client.get(reverse("selfgov:proposal", args=[proposal.pk])).content.decode()
    assert "纳入四议两公开，下周两委商议。" in page
    assert "已纳入“四议两公开”决策事项" in page
