"""A year's holiday schedule as staff enter it: checking it and reading it from pasted text (pure).

One line per entry, in the words of the State Council notice::

    春节 2027-02-06 至 2027-02-13
    国庆节：2027年10月1日到7日
    调休上班 2027-02-14、2027/2/20

Separators may be 至, 到, -, ~, — (also full-width); dates 2027-02-06,
2027/2/6, 2027.2.6, 2027年2月6日, 2月6日 (the schedule's year) and, as the end
of a range, 13日 or 2月13日 (the start's year and month). A line whose name
contains 上班 or 补班 lists adjusted workdays; any other line is a holiday.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

FIRST_YEAR = 2004
LAST_YEAR = 2100
NAME_MAX = 50
# The day's name after 星期 (星期一 … 星期日); in English the day's own name.
WEEKDAYS = (
    pgettext_lazy("weekday", "一"),
    pgettext_lazy("weekday", "二"),
    pgettext_lazy("weekday", "三"),
    pgettext_lazy("weekday", "四"),
    pgettext_lazy("weekday", "五"),
    pgettext_lazy("weekday", "六"),
    pgettext_lazy("weekday", "日"),
)


class HolidayRange(NamedTuple):
    start: dt.date
    end: dt.date
    name: str


@dataclass(frozen=True)
class Problem:
    """Something wrong with one entry: `kind` "holiday"/"workday" and its index, or "year"."""

    kind: str
    index: int
    message: str


def allowed_span(year: int) -> tuple[dt.date, dt.date]:
    """A notice covers its year and may move days at the end of the previous December."""
    return dt.date(year - 1, 12, 1), dt.date(year, 12, 31)


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def schedule_problems(
    year: int, holidays: Sequence[tuple[dt.date, dt.date, str]], workdays: Sequence[dt.date]
) -> list[Problem]:
    """Every reason the schedule cannot be stored; empty when it can."""
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        return [
            Problem(
                "year",
                0,
                _("年份须在%(first)s年至%(last)s年之间。") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        ]
    problems: list[Problem] = []
    if not holidays:
        problems.append(Problem("year", 0, _("请至少填写一个节假日。")))
    first, last = allowed_span(year)
    outside = _("日期%(date)s不在%(year)s年内（只可含上一年12月的调休日期）。")
    holiday_of: dict[dt.date, str] = {}
    for index, (start, end, name) in enumerate(holidays):
        name = (name or "").strip()
        if not name:
            problems.append(Problem("holiday", index, _("请填写节日名称，如“春节”。")))
        elif len(name) > NAME_MAX:
            problems.append(Problem("holiday", index, _("节日名称不能超过%(n)s个字。") % {"n": NAME_MAX}))
        if end < start:
            problems.append(
                Problem(
                    "holiday",
                    index,
                    _("“%(name)s”的结束日期%(end)s早于开始日期%(start)s。")
                    % {"name": name, "end": end.isoformat(), "start": start.isoformat()},
                )
            )
            continue
        bad = next((d for d in (start, end) if not first <= d <= last), None)
        if bad is not None:
            problems.append(Problem("holiday", index, outside % {"date": bad.isoformat(), "year": year}))
            continue
        for day in _days(start, end):
            if day in holiday_of:
                problems.append(
                    Problem(
                        "holiday",
                        index,
                        _("%(date)s已在“%(other)s”中，不能同时属于“%(name)s”。")
                        % {"date": day.isoformat(), "other": holiday_of[day], "name": name},
                    )
                )
                break
            holiday_of[day] = name
    for index, day in enumerate(workdays):
        if not first <= day <= last:
            problems.append(Problem("workday", index, outside % {"date": day.isoformat(), "year": year}))
        elif day in holiday_of:
            problems.append(
                Problem(
                    "workday",
                    index,
                    _("%(date)s既是“%(name)s”假期又是调休上班日，请只保留一个。")
                    % {"date": day.isoformat(), "name": holiday_of[day]},
                )
            )
        elif day.weekday() < 5:
            problems.append(
                Problem(
                    "workday",
                    index,
                    _("%(date)s是星期%(weekday)s，本来就是工作日；调休上班日应为周六或周日。")
                    % {"date": day.isoformat(), "weekday": WEEKDAYS[day.weekday()]},
                )
            )
    return problems


# --- Reading pasted text ----------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<ymd>(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)"
    r"|(?P<md>(?P<m2>\d{1,2})\s*(?:月\s*(?P<d2>\d{1,2})\s*日?|/\s*(?P<d3>\d{1,2})))"
    r"|(?P<day>(?P<d4>\d{1,2})\s*日?)(?!\d)"
    r"|(?P<range>[至到~\-—–〜])"
    r"|(?P<list>[、,;])"
    r"|(?P<space>\s+)"
    r"|(?P<note>[(\[【][^)\]】]*[)\]】])"
)
# Words a notice puts after the dates: 放假调休，共8天 / 上班 / 。
_TRAILER = re.compile(r"^(?:[\s,;。.：:]|放假|调休|上班|补班|休息|共?\s*\d+\s*天|[(\[【][^)\]】]*[)\]】])*$")
_WORKDAY_WORDS = ("上班", "补班")


@dataclass
class ParsedSchedule:
    holidays: list[HolidayRange] = field(default_factory=list)
    workdays: list[dt.date] = field(default_factory=list)
    holiday_lines: list[int] = field(default_factory=list)  # line number of each holiday
    workday_lines: list[int] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)

    def error_messages(self) -> list[str]:
        return [
            _("第%(line)s行：%(message)s") % {"line": n, "message": m} if n else m for n, m in self.errors
        ]


class _LineError(Exception):
    pass


def _make_date(text: str, y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise _LineError(_("“%(text)s”不是有效日期。") % {"text": text.strip()}) from None


def _normalize(line: str) -> str:
    # NFKC turns full-width digits and punctuation (２０２７－０２－０６，～) into ASCII.
    line = unicodedata.normalize("NFKC", line)
    return line.replace("\u3000", " ").strip()


def _read_line(line: str, year: int) -> tuple[str, list[tuple[dt.date, dt.date]]]:
    """The name before the first date, and the dates as (start, end) pairs."""
    position = next((m.start() for m in _TOKEN.finditer(line) if m.lastgroup in ("ymd", "md")), None)
    if position is None:
        raise _LineError(_("没有找到日期，日期请写成2027-02-06、2027/2/6或2027年2月6日。"))
    name = line[:position].strip(" :：,、")
    spans: list[tuple[dt.date, dt.date]] = []
    pending_range = False
    previous: dt.date | None = None
    pos = position
    while pos < len(line):
        match = _TOKEN.match(line, pos)
        if match is None or (match.lastgroup == "day" and not pending_range):
            rest = line[pos:]
            if _TRAILER.match(rest):
                break
            raise _LineError(_("无法识别“%(text)s”。") % {"text": rest.strip()})
        kind, text, pos = match.lastgroup, match.group(0), match.end()
        if kind in ("space", "note"):
            continue
        if kind == "list" or kind == "range":
            if pending_range or previous is None:
                raise _LineError(_("“%(sep)s”后面缺少日期。") % {"sep": text})
            pending_range = kind == "range"
            continue
        if kind == "ymd":
            day = _make_date(text, int(match["y"]), int(match["m"]), int(match["d"]))
        elif kind == "md":
            base = previous.year if previous else year
            day = _make_date(text, base, int(match["m2"]), int(match["d2"] or match["d3"]))
        else:  # a bare 13 / 13日 ends a range in the start's month
            assert previous is not None
            day = _make_date(text, previous.year, previous.month, int(match["d4"]))
        if pending_range:
            spans[-1] = (spans[-1][0], day)
            pending_range = False
        else:
            spans.append((day, day))
        previous = day
    if pending_range:
        raise _LineError(_("“至”后面缺少结束日期。"))
    return name, spans


def schedule_text_parse(text: str, *, year: int) -> ParsedSchedule:
    """Read pasted lines; every problem (syntax, and schedule_problems) is reported by line number."""
    result = ParsedSchedule()
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = _normalize(raw)
        if not line or line.startswith("#"):
            continue
        try:
            name, spans = _read_line(line, year)
        except _LineError as exc:
            result.errors.append((number, str(exc)))
            continue
        if any(word in name for word in _WORKDAY_WORDS):
            for start, end in spans:
                if start != end:
                    result.errors.append((number, _("调休上班日请逐日列出，不要写成日期范围。")))
                    break
                result.workdays.append(start)
                result.workday_lines.append(number)
        else:
            if not name:
                result.errors.append((number, _("请在日期前写上节日名称，如“春节”。")))
                continue
            for start, end in spans:
                result.holidays.append(HolidayRange(start, end, name))
                result.holiday_lines.append(number)
    had_syntax_errors = bool(result.errors)
    for problem in schedule_problems(year, result.holidays, result.workdays):
        lines = {"holiday": result.holiday_lines, "workday": result.workday_lines}.get(problem.kind)
        if lines:
            result.errors.append((lines[problem.index], problem.message))
        elif not had_syntax_errors:
            result.errors.append((0, problem.message))
    result.errors.sort(key=lambda e: e[0])
    return result
