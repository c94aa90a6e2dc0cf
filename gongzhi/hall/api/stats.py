"""办件统计 over the API: the statistics page's figures (selectors/stats.py), with its period and its permission
— the township's admin, the back office (their department's) and the supervisory committee (its community),
each within their reach. Aggregates per matter and per department only: no figure names a person.

`GET /api/v1/hall/stats?start=YYYY-MM-DD&end=YYYY-MM-DD` (default: this year); a period the page would refuse
(start after end, longer than five years) is a 400 with the page's message.
"""

import datetime as dt

from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError

from ..forms.rating import PeriodForm
from ..selectors.stats import Figures, Row, stats_for
from ..workflow import APPLICATION

router = Router(tags=["便民服务 applications"])


class LevelOut(Schema):
    rating: int  # 5 非常满意 … 1 非常不满意
    label: str
    count: int
    share: float | None  # % of the rated


class FiguresOut(Schema):
    received: int
    accepted: int
    refused: int  # 不予受理
    finished: int  # 办结: the result issued
    finished_with_due: int  # the finished that had a promised due time
    on_time: int
    on_time_rate: float | None  # %: on_time / finished_with_due
    median_days: float | None  # acceptance → issue, calendar days
    rated: int
    satisfied: int
    satisfaction_rate: float | None  # %: 满意 and 非常满意 among the rated
    one_visit: int
    one_visit_rate: float | None  # %: 最多跑一次 among the finished
    unreasonable: int  # marked unreasonable or outside powers (counted apart, out of every rate)
    open: int  # now, whatever the period: not ended
    amber: int  # now: past 80 % of their time
    red: int  # now: overdue
    distribution: list[LevelOut]


class RowOut(Schema):
    id: int | None  # the matter, or the department (null: the villages' own matters)
    label: str
    department: str  # a matter's row: its department
    figures: FiguresOut


class StatsOut(Schema):
    start: dt.date
    end: dt.date
    total: FiguresOut
    departments: list[RowOut]
    matters: list[RowOut]


class PeriodIn(Schema):
    start: dt.date | None = None
    end: dt.date | None = None


def _figures(f: Figures) -> dict:
    return {
        **{
            name: getattr(f, name)
            for name in (
                "received",
                "accepted",
                "refused",
                "finished",
                "finished_with_due",
                "on_time",
                "on_time_rate",
                "median_days",
                "rated",
                "satisfied",
                "satisfaction_rate",
                "one_visit",
                "one_visit_rate",
                "unreasonable",
                "open",
                "amber",
                "red",
            )
        },  # fmt: skip
        "distribution": [
            {"rating": level, "label": APPLICATION.rating_label(level), "count": n, "share": share}
            for level, n, share in f.distribution
        ],
    }


def _row(row: Row) -> dict:
    return {"id": row.key, "label": row.label, "department": row.department, "figures": _figures(row.figures)}


@router.get(
    "/hall/stats",
    response=StatsOut,
    summary=gettext_noop("办件统计：按事项和部门的收件、受理、办结、按时办结率、满意率等（只统计，不点名）"),
    openapi_extra={"responses": {**MAY_BE_FORBIDDEN["responses"], "400": {"description": ""}}},
)
def stats(request, period: Query[PeriodIn]):
    authorize(request.auth, "hall.view_stats")
    form = PeriodForm({"start": period.start or "", "end": period.end or ""})
    if not form.is_valid():
        raise DomainError(str(next(iter(form.errors.values()))[0]))
    result = stats_for(viewer=request.auth, start=form.cleaned_data["start"], end=form.cleaned_data["end"])
    return {
        "start": result.start,
        "end": result.end,
        "total": _figures(result.total),
        "departments": [_row(row) for row in result.departments],
        "matters": [_row(row) for row in result.matters],
    }
