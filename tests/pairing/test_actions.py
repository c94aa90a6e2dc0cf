"""Pairing's actions: the aim, pairing and re-pairing, choosing, declining, visits, and every refusal changing
nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.areas.actions import area_create_unchecked
from gongzhi.areas.models import AreaKind
from gongzhi.audit.models import AuditEvent
from gongzhi.core.errors import DomainError, NotPermitted
from gongzhi.notices.models import Notice
from gongzhi.pairing import actions, selectors
from gongzhi.pairing.models import Aim, Decline, Pair, PairOrigin, Visit
from gongzhi.residents.models import Tag
from tests.conftest import make_user


def counts() -> tuple[int, ...]:
    return (Pair.objects.count(), Pair.objects.filter(ended_on__isnull=True).count(), Decline.objects.count(),
            Decline.objects.filter(undone_at__isnull=True).count(), Visit.objects.count(), Aim.objects.count(),
            AuditEvent.objects.count(), Notice.objects.count())  # fmt: skip


def refused(run, code: str | None = None, exc=DomainError) -> DomainError:
    before = counts()
    with pytest.raises(exc) as info:
        run()
    assert counts() == before
    if code is not None:
        assert info.value.code == code
    assert info.value.message
    return info.value


@pytest.fixture
def staff(users):
    return users["community_staff"]


def test_pairing_a_party_member_tells_the_member_and_the_household(staff, person, home, member_user, users):
    resident_user = make_user("huzhu", display_name="户主")
    household = home(user=resident_user)
    member = person("李党员", party="01", user=member_user)
    pair = actions.pair_make(actor=staff, household=household, member=member)
    assert pair.active
    assert pair.origin == PairOrigin.ASSIGNED
    assert pair.started_on == timezone.localdate()
    assert Notice.objects.filter(recipient=member_user, kind="pairing").exists()
    assert Notice.objects.filter(recipient=resident_user, kind="pairing").exists()
    assert AuditEvent.objects.filter(verb="pairing.paired").count() == 1


def test_a_probationary_member_may_pair(staff, person, home):
    pair = actions.pair_make(actor=staff, household=home(), member=person("预备党员", party="02"))
    assert pair.active


def test_someone_not_a_party_member_is_refused(staff, person, home):
    household, masses = home(), person("群众甲", party="13")
    error = refused(
        lambda: actions.pair_make(actor=staff, household=household, member=masses), "not_a_party_member"
    )
    assert "党员" in error.message


def test_a_member_over_the_limit_is_refused(staff, person, home, aim):
    aim(limit=2)
    member = person("李党员", party="01")
    for _ in range(2):
        actions.pair_make(actor=staff, household=home(), member=member)
    third = home()
    error = refused(lambda: actions.pair_make(actor=staff, household=third, member=member), "over_limit")
    assert "2" in error.message
    # The candidates say so too (without ranking anyone).
    assert next(c for c in selectors.member_candidates(third) if c.member.pk == member.pk).full


def test_a_second_active_pair_for_a_household_is_refused(staff, person, home):
    household = home()
    actions.pair_make(actor=staff, household=household, member=person("甲党员", party="01"))
    other = person("乙党员", party="01")
    refused(lambda: actions.pair_make(actor=staff, household=household, member=other), "already_paired")


def test_re_pairing_keeps_the_history_and_tells_the_old_member(staff, person, home, member_user):
    household = home()
    first = actions.pair_make(
        actor=staff, household=household, member=person("甲党员", party="01", user=member_user)
    )
    second_member = person("丙党员", party="01")
    refused(lambda: actions.pair_make(actor=staff, household=household, member=second_member, repair=True))
    second = actions.pair_make(
        actor=staff, household=household, member=second_member, repair=True, reason="甲党员外出务工"
    )
    first.refresh_from_db()
    assert first.ended_on == timezone.localdate()
    assert first.end_reason == "甲党员外出务工"
    assert second.active
    assert Pair.objects.filter(household=household).count() == 2
    assert Notice.objects.filter(recipient=member_user, title__contains="结束").exists()
    assert AuditEvent.objects.filter(verb="pairing.repaired").count() == 1


def test_a_household_outside_the_staff_members_scope_is_refused(users, person, home):
    household, member = home(), person("李党员", party="01")
    error = refused(
        lambda: actions.pair_make(actor=users["other_staff"], household=household, member=member),
        exc=NotPermitted,
    )
    assert household.number in error.message


def test_a_member_of_another_community_is_refused(staff, person, home):
    household, member = home(), person("外村党员", "grid_b1", party="01")
    refused(lambda: actions.pair_make(actor=staff, household=household, member=member), "other_community")


def test_grid_members_are_offered_first(person, home):
    household = home("grid_a2")
    person("阿党员", "grid_a1", party="01")
    near = person("张党员", "grid_a2", party="01")
    person("群众乙", "grid_a2")
    candidates = selectors.member_candidates(household)
    assert candidates[0].member == near
    assert candidates[0].in_grid
    assert len(candidates) == 2


def test_a_household_chooses_a_member_of_its_grid(person, home):
    resident_user = make_user("xuanze")
    household = home(user=resident_user)
    far = person("远党员", "grid_a2", party="01")
    refused(
        lambda: actions.pair_make(actor=resident_user, household=household, member=far, chosen=True),
        "other_grid",
    )
    near = person("近党员", "grid_a1", party="01")
    pair = actions.pair_make(actor=resident_user, household=household, member=near, chosen=True)
    assert pair.origin == PairOrigin.CHOSEN
    # Not chosen: a resident may not assign.
    other = home(user=make_user("other_resident"))
    refused(lambda: actions.pair_make(actor=resident_user, household=other, member=near, chosen=True),
            exc=NotPermitted)  # fmt: skip


def test_staff_record_a_households_choice_with_consent(staff, person, home):
    household, member = home(), person("近党员", party="01")
    refused(lambda: actions.pair_make(actor=staff, household=household, member=member, chosen=True))
    pair = actions.pair_make(
        actor=staff, household=household, member=member, chosen=True, consent_channel="phone"
    )
    assert pair.origin == PairOrigin.CHOSEN_ASSISTED
    assert pair.consent_channel == "phone"


def test_a_decline_counts_as_covered_and_can_be_undone(staff, person, home, aim, areas):
    aim()
    paired, declining, open_ = home(), home(), home()
    actions.pair_make(actor=staff, household=paired, member=person("李党员", party="01"))
    actions.decline_record(
        actor=staff, household=declining, reason="子女在本地照顾", consent_channel="in_person"
    )
    refused(lambda: actions.decline_record(actor=staff, household=declining, consent_channel="in_person"),
            "already_declined")  # fmt: skip
    row = next(r for r in selectors.coverage_for(viewer=staff) if r.community == areas["village"])
    assert (row.aim_total, row.paired, row.declined, row.unpaired) == (3, 1, 1, 1)
    assert row.covered_percent == 67
    tile = next(t for t in selectors.community_map(areas["village"]) if t.grid == areas["grid_a1"])
    assert {c.household.pk: c.state for c in tile.cells} == {
        paired.pk: "paired",
        declining.pk: "declined",
        open_.pk: "unpaired",
    }
    actions.decline_undo(actor=staff, household=declining, consent_channel="phone")
    row = next(r for r in selectors.coverage_for(viewer=staff) if r.community == areas["village"])
    assert (row.declined, row.unpaired) == (0, 2)
    assert open_.pk not in {d.household_id for d in Decline.objects.all()}


def test_declining_ends_the_active_pair(staff, person, home):
    household = home()
    pair = actions.pair_make(actor=staff, household=household, member=person("李党员", party="01"))
    actions.decline_record(actor=staff, household=household, consent_channel="written")
    pair.refresh_from_db()
    assert pair.ended_on is not None


def test_a_household_declines_itself(person, home):
    resident_user = make_user("bu_yao")
    household = home(user=resident_user)
    decline = actions.decline_record(actor=resident_user, household=household)
    assert decline.consent_channel == ""
    assert decline.declined_on == timezone.localdate()
    actions.decline_undo(actor=resident_user, household=household)


def test_visits_by_the_member_and_staff(staff, person, home, member_user):
    pair = actions.pair_make(
        actor=staff, household=home(), member=person("李党员", party="01", user=member_user)
    )
    today = timezone.localdate()
    visit = actions.visit_record(actor=member_user, pair=pair, visited_on=today, what="帮助打扫院子，送去米面",
                                 follow_up=True, follow_up_text="屋顶漏雨，需要村里安排维修")  # fmt: skip
    assert visit.by_member
    assert visit.follow_up
    assert not actions.visit_record(actor=staff, pair=pair, visited_on=today, what="陪同走访").by_member


def test_a_visit_in_the_future_is_refused(staff, person, home):
    pair = actions.pair_make(actor=staff, household=home(), member=person("李党员", party="01"))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    error = refused(
        lambda: actions.visit_record(actor=staff, pair=pair, visited_on=tomorrow, what="走访"), "future"
    )
    assert "今天" in error.message


def test_a_visit_with_personal_data_or_before_the_pair_or_by_a_stranger_is_refused(
    staff, person, home, users
):
    pair = actions.pair_make(actor=staff, household=home(), member=person("李党员", party="01"))
    today = timezone.localdate()
    refused(lambda: actions.visit_record(actor=staff, pair=pair, visited_on=today, what="电话13812345678"),
            "personal_data")  # fmt: skip
    refused(lambda: actions.visit_record(actor=staff, pair=pair, visited_on=today - dt.timedelta(days=3),
                                         what="走访"))  # fmt: skip
    refused(
        lambda: actions.visit_record(actor=staff, pair=pair, visited_on=today, what="走访", follow_up=True)
    )
    refused(lambda: actions.visit_record(actor=users["party_member"], pair=pair, visited_on=today, what="走访"),
            exc=NotPermitted)  # fmt: skip


def test_the_aim_is_per_township_or_community(users, areas, aim):
    township = aim(tags=("left_behind_elderly", "dibao"), limit=5)
    assert selectors.aim_for(areas["village"]) == township
    own = aim(tags=("dibao",), area="urban")
    assert selectors.aim_for(areas["urban"]) == own
    assert selectors.aim_for(areas["village"]) == township
    again = aim(tags=("special_group",), limit=None)
    assert again.pk == township.pk
    assert [t.code for t in again.tags.all()] == ["special_group"]


def test_an_aim_outside_scope_is_refused(users, areas):
    elsewhere = area_create_unchecked(kind=AreaKind.TOWNSHIP, name="太平镇", parent=None, code="511423102000")
    tags = list(Tag.objects.filter(code="dibao"))
    error = refused(lambda: actions.aim_set(actor=users["township_admin"], area=elsewhere, tags=tags),
                    exc=NotPermitted)  # fmt: skip
    assert "太平镇" in error.message
    refused(lambda: actions.aim_set(actor=users["community_staff"], area=areas["village"], tags=tags),
            exc=NotPermitted)  # fmt: skip
    refused(lambda: actions.aim_set(actor=users["township_admin"], area=areas["township"], tags=[]))
    refused(lambda: actions.aim_set(actor=users["township_admin"], area=areas["township"], tags=tags,
                                    per_member_max="99"))  # fmt: skip
    refused(lambda: actions.aim_set(actor=users["township_admin"], area=areas["grid_a1"], tags=tags))
