"""The oversight figures, scoped to the reader: the townships under their role's area, the communities of one,
and the indicators (gongzhi.core.indicators) computed for all of them at once.

Rows are communities in the order of their area code (then name), never by a figure: the page ranks nobody.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from gongzhi.accounts.scopes import paths_for, scope_q
from gongzhi.areas.models import Area, AreaKind
from gongzhi.core.errors import DomainError, NotFound
from gongzhi.core.indicators import Aggregate, Indicator, indicator_values, indicators, report_lists

from .roles import READERS

FIRST_YEAR = 2000


# --- Areas -----------------------------------------------------------------------------------------------


def townships_for(*, viewer) -> QuerySet[Area]:
    """The townships under the reader's role (a township's own; a county role's every township)."""
    return Area.objects.filter(scope_q(paths_for(viewer, READERS), "path"), kind=AreaKind.TOWNSHIP).order_by(
        "code", "name"
    )


def township_get_for(*, viewer, township_id: int) -> Area:
    found = townships_for(viewer=viewer).filter(pk=township_id).first()
    if found is None:
        raise NotFound()
    return found


def communities_of(township: Area) -> list[Area]:
    return list(Area.objects.filter(parent=township, kind=AreaKind.COMMUNITY).order_by("code", "name"))


def community_get_for(*, viewer, community_id: int) -> Area:
    found = (
        Area.objects.filter(
            scope_q(paths_for(viewer, READERS), "path"), kind=AreaKind.COMMUNITY, pk=community_id
        )
        .select_related("parent")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


# --- The period ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int = 0  # 0: the whole year

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if not self.quarter else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        if not self.quarter or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.quarter + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.quarter:
            return _("%(year)s年第%(quarter)s季度") % {"year": self.year, "quarter": self.quarter}
        return _("%(year)s年") % {"year": self.year}

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    def quarters(self) -> list["Period"]:
        return [Period(self.year, q) for q in range(1, 5)]


def period_parse(year, quarter) -> Period:
    """The period a reader picked (?year=2026&quarter=3; no quarter: the year). Empty: this year."""
    today = timezone.localdate()
    raw_year, raw_quarter = str(year or "").strip(), str(quarter or "").strip()
    try:
        number = int(raw_year) if raw_year else today.year
    except ValueError:
        raise DomainError(
            _("年份请填写四位数字，例如 %(year)s。") % {"year": today.year}, field="year"
        ) from None
    if not FIRST_YEAR <= number <= today.year + 1:
        raise DomainError(
            _("年份应在 %(first)s 到 %(last)s 之间。") % {"first": FIRST_YEAR, "last": today.year + 1},
            field="year",
        )
    try:
        q = int(raw_quarter) if raw_quarter else 0
    except ValueError:
        q = -1
    if not 0 <= q <= 4:
        raise DomainError(_("季度请选择第一到第四季度，或全年。"), field="quarter")
    return Period(number, q)


def years_offered() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, this - 6, -1))


# --- The table -------------------------------------------------------------------------------------------


@dataclass
class Column:
    indicator: Indicator
    total_raw: Any = None

    @property
    def total(self) -> Any:
        return self.indicator.shown(self.total_raw)


@dataclass
class Row:
    community: Area
    values: list[Any] = field(default_factory=list)  # shown values, in column order (None: nothing recorded)

    cells: str = ""  # the same as table cells, made in one pass by `table_of` (not a template loop per cell)


def _cells(codes: list[str], values: list[Any]) -> str:
    """A row's figures as table cells ("—" for nothing recorded), each naming its indicator's code: the page's
    30 rows × 30 figures in one pass."""
    return format_html_join(
        "",
        '<td class="gz-num" data-code="{}">{}</td>',
        ((code, "—" if v is None else localize(v)) for code, v in zip(codes, values, strict=True)),
    )


@dataclass
class Group:
    label: str
    span: int


@dataclass
class Table:
    township: Area
    period: Period
    columns: list[Column]
    groups: list[Group]
    rows: list[Row]


def _groups(columns: list[Column]) -> list[Group]:
    groups: list[Group] = []
    for column in columns:
        label = str(column.indicator.group)
        if groups and groups[-1].label == label:
            groups[-1].span += 1
        else:
            groups.append(Group(label, 1))
    return groups


def _ordered(columns: list[Indicator]) -> list[Indicator]:
    """Indicators grouped: each group where its first indicator stands, its members in their own order."""
    firsts: dict[str, int] = {}
    for position, indicator in enumerate(columns):
        firsts.setdefault(str(indicator.group), position)
    return sorted(columns, key=lambda i: (firsts[str(i.group)], columns.index(i)))


def table_of(township: Area, period: Period, communities: list[Area] | None = None) -> Table:
    """Every indicator for every community of the township, with the township's totals (rates from the summed
    parts). One call per indicator for all the communities: a few queries, whatever their number."""
    communities = communities if communities is not None else communities_of(township)
    ids = [c.pk for c in communities]
    registered = _ordered(indicators())
    values = indicator_values(ids, period.start, period.end)
    columns = [Column(i, i.total(values[i.code].get(pk) for pk in ids)) for i in registered]
    codes = [i.code for i in registered]
    rows = []
    for community in communities:
        shown = [i.shown(values[i.code].get(community.pk)) for i in registered]
        rows.append(Row(community, shown, _cells(codes, shown)))
    return Table(township, period, columns, _groups(columns), rows)


def value_of(table: Table, code: str, community_id: int | None) -> Any:
    """One shown figure of a table: a community's, or the township total's (None: the code is not there)."""
    for position, column in enumerate(table.columns):
        if column.indicator.code == code:
            if community_id is None:
                return column.total
            row = next((r for r in table.rows if r.community.pk == community_id), None)
            return row.values[position] if row else None
    return None


def chart_data(table: Table) -> dict:
    """What the page's charts draw: per community the counts (SUM) and the rates (RATE), by column label."""
    names = [r.community.name for r in table.rows]
    series = []
    for position, column in enumerate(table.columns):
        indicator = column.indicator
        if indicator.aggregate == Aggregate.TEXT:
            continue
        series.append(
            {
                "code": indicator.code,
                "name": indicator.heading,
                "kind": "rate" if indicator.aggregate == Aggregate.RATE else "count",
                "data": [
                    float(r.values[position]) if r.values[position] is not None else None for r in table.rows
                ],
            }
        )
    return {"communities": names, "series": series}


# --- A community's year (the drill-down and the yearly report) -------------------------------------------


@dataclass
class Section:
    label: str
    entries: list


@dataclass
class CommunityYear:
    community: Area
    period: Period
    columns: list[Indicator]
    quarters: list[tuple[Period, list[Any]]]  # each quarter's shown values, in column order
    year: list[Any]
    sections: list[Section]

    @property
    def rows(self) -> list[tuple[Indicator, list[Any]]]:
        """Per indicator: its four quarters' values and the year's."""
        return [
            (indicator, [values[n] for _q, values in self.quarters] + [self.year[n]])
            for n, indicator in enumerate(self.columns)
        ]


def community_year(community: Area, year: int) -> CommunityYear:
    """The community's indicators for each quarter and the whole year, and the lists behind them."""
    registered = _ordered(indicators())
    period = Period(year)
    quarters = []
    for quarter in period.quarters():
        values = indicator_values([community.pk], quarter.start, quarter.end)
        quarters.append((quarter, [i.shown(values[i.code].get(community.pk)) for i in registered]))
    values = indicator_values([community.pk], period.start, period.end)
    whole = [i.shown(values[i.code].get(community.pk)) for i in registered]
    sections = [Section(str(r.label), r.fetch(community, period.start, period.end)) for r in report_lists()]
    return CommunityYear(community, period, registered, quarters, whole, sections)


# --- The county forms (filled from the records; the hand-typed facts and the "typed twice" figure) --------


def forms_of(township: Area):
    from .models import CountyForm

    return CountyForm.objects.filter(township=township).defer("content").select_related("uploaded_by")


def form_get_for(*, viewer, form_id: int):
    from .models import CountyForm

    township_ids = townships_for(viewer=viewer).values("pk")
    found = (
        CountyForm.objects.filter(pk=form_id, township_id__in=township_ids).select_related("township").first()
    )
    if found is None:
        raise NotFound()
    return found


def fill_of(form, period: Period):
    from .models import FormFill

    return FormFill.objects.filter(form=form, year=period.year, quarter=period.quarter).first()


def facts_known(township: Area, period: Period, *, excluding_fill=None) -> dict[tuple[int, str], Any]:
    """{(area id, key): the earliest HandFact} typed for the township and period in the other fills."""
    from .models import HandFact

    rows = HandFact.objects.filter(township=township, year=period.year, quarter=period.quarter)
    if excluding_fill is not None:
        rows = rows.exclude(fill=excluding_fill)
    known: dict[tuple[int, str], Any] = {}
    for fact in rows.select_related("fill__form").order_by("typed_at", "pk"):
        known.setdefault((fact.area_id, fact.key), fact)
    return known


@dataclass
class TwiceItem:
    fact: Any
    reason: (
        str  # "again": the key was typed for the area and period in an earlier form; "indicator": in gongzhi
    )
    first: Any = None  # the earlier fact ("again")


def typed_twice(township: Area, period: Period) -> list[TwiceItem]:
    """The hand-typed facts that were already typed (same key, area and period in another form or an earlier
    upload: every one after the first) or that an indicator already holds (its key is an indicator's code).
    The goal is none (最多报一次)."""
    from gongzhi.core.indicators import indicator_get

    from .models import HandFact

    items: list[TwiceItem] = []
    first: dict[tuple[int, str], Any] = {}
    rows = HandFact.objects.filter(township=township, year=period.year, quarter=period.quarter)
    for fact in rows.select_related("area", "fill__form", "typed_by").order_by("typed_at", "pk"):
        if indicator_get(fact.key) is not None:
            items.append(TwiceItem(fact, "indicator"))
            continue
        earlier = first.setdefault((fact.area_id, fact.key), fact)
        if earlier is not fact:
            items.append(TwiceItem(fact, "again", earlier))
    return items


def facts_asked(form, period: Period) -> list[dict]:
    """The hand-typed cells of a form for a period: per key, the township's or each community's value (this
    fill's, or the same fact typed earlier for another form, shown as taken from there)."""
    township = form.township
    communities = communities_of(township)
    fill = fill_of(form, period)
    mine = {(f.area_id, f.key): f for f in fill.facts.all()} if fill else {}
    earlier = facts_known(township, period, excluding_fill=fill)
    asked = []
    for number, (key, per_community) in enumerate(form.manual_keys):
        areas = communities if per_community else [township]
        cells = []
        for area in areas:
            own = mine.get((area.pk, key))
            other = earlier.get((area.pk, key))
            cells.append({"area": area, "name": f"v-{area.pk}-{number}", "value": own.value if own else "",
                          "earlier": other if own is None else None})  # fmt: skip
        asked.append({"key": key, "per_community": per_community, "cells": cells})
    return asked
