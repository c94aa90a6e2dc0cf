"""The oversight figures over the API: the same selectors, exports and rules as the pages.

Reads: the townships the token user oversees; a township's table for a period (each indicator per community
and the township totals, as JSON); the same table as Excel; a community's year (its quarters, the year and the
lists behind them) as JSON, and as the yearly report PDF. The exports are audited. The county forms (the township
office): upload a template (multipart, Idempotency-Key), read and save its hand-typed values for a period, download
it filled; the "typed twice" figure for a period (readers). Outside the token user's reach is 404, as what does not
exist.
"""

import hashlib
import io
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.utils.translation import gettext, gettext_noop
from ninja import File, Form, Router, Schema, Status, UploadedFile

from gongzhi.core.api_input import MAY_BE_FORBIDDEN
from gongzhi.core.errors import DomainError
from gongzhi.core.idempotency import IdempotencyKey, idempotent_create
from gongzhi.core.ids import ApiId

from . import actions, exports, selectors
from .countyforms import MAX_BYTES
from .exports import XLSX
from .selectors import facts_asked

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


# --- The county forms: templates, hand-typed values, the filled workbook, the "typed twice" figure --------


class CountyFormOut(Schema):
    id: int
    township_id: int
    title: str
    filename: str
    sha256: str
    uploaded_at: str
    placeholders: list[dict]
    manual_keys: list[dict]


class CountyFormIn(Schema):
    title: str


class FactIn(Schema):
    area_id: int
    key: str
    value: str


class FactsIn(Schema):
    year: int
    quarter: int = 0
    values: list[FactIn]


class CellOut(Schema):
    area_id: int
    area_name: str
    value: str
    earlier_value: str | None
    earlier_form: str | None


class AskedOut(Schema):
    key: str
    per_community: bool
    cells: list[CellOut]


class TwiceItemOut(Schema):
    area_id: int
    area_name: str
    key: str
    value: str
    form_id: int
    form_title: str
    typed_at: str
    reason: str
    first_form_id: int | None


class TwiceOut(Schema):
    township_id: int
    period: str
    count: int
    goal: int
    items: list[TwiceItemOut]


def _form_out(form) -> dict:
    return {
        "id": form.pk, "township_id": form.township_id, "title": form.title, "filename": form.filename,
        "sha256": form.sha256, "uploaded_at": form.uploaded_at.isoformat(), "placeholders": form.placeholders,
        "manual_keys": [{"key": k, "per_community": per} for k, per in form.manual_keys],
    }  # fmt: skip


def _keeper_form(request, form_id: int):
    _allowed(request, "oversight.forms")
    form = selectors.form_get_for(viewer=request.auth, form_id=form_id)
    if not request.auth.has_perm("oversight.forms", form.township):
        raise PermissionDenied()
    return form


def _keeper_township(request, township_id: int):
    _allowed(request, "oversight.forms")
    area = selectors.township_get_for(viewer=request.auth, township_id=township_id)
    if not request.auth.has_perm("oversight.forms", area):
        raise PermissionDenied()
    return area


@router.get(
    "/oversight/townships/{township_id}/forms", response=list[CountyFormOut],
    summary=gettext_noop("镇的县级报表模板"), openapi_extra=MAY_BE_FORBIDDEN,
)  # fmt: skip
def forms(request, township_id: ApiId):
    area = _keeper_township(request, township_id)
    return [_form_out(f) for f in selectors.forms_of(area)]


@router.post(
    "/oversight/townships/{township_id}/forms", response={201: CountyFormOut},
    summary=gettext_noop("上传县级报表模板（.xlsx，multipart；无法识别的占位符连同单元格位置列出，不保存）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)  # fmt: skip
def form_upload(
    request, township_id: ApiId, payload: Form[CountyFormIn], file: File[UploadedFile],
    idempotency_key: IdempotencyKey = None,
):  # fmt: skip
    area = _keeper_township(request, township_id)
    if (file.size or 0) > MAX_BYTES:
        raise DomainError(gettext("文件过大：模板不能超过 2 MB。"), field="file")
    content = file.read()
    fingerprint = {**payload.dict(), "file": hashlib.sha256(content).hexdigest()}
    made = idempotent_create(
        request, idempotency_key, fingerprint,
        lambda: actions.form_upload(actor=request.auth, township=area, title=payload.title,
                                    filename=file.name or "", content=content),
    )  # fmt: skip
    return Status(201, _form_out(made))


@router.get(
    "/oversight/forms/{form_id}/facts", response=list[AskedOut],
    summary=gettext_noop("县级报表需要手工填写的数据（某一期间）"), openapi_extra=MAY_BE_FORBIDDEN,
)  # fmt: skip
def facts(request, form_id: ApiId, year: str = "", quarter: str = ""):
    form = _keeper_form(request, form_id)
    period = selectors.period_parse(year, quarter)
    return [
        {"key": item["key"], "per_community": item["per_community"],
         "cells": [{"area_id": c["area"].pk, "area_name": c["area"].name, "value": c["value"],
                    "earlier_value": c["earlier"].value if c["earlier"] else None,
                    "earlier_form": c["earlier"].fill.form.title if c["earlier"] else None}
                   for c in item["cells"]]}
        for item in facts_asked(form, period)
    ]  # fmt: skip


@router.post(
    "/oversight/forms/{form_id}/facts", response=list[AskedOut],
    summary=gettext_noop("保存县级报表手工填写的数据（空值清除）"), openapi_extra=MAY_BE_FORBIDDEN,
)  # fmt: skip
def facts_save(request, form_id: ApiId, payload: FactsIn):
    form = _keeper_form(request, form_id)
    period = selectors.period_parse(payload.year, payload.quarter)
    values = {(v.area_id, v.key): v.value for v in payload.values}
    actions.facts_save(actor=request.auth, form=form, period=period, values=values)
    return facts(request, form_id, str(period.year), str(period.quarter))


@router.get(
    "/oversight/forms/{form_id}/filled", summary=gettext_noop("生成并下载填好的县级报表（Excel）"),
    openapi_extra=MAY_BE_FORBIDDEN,
)  # fmt: skip
def filled(request, form_id: ApiId, year: str = "", quarter: str = ""):
    form = _keeper_form(request, form_id)
    period = selectors.period_parse(year, quarter)
    content = actions.form_fill(actor=request.auth, form=form, period=period)
    name = f"county-form-{form.pk}-{period.key}.xlsx"
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=name, content_type=XLSX)


@router.get(
    "/oversight/townships/{township_id}/typed-twice", response=TwiceOut,
    summary=gettext_noop("重复填报的数据（最多报一次，目标为 0）"), openapi_extra=MAY_BE_FORBIDDEN,
)  # fmt: skip
def typed_twice(request, township_id: ApiId, year: str = "", quarter: str = ""):
    _allowed(request, "oversight.view")
    area = selectors.township_get_for(viewer=request.auth, township_id=township_id)
    period = selectors.period_parse(year, quarter)
    items = selectors.typed_twice(area, period)
    return {
        "township_id": area.pk, "period": period.key, "count": len(items), "goal": 0,
        "items": [
            {"area_id": t.fact.area_id, "area_name": t.fact.area.name, "key": t.fact.key, "value": t.fact.value,
             "form_id": t.fact.fill.form_id, "form_title": t.fact.fill.form.title,
             "typed_at": t.fact.typed_at.isoformat(), "reason": t.reason,
             "first_form_id": t.first.fill.form_id if t.first else None}
            for t in items
        ],
    }  # fmt: skip
