"""The kernel's bodies (gongzhi.bodies): creating bodies, members with posts and terms, derived rolls,
一肩挑 derived from the posts, the statute's composition warnings, refusals that change nothing, who may."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.areas.models import Area
from gongzhi.audit.models import AuditEvent
from gongzhi.bodies.actions import (
    body_create,
    body_update,
    membership_add,
    membership_end,
    representation_set,
)
from gongzhi.bodies.models import Body, BodyKind, Membership, Post, Representation
from gongzhi.bodies.selectors import bodies_for, body_roll, body_warnings, memberships_current, shoulder_one
from gongzhi.core.errors import Conflict, DomainError, NotPermitted
from gongzhi.core.quorum import RULES
from gongzhi.residents.actions import household_create, household_member_add

TODAY = timezone.localdate
START = dt.date(2024, 1, 10)


@pytest.fixture
def staff(users):
    return users["community_staff"]


def _body(staff, areas, kind, **extra):
    return body_create(actor=staff, area=areas["village"], kind=kind, **extra)


def _add(staff, body, resident, post, **extra):
    return membership_add(actor=staff, body=body, resident=resident, post=post, started_on=START, **extra)


def _audit(verb):
    return AuditEvent.objects.filter(verb=verb).count()


def test_a_body_gets_its_statutory_name_and_meeting_rule_by_community_type(staff, users, areas):
    committee = _body(staff, areas, BodyKind.COMMITTEE)
    assembly = _body(staff, areas, BodyKind.ASSEMBLY)
    urban = body_create(actor=users["other_staff"], area=areas["urban"], kind=BodyKind.REPRESENTATIVES)
    assert (committee.name, committee.meeting_rule) == ("村民委员会", "body_meeting")
    assert (assembly.name, assembly.meeting_rule) == ("村民会议", "villagers_meeting")
    assert (urban.name, urban.meeting_rule) == ("居民代表会议", "residents_representatives_meeting")
    assert all(body.meeting_rule in RULES for body in Body.objects.all())
    assert _audit("body.created") == 3


def test_other_bodies_are_data_with_their_own_names(staff, areas):
    council = _body(staff, areas, BodyKind.OTHER, name="红白理事会", duties="移风易俗，红白事简办")
    ethics = _body(staff, areas, BodyKind.OTHER, name="道德评议会")
    assert {council.name, ethics.name} == {"红白理事会", "道德评议会"}
    with pytest.raises(Conflict):
        _body(staff, areas, BodyKind.OTHER, name="红白理事会")


def test_a_community_has_one_committee_and_a_group_meeting_is_one_per_group(staff, areas):
    _body(staff, areas, BodyKind.COMMITTEE)
    group = Area.objects.get(name="1组")
    _body(staff, areas, BodyKind.GROUP, group=group)
    before = Body.objects.count()
    with pytest.raises(Conflict):
        _body(staff, areas, BodyKind.COMMITTEE)
    with pytest.raises(Conflict):
        _body(staff, areas, BodyKind.GROUP, group=group)
    with pytest.raises(DomainError):
        body_create(actor=staff, area=areas["village"], kind=BodyKind.GROUP, group=areas["grid_a1"])
    with pytest.raises(DomainError):
        _body(staff, areas, BodyKind.OTHER, name="乡贤理事会", meeting_rule="no_such_rule")
    assert Body.objects.count() == before
    assert _audit("body.created") == 2


def test_only_the_communitys_staff_or_the_township_keep_its_bodies(users, areas):
    for who in ("resident", "party_member", "supervisor", "grid_worker", "other_staff", "township_reviewer"):
        with pytest.raises(NotPermitted):
            body_create(actor=users[who], area=areas["village"], kind=BodyKind.COMMITTEE)
    assert not Body.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="body.").exists()
    assert body_create(actor=users["township_admin"], area=areas["village"], kind=BodyKind.COMMITTEE)


def test_members_hold_posts_and_terms_and_leave_without_being_deleted(staff, areas, make_resident):
    committee = _body(staff, areas, BodyKind.COMMITTEE)
    chair = make_resident(name="李建国")
    member = make_resident(name="王秀英", gender="F")
    _add(staff, committee, chair, Post.CHAIR, term="第十一届")
    held = _add(staff, committee, member, Post.MEMBER, title="妇女委员", term="第十一届")
    ended = membership_end(actor=staff, membership=held, ended_on=TODAY(), reason="迁出本村")
    assert ended.ended_on == TODAY()
    assert Membership.objects.count() == 2
    assert [m.resident.name for m in memberships_current(committee, TODAY() + dt.timedelta(days=1))] == [
        "李建国"
    ]
    assert [m.resident.name for m in memberships_current(committee, TODAY())] == ["李建国", "王秀英"]
    with pytest.raises(Conflict):
        membership_end(actor=staff, membership=held, ended_on=TODAY(), reason="重复")
    assert _audit("body.member_added") == 2
    assert _audit("body.member_ended") == 1


def test_bad_members_are_refused_with_a_reason_and_nothing_changes(staff, users, areas, make_resident):
    committee = _body(staff, areas, BodyKind.COMMITTEE)
    chair = make_resident(name="李建国")
    _add(staff, committee, chair, Post.CHAIR)
    child = make_resident(name="李小明", birth=TODAY().replace(year=TODAY().year - 10))
    outsider = make_resident("grid_b1", name="赵六")
    another = make_resident(name="孙七")
    refusals = [
        (DomainError, dict(resident=child, post=Post.MEMBER, started_on=START), "十八周岁"),
        (DomainError, dict(resident=outsider, post=Post.MEMBER, started_on=START), "本村(社区)在册"),
        (DomainError, dict(resident=another, post=Post.SECRETARY, started_on=START), "没有这个职务"),
        (DomainError, dict(resident=another, post=Post.MEMBER, started_on=None), "任职日期"),
        (DomainError, dict(resident=another, post=Post.MEMBER, started_on=TODAY() + dt.timedelta(days=1)), "晚于今天"),
        (Conflict, dict(resident=chair, post=Post.MEMBER, started_on=START), "已在这个组织任职"),
        (Conflict, dict(resident=another, post=Post.CHAIR, started_on=START), "已经有主任"),
    ]  # fmt: skip
    for error, data, words in refusals:
        with pytest.raises(error) as raised:
            membership_add(actor=staff, body=committee, **data)
        assert words in str(raised.value.message)
    assert Membership.objects.count() == 1
    assert _audit("body.member_added") == 1


def test_a_derived_body_takes_no_typed_members(staff, areas, make_resident):
    joint = _body(staff, areas, BodyKind.JOINT)
    with pytest.raises(DomainError, match="自动得出"):
        _add(staff, joint, make_resident(), Post.MEMBER)
    assert not Membership.objects.exists()


def test_shoulder_one_is_derived_from_the_posts(staff, areas, make_resident):
    party = _body(staff, areas, BodyKind.PARTY_ORG)
    committee = _body(staff, areas, BodyKind.COMMITTEE)
    leader, other = make_resident(name="李建国"), make_resident(name="陈强")
    _add(staff, party, leader, Post.SECRETARY)
    held = _add(staff, committee, other, Post.CHAIR)
    assert shoulder_one(areas["village"]) is None
    membership_end(actor=staff, membership=held, ended_on=TODAY(), reason="换届")
    _add(staff, committee, leader, Post.CHAIR)
    assert shoulder_one(areas["village"]) == leader


def test_the_joint_and_representatives_rolls_are_derived_once_per_person(staff, areas, make_resident):
    party = _body(staff, areas, BodyKind.PARTY_ORG)
    committee = _body(staff, areas, BodyKind.COMMITTEE)
    representatives = _body(staff, areas, BodyKind.REPRESENTATIVES)
    both, secretary_only, chair_only = (
        make_resident(name="甲"),
        make_resident(name="乙"),
        make_resident(name="丙"),
    )
    _add(staff, party, both, Post.SECRETARY)
    _add(staff, party, secretary_only, Post.MEMBER)
    _add(staff, committee, both, Post.CHAIR)
    _add(staff, committee, chair_only, Post.MEMBER)
    joint = _body(staff, areas, BodyKind.JOINT)
    assert sorted(s.resident.name for s in body_roll(joint).seats) == ["丙", "乙", "甲"]
    delegate = make_resident(name="丁")
    _add(staff, representatives, delegate, Post.REPRESENTATIVE)
    roll = body_roll(representatives)
    assert sorted(s.resident.name for s in roll.seats) == ["丁", "丙", "甲"]
    assert roll.members == 3


def test_the_party_members_and_the_whole_meeting_are_counted_from_the_register(staff, areas, make_resident):
    make_resident(name="党员甲", political_status="中共党员")
    make_resident(name="预备党员", political_status="中共预备党员")
    make_resident(name="群众", political_status="群众")
    make_resident(name="孩子", birth=TODAY().replace(year=TODAY().year - 17))
    make_resident("grid_b1", name="社区党员", political_status="中共党员")
    party_members = _body(staff, areas, BodyKind.PARTY_MEMBERS)
    assert [s.resident.name for s in body_roll(party_members).seats] == ["党员甲"]
    assembly = body_roll(_body(staff, areas, BodyKind.ASSEMBLY))
    assert (assembly.adults, assembly.members) == (3, None)


def test_the_statutes_composition_rules_are_warnings(staff, areas, make_resident):
    committee = _body(staff, areas, BodyKind.COMMITTEE)
    men = [make_resident(name="男" + "甲乙丙"[i]) for i in range(3)]
    for man in men:
        _add(staff, committee, man, Post.CHAIR if man is men[0] else Post.MEMBER)
    assert [w.code for w in body_warnings(committee)] == ["committee_woman"]
    _add(staff, committee, make_resident(name="女委员", gender="F"), Post.MEMBER)
    assert body_warnings(committee) == []

    supervisory = _body(staff, areas, BodyKind.SUPERVISORY)
    _add(staff, supervisory, men[1], Post.MEMBER)
    household = household_create(actor=staff, area=areas["grid_a1"], number="QS-001")
    household_member_add(actor=staff, household=household, resident=men[2], relation="02")
    relative = make_resident(name="亲属")
    household_member_add(actor=staff, household=household, resident=relative, relation="10")
    _add(staff, supervisory, relative, Post.CHAIR)
    codes = sorted(w.code for w in body_warnings(supervisory))
    assert codes == ["supervisor_on_committee", "supervisor_relative"]


def test_representatives_shares_and_households_per_representative(staff, areas, make_resident):
    committee = _body(staff, areas, BodyKind.COMMITTEE)
    _add(staff, committee, make_resident(name="主任"), Post.CHAIR)
    representatives = _body(staff, areas, BodyKind.REPRESENTATIVES)
    held = [
        _add(
            staff,
            representatives,
            make_resident(name="代表" + "甲乙丙丁"[i], gender="F" if i < 2 else "M"),
            Post.REPRESENTATIVE,
        )
        for i in range(4)
    ]
    codes = {w.code for w in body_warnings(representatives)}
    # 4 representatives of 5 is 4/5 (enough); 2 women of 5 is more than 1/3; nobody represents any household yet.
    assert codes == {"households_per_representative"}
    households = [household_create(actor=staff, area=areas["grid_a1"], number=f"QS-{n:03}") for n in range(6)]
    for membership in held:
        representation_set(actor=staff, membership=membership, households=[])
    representation_set(actor=staff, membership=held[0], households=households)
    warned = [w.message for w in body_warnings(representatives)]
    assert not any("代表甲" in message for message in warned)
    assert any("代表乙" in message for message in warned)
    with pytest.raises(Conflict, match="已由代表代表甲联系"):
        representation_set(actor=staff, membership=held[1], households=households[:1])
    assert Representation.objects.count() == 6
    assert AuditEvent.objects.filter(verb="body.represented").count() == 1  # unchanged lists write nothing


def test_changing_a_body_is_audited_with_what_changed(staff, areas):
    body = _body(staff, areas, BodyKind.OTHER, name="红白理事会")
    body_update(actor=staff, body=body, name="红白理事会", meeting_rule="joint_meeting",
                proxies_allowed=True, duties="", active=True)  # fmt: skip
    event = AuditEvent.objects.get(verb="body.changed")
    assert event.summary["rule"] == {"from": "body_meeting", "to": "joint_meeting"}
    assert event.summary["proxies"] == {"from": False, "to": True}


def test_readers_see_only_their_communitys_bodies(staff, users, areas):
    _body(staff, areas, BodyKind.COMMITTEE)
    body_create(actor=users["other_staff"], area=areas["urban"], kind=BodyKind.COMMITTEE)
    assert [b.area.name for b in bodies_for(viewer=staff)] == ["青山村"]
    assert bodies_for(viewer=users["township_admin"]).count() == 2
    assert not bodies_for(viewer=users["resident"]).exists()
