"""What the statute (and the township, where the statute is silent) asks of convening meetings: pure, as data.

Lead time (提前通知):
- 村民会议: 村民委员会组织法 (2018) art. 21: "召集村民会议，应当提前十天
  通知村民。" The provinces' implementing rules add that an urgent matter may
  be met sooner ("遇紧急情况的，应当及时召开"), so a shorter notice is kept
  with its stated urgency reason, never silently.
- Every other meeting: the statute sets no lead time; the township's default
  below (`TOWNSHIP_LEAD_DAYS`), which a body may raise or lower for itself
  (`bodies.Body.notice_days`). A body may never go below the statute's.
  The urban residents' meeting follows the villagers' ten days as the
  township's practice (城市居民委员会组织法 is silent).

Counting: the notice day and the meeting day are whole days apart — noticed
on the 1st for a meeting on the 11th is ten days' notice.

Quarterly representatives' meetings (村民委员会组织法 art. 26: "村民代表会议由
村民委员会召集。村民代表会议每季度召开一次。"): the township applies the same
to urban communities' residents' representatives' meetings. A community is
*overdue* when neither the current calendar quarter nor the one before it had
a held, quorate representatives' meeting (so a quarter may pass without one
while the next is still open, and the board says so as "due this quarter");
a representatives' body registered during the last or the current quarter is
not overdue yet.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STATUTORY_LEAD_DAYS: dict[str, int] = {"villagers_meeting": 10}
STATUTORY_LAW = gettext_lazy("村民委员会组织法第二十一条：召集村民会议，应当提前十天通知村民")

# The township's defaults where the statute is silent (days of notice), by core.quorum rule.
TOWNSHIP_LEAD_DAYS: dict[str, int] = {
    "residents_meeting": 10,
    "village_representatives_meeting": 3,
    "residents_representatives_meeting": 3,
    "group_meeting": 3,
    "party_members_meeting": 3,
    "party_committee_meeting": 1,
    "joint_meeting": 1,
    "body_meeting": 1,
}
TOWNSHIP_LAW = gettext_lazy("乡镇规定的会议通知时限（法律未规定）")
BODY_LAW = gettext_lazy("本组织议事规则规定的会议通知时限")

QUARTERLY_RULES = frozenset({"village_representatives_meeting", "residents_representatives_meeting"})
QUARTERLY_LAW = gettext_lazy("村民委员会组织法第二十六条：村民代表会议由村民委员会召集，每季度召开一次")


@dataclass(frozen=True)
class LeadTime:
    days: int
    law: str
    statutory: bool


def lead_time(rule_key: str, body_days: int | None = None) -> LeadTime:
    """The notice a meeting by `rule_key` needs: the body's own days if set (never below the statute's)."""
    statutory = STATUTORY_LEAD_DAYS.get(rule_key)
    if body_days is not None and (statutory is None or body_days >= statutory):
        return LeadTime(body_days, str(BODY_LAW), False)
    if statutory is not None:
        return LeadTime(statutory, str(STATUTORY_LAW), True)
    return LeadTime(TOWNSHIP_LEAD_DAYS.get(rule_key, 1), str(TOWNSHIP_LAW), False)


def notice_days_given(noticed_on: dt.date, held_on: dt.date) -> int:
    return (held_on - noticed_on).days


def notice_short_message(lead: LeadTime, given: int) -> str:
    return _(
        "会议通知只提前了%(given)d天，不足%(days)d天（%(law)s）；如确需紧急召开，请填写紧急召开的理由。"
    ) % {"given": given, "days": lead.days, "law": lead.law}


# --- Quarters --------------------------------------------------------------------------------


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def previous_quarter_start(day: dt.date) -> dt.date:
    start = quarter_start(day)
    return quarter_start(start - dt.timedelta(days=1))


def quarter_label(day: dt.date) -> str:
    return _("%(year)d年第%(q)d季度") % {"year": day.year, "q": (day.month - 1) // 3 + 1}


@dataclass(frozen=True)
class QuarterlyStatus:
    """`overdue`: no quorate meeting in this quarter or the last; `due`: none yet this quarter."""

    overdue: bool
    due: bool
    last_held: dt.date | None


def quarterly_status(
    today: dt.date, last_held: dt.date | None, body_since: dt.date | None
) -> QuarterlyStatus:
    this_quarter, last_quarter = quarter_start(today), previous_quarter_start(today)
    held_this = last_held is not None and last_held >= this_quarter
    held_recently = last_held is not None and last_held >= last_quarter
    new_body = body_since is not None and body_since >= last_quarter
    return QuarterlyStatus(overdue=not held_recently and not new_body, due=not held_this, last_held=last_held)
