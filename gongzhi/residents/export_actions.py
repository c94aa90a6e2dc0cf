"""Exports that need a second person's approval: full IDs and phones, or many masked rows.

    request ──approve (another officer)──▶ approved ──download (the requester, once)──▶ downloaded
       │
       └──refuse──▶ refused

The masked export (exports.resident_export) stays what 导出 does, up to
GONGZHI_EXPORT_APPROVAL_ROWS rows. A full export (IDs, birth dates and
phones in full), or a masked one of more rows (SECURITY-TARGETS §7 row 33,
GB/T 35273 §7.1), is asked for with a stated purpose by someone who may
both export and reveal IDs (township office, community staff), over an
area of their scope and the list's filters; its kind, row count and field
list are fixed then. A township officer
over that area who is not the requester approves or refuses it (a
refusal needs a reason); the database refuses a self-approval too. A
request nobody decides expires after GONGZHI_EXPORT_PENDING_DAYS; an
approval expires after GONGZHI_EXPORT_VALID_HOURS and serves one
download. A full file has the import template's columns, so it imports
again unchanged; a masked one has the masked export's. Either is watermarked (sheet name, document properties and a 说明
sheet naming the exporter, time, purpose and approver). Each step is an
audit row — request, approval or refusal, download with row count,
filters, field list and the file's SHA-256 — and approvers and the
requester are told through notices.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import users_holding_over
from gongzhi.areas.models import Area, AreaKind
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.crypto import decrypt
from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import lifecycle_check, lifecycle_move
from gongzhi.core.spreadsheets import neutralize_formula, workbook_bytes
from gongzhi.notices.actions import notice_send

from .codes import label_for
from .exports import HEADERS as MASKED_FIELDS
from .exports import approval_rows, masked_row
from .models import ExportRequest
from .rules import EXPORT_APPROVERS
from .selectors import resident_list_for
from .spreadsheet import COLUMNS

FULL_EXPORT_FIELDS = [header for _key, header, _required in COLUMNS]
FILTER_KEYS = ("tag", "age_band", "q", "status")


def _pending_days() -> int:
    return getattr(settings, "GONGZHI_EXPORT_PENDING_DAYS", 7)


def _valid_hours() -> int:
    return getattr(settings, "GONGZHI_EXPORT_VALID_HOURS", 24)


def _list_filters(request: ExportRequest) -> dict:
    filters = {key: request.filters.get(key) or None for key in FILTER_KEYS}
    filters["status"] = request.filters.get("status", "active") or None
    return {"area_id": request.area_id, **filters}


def _approvers(area: Area, requester) -> list:
    return [user for user in users_holding_over(EXPORT_APPROVERS, area.path) if user.pk != requester.pk]


def fields_of(request: ExportRequest) -> list[str]:
    return FULL_EXPORT_FIELDS if request.full_data else MASKED_FIELDS


@transaction.atomic
def export_request_submit(
    *, actor: User, area: Area, reason: str, filters: dict | None = None, full_data: bool = True
) -> ExportRequest:
    authorize(actor, "residents.request_export", area)
    reason = (reason or "").strip()
    if len(reason) < 4 or len(reason) > 200:
        raise DomainError(_("请写明用途（4至200个字），例如“低保年审核对身份信息”。"), field="reason")
    filters = {key: value for key, value in (filters or {}).items() if key in FILTER_KEYS and value}
    draft = ExportRequest(area=area, filters=filters, full_data=full_data)
    count = resident_list_for(viewer=actor, **_list_filters(draft)).count()
    if count == 0:
        raise DomainError(_("没有符合条件的居民，无需导出。"))
    if not full_data and count <= approval_rows():
        raise DomainError(
            _("不超过%(n)d条的脱敏导出无需审批，请在居民列表直接导出。") % {"n": approval_rows()},
            code="no_approval_needed",
        )
    if count > settings.GONGZHI_EXPORT_ROW_LIMIT:
        raise DomainError(
            _("一次最多导出%(n)d条，请缩小筛选范围。") % {"n": settings.GONGZHI_EXPORT_ROW_LIMIT},
            code="too_many",
        )
    approvers = _approvers(area, actor)
    if not approvers:
        raise DomainError(
            _("没有可以审批此申请的其他镇社治办管理员，无法提交。请联系镇社治办。"), code="no_approver"
        )
    request = ExportRequest.objects.create(
        requested_by=actor,
        area=area,
        area_path=area.path,
        reason=reason,
        full_data=full_data,
        filters=filters,
        row_count=count,
        expires_at=timezone.now() + dt.timedelta(days=_pending_days()),
    )
    audit_event_record(
        actor=actor,
        verb="resident.export_requested",
        target=request,
        summary={
            "reason": reason,
            "full": full_data,
            "area": area.name,
            "filters": filters,
            "rows": count,
            "fields": fields_of(draft),
        },
    )
    url = reverse("residents:export_request_detail", args=[request.pk])
    for approver in approvers:
        notice_send(
            recipient=approver,
            kind="export_requested",
            title=_("完整导出申请待您审批") if full_data else _("导出申请待您审批"),
            body=(
                _("%(who)s申请导出%(area)s的%(n)d位居民的完整身份证号和手机号，用途：%(reason)s")
                if full_data
                else _("%(who)s申请导出%(area)s的%(n)d位居民的脱敏信息，用途：%(reason)s")
            )
            % {"who": actor.label, "area": area.name, "n": count, "reason": reason},
            url=url,
        )
    return request


@transaction.atomic
def export_request_decide(
    *, actor: User, request: ExportRequest, approve: bool, note: str = ""
) -> ExportRequest:
    authorize(actor, "residents.approve_export", request)
    request = (
        ExportRequest.objects.select_for_update(of=("self",))
        .select_related("requested_by", "area")
        .get(pk=request.pk)
    )
    now = timezone.now()
    if request.requested_by_id == actor.pk:
        raise DomainError(_("不能审批自己提交的申请，须由另一位管理员审批。"), code="self_approval")
    verb = "approve" if approve else "refuse"
    lifecycle_check(request, verb)  # gongzhi.residents.workflow: pending only
    if request.is_expired(now):
        raise DomainError(
            _("该申请已超过%(n)d天未审批，已过期。请申请人重新提交。") % {"n": _pending_days()},
            code="expired",
        )
    note = (note or "").strip()
    if len(note) > 200:
        raise DomainError(_("审批意见不能超过200个字。"), field="note")
    if not approve and not note:
        raise DomainError(_("不批准时请写明理由。"), field="note")
    lifecycle_move(
        request,
        verb,
        actor=actor,
        audit_verb="resident.export_approved" if approve else "resident.export_refused",
        changes={
            "decided_by": actor,
            "decided_at": now,
            "decision_note": note,
            "expires_at": now + dt.timedelta(hours=_valid_hours()) if approve else request.expires_at,
        },
        summary={
            "requested_by": request.requested_by.label,
            "full": request.full_data,
            "rows": request.row_count,
            "note": note,
        },
    )
    if approve:
        title = _("您的导出申请已批准")
        body = _("请在%(until)s前下载，只能下载一次。") % {
            "until": timezone.localtime(request.expires_at).strftime("%Y-%m-%d %H:%M")
        }
    else:
        title, body = _("您的导出申请未获批准"), _("理由：%(note)s") % {"note": note}
    notice_send(
        recipient=request.requested_by,
        kind="export_decided",
        title=title,
        body=body,
        url=reverse("residents:export_request_detail", args=[request.pk]),
    )
    return request


def _row_of(r) -> list:
    building = r.area.name if r.area.kind == AreaKind.BUILDING else ""
    phone = decrypt(r.phone_ciphertext, context="resident.phone") if r.phone_ciphertext else ""
    values = {
        "name": r.name,
        "id_number": decrypt(r.id_ciphertext, context="resident.id_number"),
        "gender": label_for("gender", r.gender),
        "birth_date": r.birth_date.isoformat(),
        "ethnicity": label_for("ethnicity", r.ethnicity),
        "political_status": label_for("political_status", r.political_status),
        "education": label_for("education", r.education),
        "marital_status": label_for("marital_status", r.marital_status),
        "phone": phone,
        "registered_address": r.registered_address,
        "current_address": r.current_address,
        "residence_type": label_for("residence_type", r.residence_type),
        "community": r.community.name,
        "grid": r.grid.name if r.grid else "",
        "building": building,
        "household_number": r.household.number if r.household else "",
        "relation_to_head": label_for("relation_to_head", r.relation_to_head),
        "tags": "、".join(t.name for t in r.tags.all()),
    }
    return [neutralize_formula(values[key]) for key, _header, _required in COLUMNS]


def _workbook(request: ExportRequest, residents, *, exporter: str, now) -> bytes:
    stamp = timezone.localtime(now).strftime("%Y-%m-%d %H:%M")
    workbook = Workbook(write_only=True)
    workbook.properties.creator = exporter
    workbook.properties.title = f"居民{'完整' if request.full_data else '脱敏'}信息 申请{request.pk}"
    workbook.properties.description = f"导出人 {exporter}，{stamp}；用途：{request.reason}"
    sheet = workbook.create_sheet(f"居民-申请{request.pk}-{timezone.localtime(now):%Y%m%d}")
    sheet.append(fields_of(request))
    write_row = _row_of if request.full_data else masked_row
    for resident in residents.iterator(chunk_size=2000):
        sheet.append(write_row(resident))
    notes = workbook.create_sheet("说明")
    for line in (
        (
            f"本文件含居民完整身份证号和手机号，属敏感个人信息，仅限用于：{request.reason}"
            if request.full_data
            else f"本文件为居民脱敏信息（身份证号仅后四位），仅限用于：{request.reason}"
        ),
        f"导出人：{exporter}；导出时间：{stamp}；导出申请编号：{request.pk}",
        f"审批人：{request.decided_by.label if request.decided_by else ''}；审批时间："
        f"{timezone.localtime(request.decided_at).strftime('%Y-%m-%d %H:%M') if request.decided_at else ''}",
        "用毕请删除，不得转发、复制或上传到其他系统。本次导出已记入审计日志（含文件SHA-256）。",
        "第一张工作表的列与导入模板相同，可直接导入。" if request.full_data else "",
    ):
        notes.append([line])
    return workbook_bytes(workbook)


def export_request_download(*, actor: User, request: ExportRequest) -> tuple[bytes, int]:
    """The approved file, once, for the person who asked; the download is audited with its SHA-256."""
    authorize(actor, "residents.request_export", request)
    with transaction.atomic():
        request = (
            ExportRequest.objects.select_for_update(of=("self",))
            .select_related("decided_by")
            .get(pk=request.pk)
        )
        now = timezone.now()
        if request.requested_by_id != actor.pk:
            raise DomainError(_("只有申请人本人可以下载。"), code="not_requester")
        lifecycle_check(request, "download")  # gongzhi.residents.workflow: approved, once
        if request.is_expired(now):
            raise DomainError(
                _("批准已过期（%(n)d小时内有效），请重新申请。") % {"n": _valid_hours()}, code="expired"
            )
        residents = (
            resident_list_for(viewer=actor, **_list_filters(request))
            .select_related("household", "area")
            .prefetch_related("tags")
        )
        data = _workbook(request, residents, exporter=actor.label, now=now)
        count = residents.count()
        digest = hashlib.sha256(data).hexdigest()
        lifecycle_move(
            request,
            "download",
            actor=actor,
            audit_verb="resident.export_downloaded",
            changes={"downloaded_at": now, "downloaded_rows": count, "sha256": digest},
            summary={
                "reason": request.reason,
                "approved_by": request.decided_by.label if request.decided_by else "",
                "full": request.full_data,
                "rows": count,
                "filters": request.filters,
                "fields": fields_of(request),
                "sha256": digest,
            },
        )
    return data, count
