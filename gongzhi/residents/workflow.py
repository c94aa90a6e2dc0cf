"""The lifecycles of the register, as data (gongzhi.core.lifecycle): a resident, and an export request.

    active ──moved──▶ active            (迁居: to another grid or building)
       ├──moved_out──▶ moved_out ──returned──▶ active
       └──deceased──▶ deceased ◀──deceased── moved_out

Registering (登记) creates the resident, active. Each move writes a
`ResidentEvent` (kind = the move's verb, the day it happened, from and to
where) and an audit row; a resident is never deleted.

    export request:  pending ──approve──▶ approved ──download──▶ downloaded   (once, by the requester)
                        └──refuse──▶ refused

An export request is decided by people (another township officer approves,
the requester downloads once), so it is a lifecycle; an `ImportJob` is not:
its status is a background job's progress (queued, running, done or failed),
set by the worker, never a move that someone may or may not make.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import Guard, Lifecycle, Move, Refusal, lifecycle_register

from .models import ExportRequest, ExportStatus, Resident, ResidentEvent, ResidentEventKind, ResidentStatus


def resident_event_write(
    resident: Resident,
    *,
    actor,
    verb: str,
    from_state: str,
    to_state: str,
    note: str = "",
    happened_on,
    from_area=None,
    to_area=None,
) -> ResidentEvent:
    return ResidentEvent.objects.create(
        resident=resident,
        kind=verb,
        happened_on=happened_on,
        note=note,
        from_area=from_area,
        to_area=to_area,
        recorded_by=actor,
    )


NOT_NOW = Refusal(_("该居民当前状态为“%(state)s”，不能登记“%(verb)s”。"), "status", field="kind")
ACTIVE, MOVED_OUT = ResidentStatus.ACTIVE, ResidentStatus.MOVED_OUT
KIND = dict(ResidentEventKind.choices)

RESIDENT = lifecycle_register(
    Lifecycle(
        model="residents.Resident",
        field="status",
        states=dict(ResidentStatus.choices),
        initial=ACTIVE,
        closed=frozenset({ResidentStatus.DECEASED}),
        touch=("updated_at",),
        event=resident_event_write,
        error=DomainError,
        moves=tuple(
            Move(verb, sources, target, KIND[verb], permission="residents.change_resident", refused=NOT_NOW)
            for verb, sources, target in (
                (ResidentEventKind.MOVED, frozenset({ACTIVE}), ACTIVE),
                (ResidentEventKind.MOVED_OUT, frozenset({ACTIVE}), MOVED_OUT),
                (ResidentEventKind.RETURNED, frozenset({MOVED_OUT}), ACTIVE),
                (ResidentEventKind.DECEASED, frozenset({ACTIVE, MOVED_OUT}), ResidentStatus.DECEASED),
            )
        ),
    )
)


def _not_expired(request: ExportRequest) -> bool:
    return not request.is_expired(timezone.now())


NOT_EXPIRED = Guard(_not_expired, Refusal(_("该申请已过期，请重新申请。"), "expired"))
DECIDED = Refusal(_("该申请当前为“%(state)s”，不能再审批。"), "decided")

EXPORT_REQUEST = lifecycle_register(
    Lifecycle(
        model="residents.ExportRequest",
        field="status",
        states=dict(ExportStatus.choices),
        initial=ExportStatus.PENDING,
        closed=frozenset({ExportStatus.REFUSED, ExportStatus.DOWNLOADED}),
        error=DomainError,
        moves=(
            Move(
                "approve",
                frozenset({ExportStatus.PENDING}),
                ExportStatus.APPROVED,
                _("批准"),
                permission="residents.approve_export",
                guards=(NOT_EXPIRED,),
                refused=DECIDED,
            ),
            Move(
                "refuse",
                frozenset({ExportStatus.PENDING}),
                ExportStatus.REFUSED,
                _("不批准"),
                permission="residents.approve_export",
                guards=(NOT_EXPIRED,),
                refused=DECIDED,
            ),
            Move(
                "download",
                frozenset({ExportStatus.APPROVED}),
                ExportStatus.DOWNLOADED,
                _("下载"),
                permission="residents.request_export",
                guards=(NOT_EXPIRED,),
                refusals={
                    ExportStatus.DOWNLOADED: Refusal(
                        _("该文件已下载过，每次批准只能下载一次。如需再次导出，请重新申请。"), "downloaded"
                    )
                },
                refused=Refusal(_("该申请当前为“%(state)s”，不能下载。"), "not_approved"),
            ),
        ),
    )
)
