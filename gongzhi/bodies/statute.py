"""The statute's rules on who sits on a community's bodies, as data, and the warnings they give.

Pure: the checks take plain facts (`Seat`s) and return warnings; the
selectors gather the facts from the register. Counting uses exact
fractions; "以上" is inclusive (民法典 art. 1259).

Villages, 村民委员会组织法 (2018):
- art. 6: the committee has a chair, deputy chairs and members, three to
  seven in all, and should have a woman among them (应当有妇女成员).
- art. 25: the representatives' meeting is the committee's members and the
  representatives; representatives are four fifths or more of it, and women
  representatives one third or more of it; one representative for each five
  to fifteen households, or several chosen by each resident group.
- art. 32: no member of the committee, nor a close relative of one, sits on
  the supervisory committee (村务监督机构). gongzhi knows close relatives only
  through the register's households: a member of the same household is
  warned about; a relative in another household is not seen.

Urban communities, 城市居民委员会组织法 (1989, 2018): art. 7, the committee
has five to nine members. The statute says nothing of women members or of
the representatives' shares for urban communities; gongzhi applies the
villagers' rules to them as the township's practice, and says so in the
warning's basis (decision 0037).
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from gongzhi.areas.models import CommunityType


@dataclass(frozen=True)
class Seat:
    """One current member as the checks see them."""

    resident_id: int
    name: str
    post: str
    female: bool
    household_id: int | None = None
    households: int = 0  # households represented (a representative)
    chosen_by_group: bool = False


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    law: str


@dataclass(frozen=True)
class CommitteeSize:
    smallest: int
    largest: int
    law: str


COMMITTEE_SIZES: dict[str, CommitteeSize] = {
    CommunityType.VILLAGE: CommitteeSize(3, 7, "村民委员会组织法第六条"),
    CommunityType.URBAN: CommitteeSize(5, 9, "城市居民委员会组织法第七条"),
}
REPRESENTATIVE_SHARE = Fraction(4, 5)  # of the representatives' meeting, inclusive (art. 25)
WOMEN_SHARE = Fraction(1, 3)  # of the representatives' meeting, inclusive (art. 25)
HOUSEHOLDS_PER_REPRESENTATIVE = (5, 15)  # art. 25


def _at_least(count: int, total: int, share: Fraction) -> bool:
    return total > 0 and Fraction(count, total) >= share


def committee_warnings(seats: list[Seat], community_type: str) -> list[Warning]:
    size = COMMITTEE_SIZES.get(community_type, COMMITTEE_SIZES[CommunityType.VILLAGE])
    found = []
    if not size.smallest <= len(seats) <= size.largest:
        found.append(
            Warning(
                "committee_size",
                _("委员会现有%(n)d人，应为%(low)d至%(high)d人。")
                % {"n": len(seats), "low": size.smallest, "high": size.largest},
                size.law,
            )
        )
    if seats and not any(seat.female for seat in seats):
        found.append(Warning("committee_woman", _("委员会成员中应当有妇女成员。"), "村民委员会组织法第六条"))
    return found


def representatives_warnings(committee: list[Seat], representatives: list[Seat]) -> list[Warning]:
    """The representatives' meeting: the committee's members and the representatives (art. 25)."""
    found = []
    everyone = {seat.resident_id: seat for seat in [*committee, *representatives]}
    total = len(everyone)
    if not representatives:
        return [Warning("no_representatives", _("还没有登记村(居)民代表。"), "村民委员会组织法第二十五条")]
    if not _at_least(len(representatives), total, REPRESENTATIVE_SHARE):
        found.append(
            Warning(
                "representative_share",
                _("代表%(n)d人，占代表会议组成人员%(total)d人的比例不足五分之四。")
                % {"n": len(representatives), "total": total},
                "村民委员会组织法第二十五条",
            )
        )
    women = sum(1 for seat in representatives if seat.female)
    if not _at_least(women, total, WOMEN_SHARE):
        found.append(
            Warning(
                "women_share",
                _("妇女代表%(n)d人，占代表会议组成人员%(total)d人的比例不足三分之一。")
                % {"n": women, "total": total},
                "村民委员会组织法第二十五条",
            )
        )
    low, high = HOUSEHOLDS_PER_REPRESENTATIVE
    for seat in representatives:
        if not seat.chosen_by_group and not low <= seat.households <= high:
            found.append(
                Warning(
                    "households_per_representative",
                    _("代表%(name)s联系%(n)d户，应为%(low)d至%(high)d户（或由村(居)民小组推选）。")
                    % {"name": seat.name, "n": seat.households, "low": low, "high": high},
                    "村民委员会组织法第二十五条",
                )
            )
    return found


def supervisory_warnings(supervisors: list[Seat], committee: list[Seat]) -> list[Warning]:
    found = []
    on_committee = {seat.resident_id for seat in committee}
    committee_households = {seat.household_id for seat in committee if seat.household_id is not None}
    for seat in supervisors:
        if seat.resident_id in on_committee:
            found.append(
                Warning(
                    "supervisor_on_committee",
                    _("%(name)s是委员会成员，不得担任监督委员会成员。") % {"name": seat.name},
                    "村民委员会组织法第三十二条",
                )
            )
        elif seat.household_id is not None and seat.household_id in committee_households:
            found.append(
                Warning(
                    "supervisor_relative",
                    _("%(name)s与委员会成员同户，可能是其近亲属，不宜担任监督委员会成员。")
                    % {"name": seat.name},
                    "村民委员会组织法第三十二条",
                )
            )
    return found
