"""When public disclosure (村务公开, 居务公开, 党务公开) is due: the statute's rules as data (pure: no database).

村民委员会组织法 (2010, amended 2018) 第三十条:

    村民委员会实行村务公开制度。村民委员会应当及时公布下列事项，接受村民的监督：
    （一）本法第二十三条、第二十四条规定的由村民会议、村民代表会议讨论决定的事项及其实施情况；…
    前款规定事项中，一般事项至少每季度公布一次；集体财务往来较多的，财务收支情况应当每月公布一次；
    涉及村民利益的重大事项应当随时公布。

So, for a village (行政村):

- general matters (一般事项), of every category: at least once in every calendar quarter;
- finance (财务收支) where the collective's finance is busy (集体财务往来较多): once in every calendar
  month — whether it is busy is the community's own setting (`finance_monthly`), not gongzhi's guess;
- major matters (重大事项): 随时, "at once". The statute gives no number of days. gongzhi reads it as
  within `MAJOR_WITHIN` (5 workdays) of the event (a decision resolved, its execution completed), the
  figure a provincial rule gives for matters that needed an approval (陕西省实施《村民委员会组织法》办法
  第三十三条: "应当自收到批复后五日内公布"), counted in workdays under the township's holiday calendar
  (gongzhi.workdays) so that a decision taken before the Spring Festival is not overdue during it. A
  feature registering a due may give its own date instead (a shorter one).

城市居民委员会组织法 (1989, amended 2018) sets no frequency for 居务公开; an urban community (城市社区)
follows the same rules, as the township's rule "参照村民委员会组织法第三十条" (every row below says so in
its `basis`). 党务公开 is governed by 中国共产党党务公开条例（试行）(2017), which sets no frequency for a
basic-level party organisation either; the same quarterly rule applies, as the township's rule.

Periods are calendar quarters and months in China's time (Asia/Shanghai); a period has "ended" the day
after its last day. A category is overdue when nothing of it was published inside the last period that
ended (a publication withdrawn later does not count).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.workdays.calendar import TimeLimit

PARTY, AFFAIRS, FINANCE = "party", "affairs", "finance"
CATEGORIES: tuple[str, ...] = (PARTY, AFFAIRS, FINANCE)
QUARTER, MONTH = "quarter", "month"

MAJOR_WITHIN = TimeLimit(5, "workdays")
MAJOR_BASIS = gettext_lazy(
    "村民委员会组织法第三十条：重大事项应当随时公布；按事项发生后5个工作日内（参照陕西省实施办法第三十三条“五日内”）"
)


@dataclass(frozen=True)
class CadenceRule:
    """How often a category must be published at least, and the law that says so."""

    category: str
    every: str  # QUARTER or MONTH
    village_basis: object
    urban_basis: object


RULES: dict[str, CadenceRule] = {
    rule.category: rule
    for rule in (
        CadenceRule(
            PARTY,
            QUARTER,
            gettext_lazy("中国共产党党务公开条例（试行）未定频次，按本镇规定每季度至少公开一次"),
            gettext_lazy("中国共产党党务公开条例（试行）未定频次，按本镇规定每季度至少公开一次"),
        ),
        CadenceRule(
            AFFAIRS,
            QUARTER,
            gettext_lazy("村民委员会组织法第三十条：一般事项至少每季度公布一次"),
            gettext_lazy("城市居民委员会组织法未定频次，参照村民委员会组织法第三十条每季度至少公布一次"),
        ),
        CadenceRule(
            FINANCE,
            QUARTER,
            gettext_lazy("村民委员会组织法第三十条：一般事项至少每季度公布一次"),
            gettext_lazy("城市居民委员会组织法未定频次，参照村民委员会组织法第三十条每季度至少公布一次"),
        ),
    )
}
FINANCE_MONTHLY_BASIS = gettext_lazy(
    "村民委员会组织法第三十条：集体财务往来较多的，财务收支情况应当每月公布一次"
)


@dataclass(frozen=True)
class Period:
    """A calendar quarter or month: [start, end]."""

    kind: str
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return _("%(year)s年第%(q)s季度") % {
                "year": self.start.year,
                "q": (self.start.month - 1) // 3 + 1,
            }
        return _("%(year)s年%(month)s月") % {"year": self.start.year, "month": self.start.month}


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def period_of(day: dt.date, kind: str) -> Period:
    """The quarter or month that holds `day`."""
    if kind == QUARTER:
        first = (day.month - 1) // 3 * 3 + 1
        return Period(QUARTER, dt.date(day.year, first, 1), _month_end(day.year, first + 2))
    if kind == MONTH:
        return Period(MONTH, dt.date(day.year, day.month, 1), _month_end(day.year, day.month))
    raise ValueError(f"unknown period kind {kind!r}")


def period_parse(key: str) -> Period | None:
    """The period a key names ("2026-Q3", "2026-11"), or None if it names none."""
    try:
        year_text, rest = key.split("-", 1)
        year = int(year_text)
        if not 2000 <= year <= 2100:
            return None
        if rest.startswith("Q") and rest[1:] in ("1", "2", "3", "4") and len(rest) == 2:
            return period_of(dt.date(year, (int(rest[1]) - 1) * 3 + 1, 1), QUARTER)
        if len(rest) == 2 and rest.isdigit() and 1 <= int(rest) <= 12:
            return period_of(dt.date(year, int(rest), 1), MONTH)
    except ValueError:
        return None
    return None


def period_last_ended(today: dt.date, kind: str) -> Period:
    """The last quarter or month that ended before `today`."""
    current = period_of(today, kind)
    return period_of(current.start - dt.timedelta(days=1), kind)


def periods_recent(today: dt.date, kind: str, count: int) -> list[Period]:
    """The current period and the `count - 1` before it, newest first (for the form's choice)."""
    periods = [period_of(today, kind)]
    while len(periods) < count:
        periods.append(period_of(periods[-1].start - dt.timedelta(days=1), kind))
    return periods


def cadence_of(category: str, *, finance_monthly: bool) -> str:
    """QUARTER or MONTH: how often `category` must be published at least."""
    if category == FINANCE and finance_monthly:
        return MONTH
    return RULES[category].every


def cadence_basis(category: str, *, urban: bool, finance_monthly: bool) -> str:
    if category == FINANCE and finance_monthly:
        return str(FINANCE_MONTHLY_BASIS)
    rule = RULES[category]
    return str(rule.urban_basis if urban else rule.village_basis)


@dataclass(frozen=True)
class Gap:
    """A category with no publication inside the last period that ended."""

    category: str
    period: Period
    basis: str


def gaps(
    published: dict[str, list[dt.date]], *, today: dt.date, urban: bool, finance_monthly: bool
) -> list[Gap]:
    """The categories of CATEGORIES with no date of `published[category]` in their last ended period."""
    found = []
    for category in CATEGORIES:
        period = period_last_ended(today, cadence_of(category, finance_monthly=finance_monthly))
        if not any(period.start <= day <= period.end for day in published.get(category, [])):
            basis = cadence_basis(category, urban=urban, finance_monthly=finance_monthly)
            found.append(Gap(category, period, basis))
    return found
