"""Writing the audit trail.

`audit_event_record` is called by every action inside the action's own
transaction: if the audit row cannot be written, the change is rolled back
with it (fail closed). Rows are chained: each stores its predecessor's hash.
"""

import contextvars
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from gongzhi.accounts.models import User
from gongzhi.core.middleware import current_request_context

from .models import GENESIS, AuditEvent
from .verbs import VERBS

# Any constant works; it only has to be the same for every writer.
_PG_CHAIN_LOCK = 0x67_6F_6E_67

# The request id of the last row written in this thread/task: lets the refusal recorder see
# that a refused request was already audited by its view (a lockout, a failed login).
_last_audited_request: contextvars.ContextVar[str] = contextvars.ContextVar("gongzhi_audited", default="")


def audited_in_request(request_id: str) -> bool:
    return bool(request_id) and _last_audited_request.get() == request_id


def audit_chain_lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])
    # SQLite runs every write transaction IMMEDIATE: the writer already holds the lock.


def _target_fields(target: Any) -> tuple[str, str, str]:
    if target is None:
        return "", "", ""
    meta = getattr(target, "_meta", None)
    target_type = meta.label_lower if meta else type(target).__name__
    return (
        target_type,
        str(getattr(target, "pk", "") or ""),
        str(getattr(target, "audit_label", None) or target)[:200],
    )


def _actor_fields(actor: User | None) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "匿名"
    return actor.pk, actor.label[:120]


def audit_event_record(
    *,
    actor: User | None,
    verb: str,
    target: Any = None,
    area: Any = None,
    summary: dict | None = None,
    success: bool = True,
    actor_label: str | None = None,
    source_ip: str | None = None,
) -> AuditEvent:
    if verb not in VERBS:
        raise ValueError(f"unregistered audit verb {verb!r}")
    if not connection.in_atomic_block:
        raise RuntimeError("audit_event_record must run inside the action's transaction")
    audit_chain_lock()
    context = current_request_context()
    actor_id, label = _actor_fields(actor)
    target_type, target_id, target_label = _target_fields(target)
    if area is None and target is not None:
        area = getattr(target, "audit_area", None)
    last = AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first()
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor_id,
        actor_label=actor_label or label,
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        area_id=getattr(area, "pk", None),
        area_path=getattr(area, "path", "") or "",
        source_ip=context.source_ip if source_ip is None else source_ip,
        request_id=context.request_id,
        success=success,
        summary=summary or {},
        prev_hash=last or GENESIS,
    )
    event.row_hash = event.compute_hash()
    event.save(force_insert=True)
    if context.request_id:
        _last_audited_request.set(context.request_id)
    return event


def audit_record_standalone(**kwargs) -> AuditEvent:
    """For events with no surrounding change (a failed login): its own transaction."""
    with transaction.atomic():
        return audit_event_record(**kwargs)
