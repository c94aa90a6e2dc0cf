"""The kernel's meetings module (gongzhi.meetings): the roll, each item's verdict by core.quorum for every body
rule, refusals that store nothing, named votes, the second person's confirmation, audit rows, who may."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongzhi.accounts.roles import Role
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.quorum import RULES
from gongzhi.meetings.actions import (
    ItemVote,
    RollEntry,
    meeting_item_confirm,
    meeting_item_vote_record,
    meeting_record,
)
from gongzhi.meetings.models import Meeting, MeetingDocument, MeetingItem, MeetingMember, MeetingVote
from gongzhi.meetings.selectors import meeting_documents_of, meetings_for
from tests.conftest import make_user
from tests.pdfs import BLANK_PDF, pdf_with_javascript

TODAY = timezone.localdate


def _record(users, areas, **changes):
    data = {"actor": users["community_staff"], "area": areas["village"], "body_kind": "village_representatives_meeting",
            "held_on": TODAY(), "members": 30, "present": 21,
            "items": [ItemVote("修订村规民约", in_favour=18, against=2, abstaining=1)]} | changes  # fmt: skip
    return meeting_record(**data)


def _nothing_stored():
    return not (Meeting.objects.exists() or MeetingItem.objects.exists() or MeetingMember.objects.exists()
                or AuditEvent.objects.filter(verb__startswith="meeting.").exists())  # fmt: skip


# Each body rule of core.quorum, a quorate meeting and one just short of it.
BODIES = {
    "villagers_meeting": ({"adults": 1000, "present": 501}, {"adults": 1000, "present": 500}),
    "village_representatives_meeting": ({"members": 30, "present": 20}, {"members": 30, "present": 19}),
    "residents_meeting": (
        {"households": 100, "households_present": 51, "present": 51},
        {"households": 100, "households_present": 50, "present": 50},
    ),
    "residents_representatives_meeting": ({"members": 25, "present": 17}, {"members": 25, "present": 16}),
    "group_meeting": ({"adults": 90, "present": 60}, {"adults": 90, "present": 59}),
    "party_members_meeting": ({"members": 30, "present": 20}, {"members": 30, "present": 19}),
    "party_committee_meeting": ({"members": 5, "present": 3}, {"members": 6, "present": 3}),
    "joint_meeting": ({"members": 9, "present": 6}, {"members": 9, "present": 5}),
    "body_meeting": ({"members": 7, "present": 4}, {"members": 8, "present": 4}),
}


def test_every_body_rule_of_core_quorum_is_exercised():
    assert set(BODIES) == set(RULES)


@pytest.mark.parametrize("body", sorted(BODIES))
def test_each_body_is_quorate_by_its_own_rule_and_each_item_gets_its_verdict(body, users, areas):
    quorate, short = BODIES[body]
    area = areas["village"] if body.startswith("village") else areas["urban"]
    actor = users["community_staff"] if area == areas["village"] else users["other_staff"]
    present = quorate["present"]
    meeting = meeting_record(actor=actor, area=area, body_kind=body, held_on=TODAY(), **quorate,
                             items=[ItemVote("议题一", in_favour=present // 2 + 1, against=present - present // 2 - 1),
                                    ItemVote("议题二", in_favour=present // 2, against=present - present // 2)])  # fmt: skip
    first, second = meeting.items.order_by("number")
    assert meeting.quorate
    assert "符合法定人数" in meeting.quorum_reason
    assert (first.number, first.passed, second.number, second.passed) == (1, True, 2, False)
    assert first.rule_key == body
    assert first.law == RULES[body].law
    assert "：通过" in first.vote_reason
    assert "未通过" in second.vote_reason
    with pytest.raises(DomainError, match="不足法定人数，表决无效，未记录"):
        meeting_record(actor=actor, area=area, body_kind=body, held_on=TODAY(), **short,
                       items=[ItemVote("议题", in_favour=short["present"])])  # fmt: skip
    assert Meeting.objects.count() == 1


def test_only_the_bases_of_the_bodys_rule_are_kept(users, areas):
    meeting = _record(users, areas, adults=0, households=0, households_present=3)
    assert (meeting.members, meeting.adults, meeting.households, meeting.households_present) == (
        30,
        None,
        None,
        None,
    )


def test_the_majority_of_all_members_and_two_thirds(users, areas):
    meeting = _record(users, areas, items=[
        ItemVote("按应到人数", in_favour=15, against=6, majority="members"),  # 15 of 30 due is not more than half
        ItemVote("三分之二", in_favour=14, against=7, majority="two_thirds_present"),  # 14 of 21 is two thirds
    ])  # fmt: skip
    members, two_thirds = meeting.items.order_by("number")
    assert not members.passed
    assert "至少16人" in members.vote_reason
    assert members.majority == "members"
    assert two_thirds.passed
    assert "至少14人" in two_thirds.vote_reason


def test_refusals_store_nothing(users, areas):
    with pytest.raises(DomainError, match="不能超过到会人数"):
        _record(users, areas, items=[ItemVote("议题", in_favour=20, against=5)])
    with pytest.raises(DomainError, match="会议日期不能晚于今天"):
        _record(users, areas, held_on=TODAY() + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="请填写会议日期"):
        _record(users, areas, held_on=None)
    with pytest.raises(DomainError, match="未知的会议类型"):
        _record(users, areas, body_kind="tea_party")
    with pytest.raises(DomainError, match="表决未获通过，未记录"):
        _record(users, areas, items=[ItemVote("议题", in_favour=10, against=11, must_pass=True)])
    with pytest.raises(DomainError, match="不足法定人数"):  # a later item cannot make a short meeting count
        _record(users, areas, present=19, items=[ItemVote("议题", in_favour=19)])
    with pytest.raises(DomainError, match="名单上的人数"):
        _record(users, areas, present=21, roll=[RollEntry(f"代表{n}") for n in range(22)])
    with pytest.raises(DomainError, match="未知的通过条件"):
        _record(users, areas, items=[ItemVote("议题", in_favour=18, majority="most")])
    assert _nothing_stored()


def test_who_may_record_a_meeting(users, areas):
    for name in ("resident", "supervisor", "township_admin", "grid_worker", "nobody", "other_staff"):
        with pytest.raises(NotPermitted):
            _record(users, areas, actor=users[name])
    assert _nothing_stored()
    # A feature may pass its own permission instead: the kernel asks it about the feature's object.
    with pytest.raises(NotPermitted):
        _record(users, areas, perm="conventions.launch", perm_obj=areas["township"])
    assert _nothing_stored()
    assert _record(
        users, areas, actor=users["township_admin"], perm="conventions.launch", perm_obj=areas["township"]
    )


def test_a_roll_call_names_each_vote_and_the_counts_follow_them(users, areas):
    roll = [RollEntry("王建国", user=users["community_staff"], post="主任"), RollEntry("李秀英"), RollEntry("张伟"),
            RollEntry("缺席者", present=False)]  # fmt: skip
    meeting = _record(users, areas, members=4, present=3, roll=roll,
                      items=[ItemVote("记名议题", method="roll_call", votes={0: "for", 1: "for", 2: "against"})])  # fmt: skip
    item = meeting.items.get()
    assert (item.in_favour, item.against, item.abstaining, item.passed) == (2, 1, 0, True)
    assert MeetingVote.objects.filter(item=item).count() == 3
    assert meeting.roll.count() == 4
    absent = meeting.roll.get(present=False)
    with pytest.raises(DomainError, match="到会人员"):
        meeting_item_vote_record(actor=users["community_staff"], meeting=meeting,
                                 item=ItemVote("再议", method="roll_call", votes={absent: "for"}))  # fmt: skip
    with pytest.raises(DomainError, match="只有记名表决"):
        meeting_item_vote_record(actor=users["community_staff"], meeting=meeting,
                                 item=ItemVote("再议", votes={0: "for"}))  # fmt: skip
    assert meeting.items.count() == 1


def test_items_are_added_to_a_recorded_meeting_and_audited(users, areas):
    meeting = _record(users, areas)
    recorded = AuditEvent.objects.get(verb="meeting.recorded")
    assert recorded.summary["items"] == 1
    assert recorded.summary["present"] == 21
    assert recorded.summary["members"] == 30
    item = meeting_item_vote_record(actor=users["community_staff"], meeting=meeting,
                                    item=ItemVote("第二项", in_favour=9, against=12))  # fmt: skip
    assert item.number == 2
    assert not item.passed
    voted = AuditEvent.objects.get(verb="meeting.item_voted")
    assert voted.summary["title"] == "第二项"
    assert voted.summary["passed"] is False
    with pytest.raises(NotPermitted):
        meeting_item_vote_record(
            actor=users["other_staff"], meeting=meeting, item=ItemVote("外村", in_favour=20)
        )
    assert meeting.items.count() == 2


def test_a_second_person_confirms_a_show_of_hands(users, areas):
    meeting = _record(users, areas)
    item = meeting.items.get()
    with pytest.raises(DomainError, match="另一人复核"):
        meeting_item_confirm(actor=users["community_staff"], item=item)
    with pytest.raises(NotPermitted):
        meeting_item_confirm(actor=users["supervisor"], item=item)
    clerk = make_user("clerk2", Role.COMMUNITY_STAFF, areas["village"])
    confirmed = meeting_item_confirm(actor=clerk, item=item)
    assert confirmed.confirmed_by == clerk
    assert confirmed.confirmed_at is not None
    with pytest.raises(Conflict, match="已经复核"):
        meeting_item_confirm(actor=make_user("clerk3", Role.COMMUNITY_STAFF, areas["village"]), item=item)
    assert AuditEvent.objects.filter(verb="meeting.item_confirmed").count() == 1


def test_documents_owner_and_reads(users, areas, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    minutes = SimpleUploadedFile("记录.pdf", BLANK_PDF, content_type="application/pdf")
    owner = areas["grid_a1"]  # any record: the link is (app label, model, id), no import of the owner's app
    meeting = _record(
        users, areas, documents={"minutes": minutes, "sign_in": None}, owner=owner, purpose="test"
    )
    document = MeetingDocument.objects.get(meeting=meeting)
    assert document.pdf_path.startswith("meetings/")
    assert (tmp_path / document.pdf_path).read_bytes().startswith(b"%PDF")
    assert list(meeting_documents_of(meeting)) == [document]
    assert (meeting.owner_app, meeting.owner_model, meeting.owner_id) == ("areas", "area", owner.pk)
    assert AuditEvent.objects.get(verb="meeting.recorded").summary["documents"] == ["minutes"]
    assert list(meetings_for(viewer=users["supervisor"])) == [meeting]
    assert list(meetings_for(viewer=users["township_admin"], purpose="test")) == [meeting]
    assert not meetings_for(viewer=users["other_staff"]).exists()
    assert not meetings_for(viewer=users["resident"]).exists()


def test_minutes_with_a_script_are_refused_and_nothing_is_recorded(users, areas, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    minutes = SimpleUploadedFile("记录.pdf", pdf_with_javascript(), content_type="application/pdf")
    with pytest.raises(DomainError) as refused:
        _record(
            users,
            areas,
            documents={"minutes": minutes, "sign_in": None},
            owner=areas["grid_a1"],
            purpose="test",
        )
    assert refused.value.code == "upload_pdf_active"
    assert "「记录.pdf」含有脚本" in refused.value.message
    assert not Meeting.objects.exists()
    assert not MeetingDocument.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


# Who may, by the kernel's own permissions (gongzhi/meetings/rules.py), over a meeting of 青山村 (same) and of
# 东街社区 (other). The meetings module has no pages of its own: a feature's pages call it with its own
# permission, and those pages are in the permission matrix (tests/policy_conventions.py: conventions:adopt).
KERNEL_GRID = """
                          record        view
                          same  other   same  other
    nobody                no    no      no    no
    resident              no    no      no    no
    party_member          no    no      no    no
    volunteer             no    no      no    no
    grid_worker           no    no      no    no
    community_staff       yes   no      yes   no
    window_clerk          no    no      no    no
    mediator              no    no      no    no
    supervisor            no    no      yes   no
    township_admin        no    no      yes   yes
    township_reviewer     no    no      yes   yes
    sys_admin             no    no      no    no
    sec_admin             no    no      no    no
    audit_admin           no    no      no    no
"""


def _kernel_grid() -> dict[tuple[str, str, str], bool]:
    rows = [line.split() for line in KERNEL_GRID.strip().splitlines()[2:]]
    cells = {}
    for actor, *marks in rows:
        for (perm, relation), mark in zip(
            [("record", "same"), ("record", "other"), ("view", "same"), ("view", "other")], marks, strict=True
        ):
            cells[(actor, perm, relation)] = mark == "yes"
    return cells


def test_the_kernel_permissions_follow_their_grid(users, areas):
    from gongzhi.core.authz import can

    cells = _kernel_grid()
    assert {actor for actor, _perm, _relation in cells} == {a for a in users if a != "other_staff"}
    meetings = {"same": _record(users, areas),
                "other": _record(users, areas, actor=users["other_staff"], area=areas["urban"],
                                 body_kind="residents_representatives_meeting")}  # fmt: skip
    for (actor, perm, relation), allowed in cells.items():
        assert can(users[actor], f"meetings.{perm}", meetings[relation]) is allowed, (actor, perm, relation)
        if perm == "record" and not allowed:
            before = Meeting.objects.count()
            with pytest.raises(NotPermitted):
                meeting_item_vote_record(
                    actor=users[actor], meeting=meetings[relation], item=ItemVote("越权", in_favour=18)
                )
            assert Meeting.objects.count() == before
            assert MeetingItem.objects.count() == 2


def test_a_meeting_short_of_its_quorum_may_be_kept_as_held_but_takes_no_vote(users, areas):
    with pytest.raises(DomainError, match="不足法定人数"):
        _record(
            users, areas, present=19, items=[ItemVote("议题", in_favour=19)], keep_inquorate=True
        )  # refused
    assert _nothing_stored()
    meeting = _record(users, areas, present=19, items=[], keep_inquorate=True)
    assert not meeting.quorate
    assert "不足法定人数" in meeting.quorum_reason
    assert AuditEvent.objects.get(verb="meeting.recorded").summary["quorate"] is False
    with pytest.raises(DomainError, match="不足法定人数，表决无效"):
        meeting_item_vote_record(
            actor=users["community_staff"], meeting=meeting, item=ItemVote("议题", in_favour=19)
        )
    assert not meeting.items.exists()
