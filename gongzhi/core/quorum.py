"""Statutory quorum and majority of the meetings that decide village and community matters.

One kernel module, rules as data, for every feature that records a meeting
(convention adoption, 四议两公开 resolutions, later the assemblies of an
election). The rules:

- 村民会议 (villagers' meeting), 村民委员会组织法 art. 22: more than half of
  the villagers aged 18 or over, or the representatives of two thirds or more
  of the households, attend; a decision needs more than half of those present.
- 村民代表会议 (villagers' representatives' meeting), art. 26: two thirds or
  more of its members attend; a decision needs more than half of those present.
- 居民会议 (residents' meeting), 城市居民委员会组织法 art. 9: more than half of
  the residents aged 18 or over, or more than half of the households'
  representatives, attend; a decision needs more than half of those present.
  (A meeting of representatives elected by the residents' groups, also in
  art. 9, is the 居民代表会议 below.)
- 居民代表会议 (residents' representatives' meeting): as the villagers'.
- 村(居)民小组会议 (a resident group's meeting), art. 28: two thirds or more of
  the group's villagers aged 18 or over, or of its households' representatives,
  attend; a decision needs more than half of those present.
- 党员大会 (the party members' meeting) deciding under 四议两公开: two thirds or
  more of the members attend (the 四议两公开 practice; the 支部工作条例 asks
  more than half), and a decision needs more than half of all members due.
- 党组织委员会会议 (支委会): more than half of its members attend; a decision
  needs more than half of the members due (支部工作条例).
- 两委联席会议 (the two committees' joint meeting, 四议两公开's 商议): two
  thirds or more of its members attend; more than half of those present.
- The meeting of a committee or of any other body (监委会, 红白理事会, …):
  more than half of its members attend; more than half of those present
  (少数服从多数). A body may be given another rule of this table.

Chinese statutes count "以上" inclusively and "过半数" strictly (民法典
art. 1259), so "two thirds or more" is ≥ 2/3 and "more than half" is > 1/2.
Counting uses exact fractions, never floating point.

The majority a decision needs is the body's (more than half of those present
for all four above) unless the matter asks for another (`MAJORITIES`): more
than half of all the members due (a party members' meeting, 中国共产党支部工作
条例（试行）: "赞成人数超过应到会有表决权的党员的半数为通过"), or two thirds or
more of those present (where a body's own rules ask for it).
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError


@dataclass(frozen=True)
class Attendance:
    """One way a meeting becomes quorate: `share` of `base` present (inclusive or strictly more)."""

    base: str  # "adults", "households", "members"
    share: Fraction
    inclusive: bool


@dataclass(frozen=True)
class MeetingRule:
    key: str
    label: object
    attendance: tuple[Attendance, ...]  # any one suffices
    majority: Fraction = Fraction(1, 2)  # of those present, strictly more than this share
    law: object = ""  # the statute article, translated (gettext_lazy)
    default_majority: str = "present"  # the key of MAJORITIES a decision of this body needs unless told


RULES: dict[str, MeetingRule] = {
    rule.key: rule
    for rule in (
        MeetingRule(
            "villagers_meeting",
            gettext_lazy("村民会议"),
            (Attendance("adults", Fraction(1, 2), False), Attendance("households", Fraction(2, 3), True)),
            law=gettext_lazy("村民委员会组织法第二十二条"),
        ),
        MeetingRule(
            "village_representatives_meeting",
            gettext_lazy("村民代表会议"),
            (Attendance("members", Fraction(2, 3), True),),
            law=gettext_lazy("村民委员会组织法第二十六条"),
        ),
        MeetingRule(
            "residents_meeting",
            gettext_lazy("居民会议"),
            (Attendance("adults", Fraction(1, 2), False), Attendance("households", Fraction(1, 2), False)),
            law=gettext_lazy("城市居民委员会组织法第九条"),
        ),
        MeetingRule(
            "residents_representatives_meeting",
            gettext_lazy("居民代表会议"),
            (Attendance("members", Fraction(2, 3), True),),
            law=gettext_lazy("城市居民委员会组织法第九条（居民小组代表）、参照村民委员会组织法第二十六条"),
        ),
        MeetingRule(
            "group_meeting",
            gettext_lazy("村(居)民小组会议"),
            (Attendance("adults", Fraction(2, 3), True), Attendance("households", Fraction(2, 3), True)),
            law=gettext_lazy("村民委员会组织法第二十八条"),
        ),
        MeetingRule(
            "party_members_meeting",
            gettext_lazy("党员大会"),
            (Attendance("members", Fraction(2, 3), True),),
            law=gettext_lazy("中国共产党支部工作条例（试行）；四议两公开：党员大会须三分之二以上党员到会"),
            default_majority="members",
        ),
        MeetingRule(
            "party_committee_meeting",
            gettext_lazy("党组织委员会会议"),
            (Attendance("members", Fraction(1, 2), False),),
            law=gettext_lazy("中国共产党支部工作条例（试行）"),
            default_majority="members",
        ),
        MeetingRule(
            "joint_meeting",
            gettext_lazy("两委联席会议"),
            (Attendance("members", Fraction(2, 3), True),),
            law=gettext_lazy("四议两公开：两委联席会议须三分之二以上成员到会"),
        ),
        MeetingRule(
            "body_meeting",
            gettext_lazy("委员会或其他组织的会议"),
            (Attendance("members", Fraction(1, 2), False),),
            law=gettext_lazy("少数服从多数的议事原则（村民委员会组织法）"),
        ),
    )
}

_BASE_LABELS = {
    "adults": gettext_lazy("十八周岁以上的人数"),
    "households": gettext_lazy("户数"),
    "members": gettext_lazy("组成人员数"),
}
_PRESENT_OF = {"adults": "present", "households": "households_present", "members": "present"}


@dataclass(frozen=True)
class Majority:
    """What a decision needs: `share` of `base` ("present", or "members" due) in favour."""

    key: str
    label: object
    base: str
    share: Fraction
    inclusive: bool


MAJORITIES: dict[str, Majority] = {
    m.key: m
    for m in (
        Majority("present", gettext_lazy("到会人数过半数"), "present", Fraction(1, 2), False),
        Majority("members", gettext_lazy("应到人数过半数"), "members", Fraction(1, 2), False),
        Majority("two_thirds_present", gettext_lazy("到会人数三分之二以上"), "present", Fraction(2, 3), True),
    )
}


@dataclass(frozen=True)
class MeetingResult:
    rule: MeetingRule
    quorate: bool
    passed: bool
    quorum_reason: str
    vote_reason: str

    @property
    def valid(self) -> bool:
        return self.quorate and self.passed


def _count(value, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DomainError(_("%(name)s应为不小于0的整数。") % {"name": name}, field=name)
    return value


def _required(value, name: str) -> int:
    counted = _count(value, name)
    if counted is None:
        raise DomainError(_("%(name)s应为不小于0的整数。") % {"name": name}, field=name)
    return counted


def _needed(total: int, attendance: Attendance) -> int:
    """The smallest head count that meets `attendance` out of `total`."""
    exact = attendance.share * total
    if attendance.inclusive:
        return -(-exact.numerator // exact.denominator)  # ceiling
    return exact.numerator // exact.denominator + 1  # strictly more


def meeting_check(
    rule_key: str,
    *,
    present: int,
    in_favour: int,
    against: int = 0,
    abstaining: int = 0,
    adults: int | None = None,
    households: int | None = None,
    households_present: int | None = None,
    members: int | None = None,
    majority: str = "present",
) -> MeetingResult:
    """Was the meeting quorate, and did the decision pass? Impossible figures are refused with a message."""
    rule = RULES.get(rule_key)
    if rule is None:
        raise DomainError(_("未知的会议类型。"), field="kind")
    needs = MAJORITIES.get(majority)
    if needs is None:
        raise DomainError(_("未知的表决方式。"), field="majority")
    votes = {
        name: _required(value, name)
        for name, value in (
            ("present", present),
            ("in_favour", in_favour),
            ("against", against),
            ("abstaining", abstaining),
        )
    }
    counts: dict[str, int | None] = {
        **votes,
        "adults": _count(adults, "adults"),
        "households": _count(households, "households"),
        "households_present": _count(households_present, "households_present"),
        "members": _count(members, "members"),
    }
    if votes["in_favour"] + votes["against"] + votes["abstaining"] > votes["present"]:
        raise DomainError(_("赞成、反对、弃权人数之和不能超过到会人数。"), field="in_favour")
    for base, present_key in (
        ("adults", "present"),
        ("members", "present"),
        ("households", "households_present"),
    ):
        total, there = counts[base], counts[present_key]
        if total is not None and there is not None and there > total:
            raise DomainError(
                _("到会人数不能超过%(base)s。") % {"base": _BASE_LABELS[base]}, field=present_key
            )
    usable = [
        a for a in rule.attendance if counts[a.base] is not None and counts[_PRESENT_OF[a.base]] is not None
    ]
    if not usable:
        needed_bases = "、".join(str(_BASE_LABELS[a.base]) for a in rule.attendance)
        raise DomainError(
            _("%(meeting)s须填写%(bases)s及相应的到会人数。")
            % {"meeting": rule.label, "bases": needed_bases},
            field=rule.attendance[0].base,
        )
    quorate, reasons = False, []
    for attendance in usable:
        total, there = (
            _required(counts[attendance.base], attendance.base),
            _required(counts[_PRESENT_OF[attendance.base]], _PRESENT_OF[attendance.base]),
        )
        needed = _needed(total, attendance)
        ok = total > 0 and there >= needed
        quorate = quorate or ok
        reasons.append(
            _("%(base)s%(total)d，到会%(there)d，至少需%(needed)d")
            % {"base": _BASE_LABELS[attendance.base], "total": total, "there": there, "needed": needed}
        )
    quorum_reason = ("；".join(reasons)) + ("：" + (_("符合法定人数") if quorate else _("不足法定人数")))
    if needs.base == "members" and counts["members"] is None:
        raise DomainError(_("按应到人数计算表决结果，须填写应到人数。"), field="members")
    base_count = _required(counts[needs.base], needs.base)
    majority_needed = _needed(base_count, Attendance(needs.base, needs.share, needs.inclusive))
    passed = quorate and votes["in_favour"] >= majority_needed
    verdict = _("通过") if passed else (_("未通过") if quorate else _("会议未达法定人数，决定无效"))
    figures = {
        "present": votes["present"],
        "total": base_count,
        "yes": votes["in_favour"],
        "needed": majority_needed,
        "verdict": verdict,
    }
    if needs.key == "members":
        vote_reason = (
            _("应到%(total)d人，赞成%(yes)d人，须超过应到人数的半数即至少%(needed)d人：%(verdict)s") % figures
        )
    elif needs.key == "two_thirds_present":
        vote_reason = (
            _("到会%(present)d人，赞成%(yes)d人，须达到会人数的三分之二即至少%(needed)d人：%(verdict)s")
            % figures
        )
    else:
        vote_reason = _("到会%(present)d人，赞成%(yes)d人，须过半数即至少%(needed)d人：%(verdict)s") % figures
    return MeetingResult(rule, quorate, passed, quorum_reason, vote_reason)


@dataclass(frozen=True)
class TurnoutResult:
    quorate: bool
    needed: int  # the smallest number of participants that meets the rule
    reason: str


def turnout_check(*, eligible: int, participated: int, share: Fraction, inclusive: bool) -> TurnoutResult:
    """Did enough of those eligible take part in a secret ballot (a quorate 民主评议, a poll with a threshold)?

    `share` of `eligible`, counted as the statutes count: inclusively for "以上" (≥), strictly for "过半数"
    (>). A share of 0 asks for no quorum: any turnout is valid. Exact fractions, never floating point.
    """
    eligible = _required(eligible, "eligible")
    participated = _required(participated, "participated")
    if participated > eligible:
        raise DomainError(_("参加人数不能超过有投票资格的人数。"), field="participated")
    if not 0 <= share <= 1:
        raise DomainError(_("法定比例应在0到1之间。"), field="share")
    if share == 0:
        return TurnoutResult(True, 0, _("有投票资格%(eligible)d人，参加%(there)d人：不设法定人数") % {
            "eligible": eligible, "there": participated})  # fmt: skip
    needed = _needed(eligible, Attendance("members", share, inclusive))
    quorate = eligible > 0 and participated >= needed
    reason = _("有投票资格%(eligible)d人，参加%(there)d人，至少需%(needed)d人：%(verdict)s") % {
        "eligible": eligible,
        "there": participated,
        "needed": needed,
        "verdict": _("符合法定人数") if quorate else _("不足法定人数，结果无效"),
    }
    return TurnoutResult(quorate, needed, reason)
