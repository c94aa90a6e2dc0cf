"""The audit trail as an Excel workbook, for the audit administrator; the export is itself audited.

Same rows as the list with the same filters, each with its sentence and the
raw summary beside it (an auditor may need the exact values), formulas
neutralised in every text cell, at most `GONGZHI_AUDIT_EXPORT_ROW_LIMIT`
rows (a clear refusal past it: narrow the dates), and an `audit.exported`
row carrying the filters, the row count and the file's SHA-256, written
after the file is complete — so the trail says exactly which bytes left.
"""

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gongzhi.accounts.models import User
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes

from .actions import audit_event_record
from .presentation import audit_lines_for
from .selectors import audit_list_for

DEFAULT_ROW_LIMIT = 50_000
CHUNK = 2000


def audit_export_limit() -> int:
    return int(getattr(settings, "GONGZHI_AUDIT_EXPORT_ROW_LIMIT", DEFAULT_ROW_LIMIT))


def headers() -> list[str]:
    return [
        _("编号"),
        _("时间"),
        _("操作人"),
        _("操作"),
        _("说明"),
        _("对象类型"),
        _("对象"),
        _("区域"),
        _("来源地址"),
        _("成功"),
        _("摘要（原始）"),
        _("本条哈希"),
    ]


def filters_for_record(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters as JSON the audit row can hold (dates as ISO text, an area by name and id)."""
    out: dict[str, Any] = {}
    for key, value in filters.items():
        if value in (None, "", False):
            continue
        if isinstance(value, dt.date):
            out[key] = value.isoformat()
        elif hasattr(value, "pk"):
            out[key] = f"{value}（#{value.pk}）"
        else:
            out[key] = str(value)
    return out


def audit_export(*, actor: User, filters: dict[str, Any]) -> tuple[bytes, int]:
    """(xlsx bytes, row count) of the filtered trail; refuses past the row limit."""
    authorize(actor, "audit.export_audit")
    events = audit_list_for(viewer=actor, **{k: v for k, v in filters.items() if v})
    count = events.count()
    limit = audit_export_limit()
    if count > limit:
        raise DomainError(
            _("符合条件的记录有%(count)d条，一次最多导出%(n)d条，请缩小日期范围或增加筛选条件。")
            % {"count": count, "n": limit},
            code="too_many",
        )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("审计日志"))
    sheet.append(headers())
    batch = []
    for event in events.iterator(chunk_size=CHUNK):
        batch.append(event)
        if len(batch) == CHUNK:
            _append(sheet, actor, batch)
            batch = []
    _append(sheet, actor, batch)
    data = workbook_bytes(workbook)
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            verb="audit.exported",
            summary={
                "rows": count,
                "filters": filters_for_record(filters),
                "sha256": hashlib.sha256(data).hexdigest(),
            },
        )
    return data, count


def _append(sheet, actor: User, events) -> None:
    for line in audit_lines_for(viewer=actor, events=events):
        e = line.event
        row = [
            e.pk,
            timezone.localtime(e.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
            line.actor,
            e.verb_label,
            line.sentence,
            line.target_kind,
            line.target,
            line.area,
            e.source_ip,
            _("是") if e.success else _("否"),
            json.dumps(e.summary, ensure_ascii=False),
            e.row_hash,
        ]
        sheet.append([neutralize_formula(v) for v in row])
