"""The indicators registry: figures of the recorded work, per community and period (decision 0060).

An indicator is computed from what gongzhi already records, never typed: each feature app registers its own from
its AppConfig.ready with a function in its selectors, `compute(community_ids, start, end)` -> {community_id:
value}, answered with a few aggregate queries for all the communities at once (never a query per community: the
township page must stay fast at county scale). A community the function leaves out has nothing recorded.

How a township total is made is part of the indicator:
- SUM: the values are counts; the total is their sum.
- RATE: each value is a `Ratio` (numerator, denominator); the total is the sum of the numerators over the sum of
  the denominators (never an average of the communities' rates), times `scale` (100 for a percentage).
- TEXT: each value is a short label (a campaign's stage); the total counts the communities that have one.

Registering one is a few lines::

    indicator_register(Indicator(code="app.count", label=_("..."), group=_("..."), unit=_("件"),
                                 compute=selectors.count_by_community, order=210))

The readers (a township page, its Excel and PDF, the county forms) reads `indicators()` and `indicator_values`.
"""

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import FloatField, Func
from django.utils import timezone
from django.utils.translation import gettext


class Aggregate:
    SUM = "sum"
    RATE = "rate"
    TEXT = "text"


@dataclass(frozen=True)
class Ratio:
    """A rate's two parts: the township total adds the parts, not the rates."""

    numerator: float
    denominator: float

    def value(self, scale: int = 1, places: int = 1) -> Decimal | None:
        if not self.denominator:
            return None
        raw = Decimal(str(self.numerator)) * scale / Decimal(str(self.denominator))
        return raw.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def __add__(self, other: "Ratio") -> "Ratio":
        return Ratio(self.numerator + other.numerator, self.denominator + other.denominator)


Compute = Callable[[list[int], dt.date, dt.date], dict[int, Any]]


@dataclass(frozen=True)
class Indicator:
    code: str  # "app.name": unique, also the placeholder a county form's cell names ({{app.name}})
    label: Any  # a lazy translatable string
    group: Any  # the column group on the page (lazy translatable)
    unit: Any  # "件", "%", "小时" (lazy translatable)
    compute: Compute
    aggregate: str = Aggregate.SUM
    scale: int = 1  # RATE: 100 shows a percentage
    places: int = 1  # RATE: decimals shown
    order: int = 0  # the column's place on the page (groups keep the order of their first indicator)
    note: Any = ""  # how it is computed, in a sentence (shown under the table and in the decision)

    @property
    def heading(self) -> str:
        """The label with its unit, as a column heads: 按时办结率（%）."""
        return gettext("%(label)s（%(unit)s）") % {"label": self.label, "unit": self.unit}

    def shown(self, value) -> Any:
        """The value as a reader sees it: a count, a rounded rate (None when nothing to divide by), a label."""
        if value is None:
            return None
        if self.aggregate == Aggregate.RATE:
            return value.value(self.scale, self.places) if isinstance(value, Ratio) else None
        return value

    def total(self, values: Iterable[Any]) -> Any:
        """The township total of the communities' raw values (Ratio parts added, never rates averaged)."""
        present = [v for v in values if v is not None]
        if self.aggregate == Aggregate.RATE:
            return sum((v for v in present if isinstance(v, Ratio)), Ratio(0, 0))
        if self.aggregate == Aggregate.TEXT:
            return sum(1 for v in present if v != "")
        return sum(present)


_REGISTRY: dict[str, Indicator] = {}


def indicator_register(indicator: Indicator) -> Indicator:
    if "." not in indicator.code or not indicator.code.replace(".", "").replace("_", "").isalnum():
        raise ValueError(f"an indicator code is app.name in letters, digits and _: {indicator.code!r}")
    if indicator.aggregate not in (Aggregate.SUM, Aggregate.RATE, Aggregate.TEXT):
        raise ValueError(f"unknown aggregate {indicator.aggregate!r}")
    _REGISTRY[indicator.code] = indicator
    return indicator


def indicators() -> list[Indicator]:
    """Every registered indicator, in page order."""
    return sorted(_REGISTRY.values(), key=lambda i: (i.order, i.code))


def indicator_get(code: str) -> Indicator | None:
    return _REGISTRY.get(code)


def indicator_values(
    community_ids: list[int], start: dt.date, end: dt.date, codes: Iterable[str] | None = None
) -> dict[str, dict[int, Any]]:
    """{code: {community_id: raw value}} for the period [start, end] (both days included)."""
    wanted = [i for i in indicators() if codes is None or i.code in set(codes)]
    ids = list(community_ids)
    token = _SHARED.set({})
    try:
        return {i.code: (i.compute(ids, start, end) if ids else {}) for i in wanted}
    finally:
        _SHARED.reset(token)


# What several indicators of one `indicator_values` call read alike (the disputes by outcome, the staffing gaps):
# computed once for the call and dropped when it returns, so no figure outlives the records it was read from.
_SHARED: ContextVar[dict | None] = ContextVar("indicator_shared", default=None)


def shared(key: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()` once per `indicator_values` call for `key` (name it with the communities and the period);
    outside such a call (an indicator computed alone), simply `compute()`."""
    found = _SHARED.get()
    if found is None:
        return compute()
    if key not in found:
        found[key] = compute()
    return found[key]


def period_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The period's first moment and the moment after its last day, local time, for datetime fields (>=, <)."""
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return first, after


class Epoch(Func):
    """A datetime as seconds since 1970 (a float), on SQLite and PostgreSQL alike: for durations in aggregates."""

    arity = 1
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS double precision)"
        )


def counts_by(rows, key: str = "community", value: str = "n") -> dict[int, int]:
    """{community_id: count} from `.values(key).annotate(n=Count(...))` rows."""
    return {row[key]: row[value] for row in rows}


def ratios_by(rows, numerator: str, denominator: str, key: str = "community") -> dict[int, Ratio]:
    """{community_id: Ratio} from aggregate rows with a numerator and a denominator column."""
    return {row[key]: Ratio(row[numerator] or 0, row[denominator] or 0) for row in rows if row[denominator]}


# --- The lists behind the figures (a community's yearly report, the 台账) -------------------------------


@dataclass(frozen=True)
class Entry:
    day: dt.date | None
    text: str
    state: str = ""


@dataclass(frozen=True)
class ReportList:
    code: str
    label: Any  # lazy translatable
    fetch: Callable[[Any, dt.date, dt.date], list[Entry]]  # (community, start, end) -> entries in date order
    order: int = 0


_LISTS: dict[str, ReportList] = {}


def report_list_register(report_list: ReportList) -> ReportList:
    _LISTS[report_list.code] = report_list
    return report_list


def report_lists() -> list[ReportList]:
    return sorted(_LISTS.values(), key=lambda r: (r.order, r.code))
