"""The trail as one viewer may read it: a sentence per row, names masked where they must be.

Audit rows keep what happened in full (who, to whom): the audit
administrator has to be able to tell people apart. Everyone else who reads
the trail — a supervisory committee member (监委会) over their community —
sees a private person's name the way the rest of the app shows it to a role
without the right to read the register: the surname and ** (王**, as the
offerer of a micro-service sees whoever booked). Masked are

* residents of the register (target `residents.resident`) and household
  numbers (`residents.household`);
* accounts of private persons — anyone who holds no role but 居民 — as
  actor or as target. Cadres, clerks, party members and volunteers act in a
  public capacity and are named: supervising them is what the trail is for;
* the values of a resident's changed fields (the sentence names the fields).

A viewer who does read the register over the row's area (a supervisor who
is also community staff) sees the names there. The decision is made here,
once, for the list page and the Excel export alike.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _

from gongzhi.accounts.models import RoleAssignment
from gongzhi.accounts.roles import REGISTER_READERS, Role
from gongzhi.accounts.scopes import covers, paths_for
from gongzhi.core.masking import mask_name

from .models import AuditEvent
from .sentences import Facts, sentence_for

_CASE_LABEL = re.compile(r"^[a-z_]+#\d+ ")  # Case.__str__: "wish#12 帮忙修水管"
_PERSON_TARGETS = frozenset({"residents.resident", "residents.household", "accounts.user"})


def _person_name(label: str) -> str:
    """The name part of a person's label: "王五(wangwu)" / "王五(**************1234)" → 王五."""
    return label.split("(", 1)[0]


@dataclass(frozen=True)
class AuditLine:
    event: AuditEvent
    actor: str
    target: str
    target_kind: str
    area: str
    sentence: str
    masked: bool


@dataclass(frozen=True)
class Reader:
    """What one viewer may see of names in the trail."""

    everywhere: bool
    register_paths: tuple[str, ...]

    @classmethod
    def of(cls, viewer) -> "Reader":
        return cls(
            everywhere=bool(paths_for(viewer, {Role.AUDIT_ADMIN})),
            register_paths=tuple(paths_for(viewer, REGISTER_READERS)),
        )

    def sees_names(self, event: AuditEvent) -> bool:
        return self.everywhere or covers(self.register_paths, event.area_path)


def _target_kind(event: AuditEvent) -> str:
    if not event.target_type:
        return ""
    try:
        kind = str(apps.get_model(event.target_type)._meta.verbose_name)
    except (LookupError, ValueError):
        kind = event.target_type
    return f"{kind} #{event.target_id}" if event.target_id else kind


def _public_persons(events: list[AuditEvent]) -> set[int]:
    """Users among the page's actors and targets who hold a role other than 居民: named in full."""
    ids = {e.actor_id for e in events if e.actor_id}
    ids |= {int(e.target_id) for e in events if e.target_type == "accounts.user" and e.target_id.isdigit()}
    if not ids:
        return set()
    holders = RoleAssignment.objects.filter(user_id__in=ids).exclude(role=Role.RESIDENT)
    return set(holders.values_list("user_id", flat=True).distinct())


def _target_label(event: AuditEvent, *, masked: bool, public: set[int]) -> str:
    label = event.target_label
    if event.target_type == "cases.case":
        return _CASE_LABEL.sub("", label)
    if not masked or event.target_type not in _PERSON_TARGETS:
        return label
    if event.target_type == "residents.household":
        return _("户（编号已隐去）")
    if event.target_type == "accounts.user" and event.target_id.isdigit() and int(event.target_id) in public:
        return label
    return mask_name(_person_name(label))


def _actor_label(event: AuditEvent, *, masked: bool, public: set[int]) -> str:
    if not masked or event.actor_id is None or event.actor_id in public:
        return event.actor_label
    return mask_name(_person_name(event.actor_label))


def audit_lines_for(*, viewer, events: Iterable[AuditEvent]) -> list[AuditLine]:
    """The rows as `viewer` may read them (one query for the page, whatever its length)."""
    rows = list(events)
    reader = Reader.of(viewer)
    masked_rows = {e.pk for e in rows if not reader.sees_names(e)}
    public = _public_persons([e for e in rows if e.pk in masked_rows]) if masked_rows else set()
    lines = []
    for event in rows:
        masked = event.pk in masked_rows
        target = _target_label(event, masked=masked, public=public)
        actor = _actor_label(event, masked=masked, public=public)
        area = event.area.name if event.area_id and event.area else ""
        facts = Facts(
            verb=event.verb,
            summary=event.summary if isinstance(event.summary, dict) else {"summary": event.summary},
            target=target,
            target_type=event.target_type,
            actor=actor,
            area=area,
            success=event.success,
            masked=masked,
        )
        lines.append(
            AuditLine(
                event=event,
                actor=actor,
                target=target,
                target_kind=_target_kind(event),
                area=area,
                sentence=sentence_for(facts),
                masked=masked,
            )
        )
    return lines
