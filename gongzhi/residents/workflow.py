"""The lifecycle of a resident in the register, as data (gongzhi.core.lifecycle).

    active ──moved──▶ active            (迁居: to another grid or building)
       ├──moved_out──▶ moved_out ──returned──▶ active
       └──deceased──▶ deceased ◀──deceased── moved_out

Registering (登记) creates the resident, active. Each move writes a
`ResidentEvent` (kind = the move's verb, the day it happened, from and to
where) and an audit row; a resident is never deleted.
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError
from gongzhi.core.lifecycle import Lifecycle, Move, Refusal, lifecycle_register

from .models import Resident, ResidentEvent, ResidentEventKind, ResidentStatus


def resident_event_write(resident: Resident, *, actor, verb: str, from_state: str, to_state: str, note: str = "",
                         happened_on, from_area=None, to_area=None) -> ResidentEvent:  # fmt: skip
    return ResidentEvent.objects.create(
        resident=resident, kind=verb, happened_on=happened_on, note=note, from_area=from_area, to_area=to_area,
        recorded_by=actor,
    )  # fmt: skip


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
