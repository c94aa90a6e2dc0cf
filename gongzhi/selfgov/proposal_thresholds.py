"""How many co-signers oblige a community to convene a meeting: the statute's thresholds, as data.

Pure: no database. The bases (adults, households, resident groups,
representatives) come from the register and the bodies
(gongzhi.selfgov.selectors.proposals.proposal_bases), never typed.

Villages, 村民委员会组织法 (2018):
- art. 21: "有十分之一以上的村民或者三分之一以上的村民代表提议，应当召集村民会议。"
  The villagers' meeting is of the villagers aged 18 or over (same article), so
  the base is the community's adults.
- art. 26: "有五分之一以上的村民代表提议，应当召集村民代表会议。"

Urban communities, 城市居民委员会组织法 (1989, 2018) art. 9:
"有五分之一以上的十八周岁以上的居民、五分之一以上的户或者三分之一以上的居民小组提议，
应当召集居民会议。" The statute sets no threshold for a residents'
representatives' meeting; gongzhi applies the villagers' art. 26 to it as the
township's practice and says so in the basis (as gongzhi.bodies.statute does).

A household counts once one of its adult members has signed; a resident
group once its leader has signed for it. Representatives' signatures count
towards the representatives' routes (and, as residents, towards the adults').
"以上" is inclusive (民法典 art. 1259): the smallest whole number n with
n / base ≥ share. Counting uses exact fractions. The statute gives no time
limit for convening; `MEETING_DUE_DAYS` is the default of the township's own setting.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

VILLAGE, URBAN = "village", "urban"
ASSEMBLY, REPRESENTATIVES, ANSWER = "assembly", "representatives", "answer"
ADULTS, HOUSEHOLDS, GROUPS, REPS = "adults", "households", "groups", "representatives"

# The statute says "应当召集" without a time limit. Each township sets its own (ProposalSetting, by the township
# office; decision 0041): the meeting is due that many calendar days after the threshold was reached. Without a
# setting, 30 days: a month is what most local rules on 村民会议 give (e.g. "一个月内召集"), and long enough to
# give the statutory notice (gongzhi.meetings.statute) and gather the villagers. Bounds: 7 days is the shortest
# time that still leaves the notice and the preparation; 90 a quarter, past which "应当召集" means little.
MEETING_DUE_DAYS = 30
MEETING_DUE_DAYS_MIN, MEETING_DUE_DAYS_MAX = 7, 90

# The meeting a proposal asks for and the bases, named as each kind of community names them.
MEETING_NAMES = {
    (VILLAGE, ASSEMBLY): _("村民会议"),
    (VILLAGE, REPRESENTATIVES): _("村民代表会议"),
    (URBAN, ASSEMBLY): _("居民会议"),
    (URBAN, REPRESENTATIVES): _("居民代表会议"),
}
BASE_NAMES = {
    (VILLAGE, ADULTS): _("十八周岁以上的村民"),
    (VILLAGE, REPS): _("村民代表"),
    (URBAN, ADULTS): _("十八周岁以上的居民"),
    (URBAN, HOUSEHOLDS): _("户"),
    (URBAN, GROUPS): _("居民小组"),
    (URBAN, REPS): _("居民代表"),
}
BASE_LABELS = {
    ADULTS: _("十八周岁以上的村(居)民"),
    HOUSEHOLDS: _("户"),
    GROUPS: _("村(居)民小组"),
    REPS: _("村(居)民代表"),
}
BASE_UNITS = {ADULTS: _("人"), HOUSEHOLDS: _("户"), GROUPS: _("个小组"), REPS: _("名代表")}


@dataclass(frozen=True)
class Route:
    """One way to reach the threshold: `share` or more of `base`."""

    base: str
    share: Fraction


@dataclass(frozen=True)
class Threshold:
    meeting: str  # the body kind whose meeting must be convened
    routes: tuple[Route, ...]
    law: str


THRESHOLDS: dict[tuple[str, str], Threshold] = {
    (VILLAGE, ASSEMBLY): Threshold(
        ASSEMBLY,
        (Route(ADULTS, Fraction(1, 10)), Route(REPS, Fraction(1, 3))),
        "村民委员会组织法第二十一条",
    ),
    (VILLAGE, REPRESENTATIVES): Threshold(
        REPRESENTATIVES, (Route(REPS, Fraction(1, 5)),), "村民委员会组织法第二十六条"
    ),
    (URBAN, ASSEMBLY): Threshold(
        ASSEMBLY,
        (Route(ADULTS, Fraction(1, 5)), Route(HOUSEHOLDS, Fraction(1, 5)), Route(GROUPS, Fraction(1, 3))),
        "城市居民委员会组织法第九条",
    ),
    (URBAN, REPRESENTATIVES): Threshold(
        REPRESENTATIVES,
        (Route(REPS, Fraction(1, 5)),),
        "参照村民委员会组织法第二十六条（城市居民委员会组织法未作规定，按本镇做法）",
    ),
}


def _kind(community_type: str) -> str:
    return URBAN if community_type == URBAN else VILLAGE


def meeting_name(community_type: str, asks: str) -> str:
    return str(MEETING_NAMES.get((_kind(community_type), asks), ""))


def base_name(community_type: str, base: str) -> str:
    return str(BASE_NAMES.get((_kind(community_type), base)) or BASE_LABELS.get(base) or base)


def threshold_for(community_type: str, asks: str) -> Threshold | None:
    """The statute's threshold for what a proposal asks (None: it asks for an answer, no threshold)."""
    if asks == ANSWER:
        return None
    return THRESHOLDS[(_kind(community_type), asks)]


def needed(base: int, share: Fraction) -> int | None:
    """The smallest n with n / base ≥ share; None when the base is empty (the route cannot be reached)."""
    if base <= 0:
        return None
    n = share.numerator * base // share.denominator
    return n if Fraction(n, base) >= share else n + 1


@dataclass(frozen=True)
class Line:
    route: Route
    signed: int
    base: int
    needed: int | None

    @property
    def reached(self) -> bool:
        return self.needed is not None and self.signed >= self.needed


@dataclass(frozen=True)
class Progress:
    threshold: Threshold | None
    lines: tuple[Line, ...]

    @property
    def reached(self) -> Line | None:
        return next((line for line in self.lines if line.reached), None)


def progress(threshold: Threshold | None, *, bases: dict[str, int], signed: dict[str, int]) -> Progress:
    """Each route's count against its need: `bases` and `signed` by base (adults, households, ...)."""
    if threshold is None:
        return Progress(None, ())
    lines = tuple(
        Line(
            route,
            signed.get(route.base, 0),
            bases.get(route.base, 0),
            needed(bases.get(route.base, 0), route.share),
        )
        for route in threshold.routes
    )
    return Progress(threshold, lines)
