"""Statutory quorum and majority (gongzhi.core.quorum): pure rules, no database."""

import pytest

from gongzhi.core.errors import DomainError
from gongzhi.core.quorum import RULES, meeting_check


@pytest.mark.parametrize(
    ("members", "present", "quorate"),
    [(30, 20, True), (30, 19, False), (31, 21, True), (31, 20, False), (3, 2, True), (0, 0, False)],
)
def test_representatives_meeting_needs_two_thirds_or_more_of_its_members(members, present, quorate):
    result = meeting_check("village_representatives_meeting", members=members, present=present,
                           in_favour=present)  # fmt: skip
    assert result.quorate is quorate
    assert ("符合法定人数" if quorate else "不足法定人数") in result.quorum_reason


@pytest.mark.parametrize(
    ("present", "in_favour", "passed"), [(20, 11, True), (20, 10, False), (21, 11, True), (21, 10, False)]
)
def test_a_decision_needs_more_than_half_of_those_present(present, in_favour, passed):
    result = meeting_check("village_representatives_meeting", members=30, present=present, in_favour=in_favour,
                           against=present - in_favour)  # fmt: skip
    assert result.passed is passed
    assert result.valid is passed
    assert ("通过" if passed else "未通过") in result.vote_reason


def test_villagers_meeting_is_quorate_by_adults_or_by_households():
    by_adults = meeting_check("villagers_meeting", adults=1000, present=501, in_favour=300)
    assert by_adults.quorate
    assert by_adults.passed
    assert not meeting_check(
        "villagers_meeting", adults=1000, present=500, in_favour=300
    ).quorate  # half is not more than half
    by_households = meeting_check(
        "villagers_meeting", households=300, households_present=200, present=200, in_favour=101
    )
    assert by_households.quorate
    assert by_households.passed
    assert not meeting_check(
        "villagers_meeting", households=300, households_present=199, present=199, in_favour=150
    ).quorate
    either = meeting_check("villagers_meeting", adults=1000, present=300, households=300, households_present=200,
                           in_favour=200)  # fmt: skip
    assert either.quorate  # not half the adults, but two thirds of the households


def test_a_meeting_without_quorum_passes_nothing():
    result = meeting_check("residents_meeting", adults=800, present=100, in_favour=100)
    assert not result.quorate
    assert not result.passed
    assert "决定无效" in result.vote_reason


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"members": 30, "present": 20, "in_favour": 15, "against": 10}, "in_favour", "不能超过到会人数"),
        ({"members": 10, "present": 12, "in_favour": 7}, "present", "不能超过"),
        ({"members": -1, "present": 0, "in_favour": 0}, "members", "不小于0的整数"),
        ({"members": 30, "present": 20.5, "in_favour": 10}, "present", "整数"),
        ({"present": 20, "in_favour": 11}, "members", "须填写"),
    ],
)
def test_impossible_figures_are_refused_clearly(kwargs, field, message):
    with pytest.raises(DomainError) as exc:
        meeting_check("village_representatives_meeting", **kwargs)
    assert exc.value.field == field
    assert message in exc.value.message


def test_unknown_meeting_kind_and_every_rule_names_its_law():
    with pytest.raises(DomainError, match="未知的会议类型"):
        meeting_check("tea_party", present=1, in_favour=1)
    assert all(rule.law for rule in RULES.values())


def test_residents_meeting_needs_more_than_half_of_the_households_not_two_thirds():
    assert meeting_check(
        "residents_meeting", households=100, households_present=51, present=51, in_favour=30
    ).quorate
    assert not meeting_check(
        "residents_meeting", households=100, households_present=50, present=50, in_favour=30
    ).quorate


@pytest.mark.parametrize(
    ("majority", "members", "present", "in_favour", "passed", "needed"),
    [
        ("present", 30, 21, 11, True, 11),  # more than half of the 21 present
        ("present", 30, 21, 10, False, 11),
        ("members", 30, 21, 16, True, 16),  # more than half of the 30 due, however many came
        ("members", 30, 21, 15, False, 16),
        ("members", 31, 21, 16, True, 16),
        ("two_thirds_present", 30, 21, 14, True, 14),  # two thirds or more of 21 present: 14
        ("two_thirds_present", 30, 21, 13, False, 14),
        ("two_thirds_present", 30, 20, 14, True, 14),  # 2/3 × 20 = 13⅓, so 14
    ],
)
def test_a_decision_needs_the_majority_its_matter_asks_for(
    majority, members, present, in_favour, passed, needed
):
    result = meeting_check("village_representatives_meeting", members=members, present=present, in_favour=in_favour,
                           against=present - in_favour, majority=majority)  # fmt: skip
    assert result.quorate
    assert result.passed is passed
    assert f"至少{needed}人" in result.vote_reason
    assert ("：通过" if passed else "未通过") in result.vote_reason


def test_the_default_majority_reads_as_before_and_unknown_majorities_are_refused():
    result = meeting_check("village_representatives_meeting", members=30, present=21, in_favour=11)
    assert result.vote_reason == "到会21人，赞成11人，须过半数即至少11人：通过"
    with pytest.raises(DomainError, match="未知的表决方式"):
        meeting_check(
            "village_representatives_meeting", members=30, present=21, in_favour=11, majority="most"
        )
    with pytest.raises(DomainError, match="须填写应到人数"):
        meeting_check("villagers_meeting", adults=100, present=60, in_favour=40, majority="members")
