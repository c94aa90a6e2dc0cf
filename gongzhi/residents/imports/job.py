"""The import job's lifecycle: queued → validating → importing → succeeded,
or → rejected (with an error report, nothing imported), or → failed.

Small files run inside the request; large ones go to the database-backed
task queue and the page re-reads the job's live progress.
"""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.models import User
from gongzhi.audit.actions import audit_event_record
from gongzhi.core.authz import authorize
from gongzhi.core.errors import DomainError
from gongzhi.core.middleware import current_request_context

from ..models import ImportJob, ImportStatus
from .reading import ImportFileError, estimate_rows
from .report import write_report
from .validating import validate_file
from .writing import import_prepared

logger = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
ERRORS_ON_PAGE = 200


def import_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def import_progress(job: ImportJob) -> dict:
    return caches["progress"].get(progress_key(job.pk)) or {
        "phase": job.status,
        "done": 0,
        "total": job.total_rows,
    }


def resident_import_start(*, actor: User, upload) -> ImportJob:
    """Store the upload and create its job; run it now if small, else queue it."""
    authorize(actor, "residents.import_residents")
    name = (getattr(upload, "name", "") or "").strip()
    if not name.lower().endswith(".xlsx"):
        raise DomainError(_("请上传 .xlsx 格式的 Excel 文件（可先下载模板）。"), field="file")
    if upload.size == 0:
        raise DomainError(_("上传的文件是空的。"), field="file")
    if upload.size > MAX_UPLOAD_BYTES:
        raise DomainError(_("文件超过50MB，请分批导入。"), field="file")
    stored = f"{uuid.uuid4().hex}.xlsx"
    target = import_dir() / stored
    with open(target, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    try:
        total = estimate_rows(target)
    except ImportFileError as exc:
        target.unlink(missing_ok=True)
        raise DomainError(str(exc), field="file") from None
    job = ImportJob.objects.create(
        actor=actor,
        filename=name[:200],
        stored_name=stored,
        total_rows=total,
        source_ip=current_request_context().source_ip,
    )
    if total <= settings.GONGZHI_IMPORT_SYNC_ROWS:
        resident_import_execute(job_id=job.pk)
        job.refresh_from_db()
    else:
        from ..tasks import resident_import_task

        transaction.on_commit(lambda: resident_import_task.enqueue(job.pk))
    return job


def _finish(job: ImportJob, status: str, **fields) -> None:
    job.status = status
    job.finished_at = timezone.now()
    for key, value in fields.items():
        setattr(job, key, value)
    job.save()


def resident_import_execute(*, job_id: int) -> ImportJob:
    """Validate, then import all or nothing. Runs in the worker or in the request."""
    job = ImportJob.objects.select_related("actor").get(pk=job_id)
    if job.is_finished:
        return job
    path = import_dir() / job.stored_name
    spool = import_dir() / f"{job.stored_name}.rows"
    cache = caches["progress"]

    def progress(phase: str, done: int, total: int) -> None:
        cache.set(progress_key(job.pk), {"phase": phase, "done": done, "total": max(total, done)}, 3600)

    try:
        authorize(job.actor, "residents.import_residents")
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.VALIDATING)
        result = validate_file(path, actor=job.actor, progress=progress, total=job.total_rows, spool=spool)
        if result.errors:
            report = f"{job.stored_name[:-5]}-report.xlsx"
            write_report(result.errors, import_dir() / report)
            with transaction.atomic():
                audit_event_record(
                    actor=job.actor,
                    verb="resident.import_rejected",
                    success=False,
                    source_ip=job.source_ip,
                    summary={"file": job.filename[:100], "rows": result.total, "errors": len(result.errors)},
                )
                _finish(
                    job,
                    ImportStatus.REJECTED,
                    total_rows=result.total,
                    error_count=len(result.errors),
                    report_name=report,
                    row_errors=[[e.row, e.column, e.reason] for e in result.errors[:ERRORS_ON_PAGE]],
                    message=_("发现%(n)d处错误，整个文件未导入。请下载错误报告，改正后重新上传。")
                    % {"n": len(result.errors)},
                )
            return job
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING, total_rows=result.total)
        assert result.prepared is not None  # no errors: the pass prepared every row
        count = import_prepared(
            result.prepared,
            actor=job.actor,
            filename=job.filename,
            source_ip=job.source_ip,
            progress=progress,
        )
        message = _("已导入%(n)d位居民。") % {"n": count}
        if result.example_rows:
            message += _("模板的示例行（第%(rows)s行）已忽略。") % {
                "rows": "、".join(str(r) for r in result.example_rows)
            }
        _finish(
            job, ImportStatus.SUCCEEDED, imported_rows=count, total_rows=result.total, message=message[:300]
        )
    except ImportFileError as exc:
        _finish(job, ImportStatus.REJECTED, message=str(exc)[:300])
    except IntegrityError:
        _finish(
            job,
            ImportStatus.FAILED,
            message=_(
                "导入期间居民登记发生了变化（可能有人同时登记了相同的人），未导入任何数据，请重新上传。"
            ),
        )
    except Exception:
        logger.exception("import job %s failed", job.pk)
        _finish(job, ImportStatus.FAILED, message=_("系统错误，未导入任何数据。请联系系统管理员。"))
    finally:
        # 剩余信息保护: the uploaded personal data does not outlive the job.
        path.unlink(missing_ok=True)
        spool.unlink(missing_ok=True)
    return job
