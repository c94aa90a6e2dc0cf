"""办件统计: figures per matter and per department over a period — aggregates only, never people.

Every figure is a count the database groups (a few aggregate queries, whatever the number of applications):

- the cohort is the applications received (submitted) in the period, inside the viewer's reach (the township
  admin: the township; an officer: their department's; the supervisory committee: its community);
- received, accepted (given a receipt), refused (不予受理), finished (办结: the result issued);
- on time: finished with the result issued by the due time promised at acceptance, among the finished that had
  one (matters without a promised limit are left out of the rate);
- median days: acceptance → issue, in calendar days (自然日), to a tenth of a day (the database counts each
  tenth; the median is read from those counts);
- satisfaction: the share of 满意 and 非常满意 among the rated, and the distribution over the five levels;
- one visit (最多跑一次): among the finished, those whose applicant came to a window at most once;
- requests the township marked unreasonable or outside its powers (unless the supervisory committee overturned
  the mark) are counted apart and left out of every rate above, instead of counting as failures;
- open now (a snapshot, not the period): applications not ended (the applicant's turn to supply included),
  those past 80 % of their time (amber) and those overdue (red).

No figure names or ranks a clerk or an officer: rows are matters and departments, in the catalogue's order.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Case, Count, F, FloatField, Func, Q, Value, When
from django.db.models.functions import Round
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.scopes import routed_q

from ..limits import AMBER_AT
from ..models import Application, Matter, UnreasonableReview
from ..roles import BACK_OFFICE, HALL_ADMINS, OVERSEERS
from ..workflow import APPLICATION

STATS_ROLES = HALL_ADMINS | BACK_OFFICE | OVERSEERS
SATISFIED_AT_OR_ABOVE = 4  # 满意
REVIEW_STATES = ("village_review", "township_review", "external")
TENTHS_PER_DAY = 10


class Epoch(Func):
    """A datetime as seconds since 1970 (a float), on SQLite and PostgreSQL alike."""

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


@dataclass
class Figures:
    received: int = 0
    accepted: int = 0
    refused: int = 0
    finished: int = 0
    finished_with_due: int = 0
    on_time: int = 0
    one_visit: int = 0
    rated: int = 0
    satisfied: int = 0
    levels: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(5, 0, -1), 0))
    unreasonable: int = 0
    open: int = 0
    amber: int = 0
    red: int = 0
    tenths: Counter = field(default_factory=Counter)  # acceptance → issue, in tenths of a day: how many

    def add(self, other: "Figures") -> None:
        for name in ("received", "accepted", "refused", "finished", "finished_with_due", "on_time", "one_visit",
                     "rated", "satisfied", "unreasonable", "open", "amber", "red"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for level, n in other.levels.items():
            self.levels[level] += n
        self.tenths.update(other.tenths)

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def on_time_rate(self) -> float | None:
        return self._share(self.on_time, self.finished_with_due)

    @property
    def satisfaction_rate(self) -> float | None:
        return self._share(self.satisfied, self.rated)

    @property
    def one_visit_rate(self) -> float | None:
        return self._share(self.one_visit, self.finished)

    @property
    def median_days(self) -> float | None:
        total = sum(self.tenths.values())
        if not total:
            return None
        ordered = sorted(self.tenths.items())

        def nth(k: int) -> int:  # the k-th smallest value (0-based)
            seen = 0
            for value, n in ordered:
                seen += n
                if k < seen:
                    return value
            return ordered[-1][0]

        middle = (nth((total - 1) // 2) + nth(total // 2)) / 2
        return round(middle / TENTHS_PER_DAY, 1)

    @property
    def distribution(self) -> list[tuple[int, int, float | None]]:
        """[(level 5…1, count, share %)]."""
        return [(level, n, self._share(n, self.rated)) for level, n in self.levels.items()]


@dataclass
class Row:
    key: int | None
    label: str
    figures: Figures
    department: str = ""


@dataclass
class Stats:
    start: dt.date
    end: dt.date
    matters: list[Row]
    departments: list[Row]
    total: Figures


def stats_scope_q(viewer) -> Q:
    """The applications within the viewer's reach for statistics: the area (and department) of their role."""
    return routed_q(viewer, STATS_ROLES, "case__area_path", "case__department")


def _marked() -> Q:
    return Q(unreasonable_at__isnull=False) & ~Q(unreasonable_review=UnreasonableReview.OVERTURNED)


def stats_for(*, viewer, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> Stats:
    """The figures of the applications received from `start` to `end` (inclusive) within the viewer's reach."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, zone)
    scope = Application.objects.filter(stats_scope_q(viewer))
    cohort = scope.filter(case__created_at__gte=since, case__created_at__lt=until)
    counted, finished = ~_marked(), Q(case__state="issued")
    counted_finished = counted & finished
    has_due = counted_finished & Q(promised_due_at__isnull=False, issued_at__isnull=False)
    rows = cohort.values("matter_id").annotate(
        received=Count("pk"),
        accepted=Count("pk", filter=counted & Q(accepted_at__isnull=False)),
        refused=Count("pk", filter=counted & Q(case__state="refused")),
        finished=Count("pk", filter=counted_finished),
        finished_with_due=Count("pk", filter=has_due),
        on_time=Count("pk", filter=has_due & Q(issued_at__lte=F("promised_due_at"))),
        one_visit=Count("pk", filter=counted_finished & Q(visits__lte=1)),
        rated=Count("pk", filter=counted & Q(case__rating__isnull=False)),
        satisfied=Count("pk", filter=counted & Q(case__rating__gte=SATISFIED_AT_OR_ABOVE)),
        unreasonable=Count("pk", filter=_marked()),
        **{f"level{n}": Count("pk", filter=counted & Q(case__rating=n)) for n in range(1, 6)},
    )
    by_matter: dict[int, Figures] = {}
    for row in cast(Iterable[dict[str, Any]], rows):
        figures = by_matter.setdefault(row["matter_id"], Figures())
        for name in ("received", "accepted", "refused", "finished", "finished_with_due", "on_time", "one_visit",
                     "rated", "satisfied", "unreasonable"):  # fmt: skip
            setattr(figures, name, row[name])
        figures.levels = {n: row[f"level{n}"] for n in range(5, 0, -1)}
    # Acceptance → issue, counted per tenth of a day (the median is read from these counts).
    span = Round((Epoch("issued_at") - Epoch("accepted_at")) * TENTHS_PER_DAY / 86400)
    tenths = (
        cohort.filter(counted_finished, accepted_at__isnull=False, issued_at__isnull=False)
        .annotate(tenths=span)
        .values("matter_id", "tenths")
        .annotate(n=Count("pk"))
    )
    for row in cast(Iterable[dict[str, Any]], tenths):
        by_matter.setdefault(row["matter_id"], Figures()).tenths[max(0, int(row["tenths"]))] += row["n"]
    # Open now: waiting, amber (past 80 % of the time from its start to its due), red (overdue).
    now_s = Value(now.timestamp(), output_field=FloatField())
    start_s = Case(
        When(case__state__in=REVIEW_STATES, accepted_at__isnull=False, then=Epoch("accepted_at")),
        default=Epoch("case__updated_at"),
        output_field=FloatField(),
    )
    due_s = Epoch("case__due_at")
    amber = Q(
        GreaterThanOrEqual(due_s, now_s),
        GreaterThan(due_s, start_s),
        LessThanOrEqual(due_s - now_s, (due_s - start_s) * Value(1 - AMBER_AT)),
    )
    waiting = scope.filter(case__kind=APPLICATION.kind).exclude(case__state__in=APPLICATION.closed)
    open_rows = waiting.values("matter_id").annotate(
        open=Count("pk"),
        red=Count("pk", filter=Q(case__due_at__lt=now)),
        amber=Count("pk", filter=Q(case__due_at__isnull=False) & amber),
    )
    for row in cast(Iterable[dict[str, Any]], open_rows):
        figures = by_matter.setdefault(row["matter_id"], Figures())
        figures.open, figures.red, figures.amber = row["open"], row["red"], row["amber"]
    return _arrange(by_matter, start, end)


def _arrange(by_matter: dict[int, Figures], start: dt.date, end: dt.date) -> Stats:
    matters = Matter.objects.filter(pk__in=by_matter).select_related("department", "parent", "township")
    ordered = sorted(
        matters, key=lambda m: (m.township_id, (m.parent or m).sort_order, (m.parent or m).code, m.code)
    )
    matter_rows, departments, total = [], {}, Figures()
    for matter in ordered:
        figures = by_matter[matter.pk]
        department = matter.department.name if matter.department else _("村(社区)直接办结")
        label = f"{matter.parent.name} · {matter.name}" if matter.parent else matter.name
        matter_rows.append(Row(matter.pk, label, figures, department))
        key = matter.department_id
        if key not in departments:
            departments[key] = Row(key, department, Figures())
        departments[key].figures.add(figures)
        total.add(figures)
    return Stats(
        start=start, end=end, matters=matter_rows, departments=list(departments.values()), total=total
    )
