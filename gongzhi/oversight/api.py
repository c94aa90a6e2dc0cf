"""The oversight figures over the API: the same selectors, exports and rules as the pages.

Reads: the townships the token user oversees; a township's table for a period (each indicator per community
and the township totals, as JSON); the same table as Excel; a community's year (its quarters, the year and the
lists behind them) as JSON, and as the yearly report PDF. The exports are audited. Outside the token user's
reach is 404, as what does not exist.
"""

import io
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.utils.translation import gettext_noop
from ninja import Router, Schema

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.ids import ApiId

from . import exports, selectors
from .exports import XLSX

router = Router(tags=["督导 oversight"])


class TownshipOut(Schema):
    id: int
    name: str
    code: str


class IndicatorOut(Schema):
    code: str
    label: str
    group: str
    unit: str
    aggregate: str
    note: str
    total: Any


class RowOut(Schema):
    community_id: int
    community_name: str
    community_code: str
    values: dict[str, Any]


class TableOut(Schema):
    township_id: int
    period: str
    start: str
    end: str
    indicators: list[IndicatorOut]
    rows: list[RowOut]


def _plain(value):
    return float(value) if isinstance(value, Decimal) else value


def _allowed(request, perm: str) -> None:
    if not request.auth.has_perm(perm):
        raise PermissionDenied()


@router.get(
    "/oversight/townships",
    response=list[TownshipOut],
    summary=gettext_noop("可督导的镇"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def townships(request):
    _allowed(request, "oversight.view")
    return [
        {"id": t.pk, "name": t.name, "code": t.code} for t in selectors.townships_for(viewer=request.auth)
    ]


def _table(request, township_id: int, year: str, quarter: str):
    area = selectors.township_get_for(viewer=request.auth, township_id=township_id)
    return selectors.table_of(area, selectors.period_parse(year, quarter))


@router.get(
    "/oversight/townships/{township_id}/indicators", response=TableOut, summary=gettext_noop("镇的督导指标"),
    openapi_extra=MAY_BE_FORBIDDEN,
)  # fmt: skip
def indicators(request, township_id: ApiId, year: str = "", quarter: str = ""):
    _allowed(request, "oversight.view")
    table = _table(request, township_id, year, quarter)
    codes = [c.indicator.code for c in table.columns]
    return {
        "township_id": table.township.pk,
        "period": table.period.key,
        "start": table.period.start.isoformat(),
        "end": table.period.end.isoformat(),
        "indicators": [
            {"code": c.indicator.code, "label": str(c.indicator.label), "group": str(c.indicator.group),
             "unit": str(c.indicator.unit), "aggregate": c.indicator.aggregate, "note": str(c.indicator.note),
             "total": _plain(c.total)}
            for c in table.columns
        ],
        "rows": [
            {"community_id": r.community.pk, "community_name": r.community.name, "community_code": r.community.code,
             "values": {code: _plain(v) for code, v in zip(codes, r.values, strict=True)}}
            for r in table.rows
        ],
    }  # fmt: skip


@router.get(
    "/oversight/townships/{township_id}/export",
    summary=gettext_noop("导出镇的督导数据（Excel）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def export(request, township_id: ApiId, year: str = "", quarter: str = ""):
    _allowed(request, "oversight.export")
    table = _table(request, township_id, year, quarter)
    content = exports.table_export(actor=request.auth, table=table)
    name = f"oversight-{table.township.pk}-{table.period.key}.xlsx"
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=name, content_type=XLSX)


@router.get(
    "/oversight/communities/{community_id}/year",
    summary=gettext_noop("村(社区)的年度督导指标"),
    openapi_extra=MAY_BE_FORBIDDEN,
)
def community_year(request, community_id: ApiId, year: str = ""):
    _allowed(request, "oversight.view")
    area = selectors.community_get_for(viewer=request.auth, community_id=community_id)
    data = selectors.community_year(area, selectors.period_parse(year, "").year)
    return {
        "community_id": area.pk,
        "year": data.period.year,
        "indicators": [
            {"code": indicator.code, "label": str(indicator.label), "unit": str(indicator.unit),
             "quarters": [_plain(v) for v in values[:4]], "year": _plain(values[4])}
            for indicator, values in data.rows
        ],
        "lists": [
            {"label": s.label,
             "entries": [{"day": e.day.isoformat() if e.day else None, "text": e.text, "state": e.state}
                         for e in s.entries]}
            for s in data.sections
        ],
    }  # fmt: skip


@router.get(
    "/oversight/communities/{community_id}/report", summary=gettext_noop("村(社区)的年度台账（PDF）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)  # fmt: skip
def report(request, community_id: ApiId, year: str = ""):
    _allowed(request, "oversight.export")
    area = selectors.community_get_for(viewer=request.auth, community_id=community_id)
    data = selectors.community_year(area, selectors.period_parse(year, "").year)
    content = exports.report_pdf(actor=request.auth, year=data)
    name = f"ledger-{area.pk}-{data.period.year}.pdf"
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=name, content_type="application/pdf"
    )
