"""Excel export of the register: scoped, masked, audited.

The ID shows its last four digits only and the birth date its year only, so
an export never holds a masked ID beside a full birth date. Up to
GONGZHI_EXPORT_APPROVAL_ROWS rows export at once; a larger list needs a
second person's approval (SECURITY-TARGETS §7 row 33) through an export
request (export_actions), whose download writes the same masked rows.
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes

from .codes import label_for
from .selectors import resident_list_for

HEADERS = [
    "姓名",
    "身份证号(后四位)",
    "性别",
    "出生年份",
    "民族",
    "政治面貌",
    "文化程度",
    "婚姻状况",
    "手机号",
    "户籍地址",
    "现住址",
    "人口类型",
    "村(社区)",
    "网格",
    "户编号",
    "与户主关系",
    "标签",
    "状态",
]


def approval_rows() -> int:
    """Masked exports larger than this need a second person's approval (SECURITY-TARGETS §7 row 33)."""
    return getattr(settings, "GONGZHI_EXPORT_APPROVAL_ROWS", 200)


def masked_row(r) -> list:
    """One resident as the masked export shows them (HEADERS)."""
    row = [
        r.name,
        r.masked_id,
        label_for("gender", r.gender),
        r.birth_date.year,
        label_for("ethnicity", r.ethnicity),
        label_for("political_status", r.political_status),
        label_for("education", r.education),
        label_for("marital_status", r.marital_status),
        r.phone_masked,
        r.registered_address,
        r.current_address,
        label_for("residence_type", r.residence_type),
        r.community.name,
        r.grid.name if r.grid else "",
        r.household.number if r.household else "",
        label_for("relation_to_head", r.relation_to_head),
        "、".join(t.name for t in r.tags.all()),
        r.get_status_display(),
    ]
    return [neutralize_formula(v) for v in row]


def resident_export(*, actor: User, filters: dict) -> tuple[bytes, int]:
    """(xlsx bytes, row count) for the viewer's filtered, scoped list; a large one needs approval."""
    authorize(actor, "residents.export_residents")
    residents = (
        resident_list_for(viewer=actor, **filters).select_related("household").prefetch_related("tags")
    )
    count = residents.count()
    if count > settings.GONGZHI_EXPORT_ROW_LIMIT:
        raise DomainError(
            _("一次最多导出%(n)d条，请缩小筛选范围。") % {"n": settings.GONGZHI_EXPORT_ROW_LIMIT},
            code="too_many",
        )
    if count > approval_rows():
        raise DomainError(
            _("导出超过%(n)d条需要另一位管理员审批：请写明用途提交导出申请。") % {"n": approval_rows()},
            code="needs_approval",
        )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("居民")
    sheet.append(HEADERS)
    for r in residents.iterator(chunk_size=2000):
        sheet.append(masked_row(r))
    data = workbook_bytes(workbook)
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            verb="resident.exported",
            summary={
                "rows": count,
                "filters": {k: v for k, v in filters.items() if v},
                "fields": HEADERS,
                "sha256": hashlib.sha256(data).hexdigest(),
            },
        )
    return data, count
