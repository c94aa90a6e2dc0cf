"""Reads of a case's own parts, and the engine's routing: whose queue a case is in, which moves a user may make.

For a case's parts the feature's selector has already decided that the
viewer may see the case.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone

from gongzhi.accounts.scopes import routed_q, routes_to
from gongzhi.core.errors import NotFound
from gongzhi.core.pii import pii_redact

from .models import Case, CaseAttachment, CaseMessage
from .workflow import CaseType, case_type_of


def case_routed_q(viewer, case_type: CaseType, *, states: Iterable[str] | None = None, prefix: str = "") -> Q:
    """The cases of `case_type` in `states` (default: its waiting states) routed to `viewer`.

    A case in state S is routed to the holders of the roles acting in S
    (`CaseType.roles_in`) over the case's area; a case that belongs to a
    department only to those holding the role in that department, or
    holding it without a department (over the whole area). `prefix` is
    the path to the case from the queried model ("case__").
    """
    by_roles: dict[frozenset[str], list[str]] = {}
    for state in states if states is not None else sorted(case_type.waiting_states):
        by_roles.setdefault(case_type.roles_in(state), []).append(state)
    query = Q(pk__in=[])
    for roles, group in by_roles.items():
        query |= Q(**{f"{prefix}state__in": group}) & routed_q(
            viewer, roles, f"{prefix}area_path", f"{prefix}department"
        )
    return Q(**{f"{prefix}kind": case_type.kind}) & query


def case_routed_to(viewer, case: Case) -> bool:
    """Whether `case`, in its current state, is routed to `viewer` (see `case_routed_q`)."""
    roles = case_type_of(case.kind).roles_in(case.state)
    return routes_to(viewer, roles, case.area_path, case.department_id)


def case_moves_for(subject: Any, user, *, now: dt.datetime | None = None) -> list[str]:
    """The moves `user` may make now on `subject` (a case, or a feature's row with its `.case`), in declared order.

    From the case's state, the moves its type declares; each is the user's
    when its permission holds (asked with `subject`) or, for a move without
    one, when the case is routed to them; then the move's own check (a
    period, a fact). Last, "rate", when the type lets the author rate in
    this state and the case is not rated yet.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    case = getattr(subject, "case", subject)
    case_type = case_type_of(case.kind)
    now = now or timezone.now()
    allowed = []
    for move in case_type.moves:
        if case.state not in move.sources or not move.manual:
            continue
        permitted = user.has_perm(move.perm, subject) if move.perm else case_routed_to(user, case)
        if permitted and (move.check is None or move.check(user, subject, now)):
            allowed.append(move.verb)
    rateable = case.state in case_type.rate_states and case.rating is None and case_type.rate_perm
    if rateable and user.has_perm(case_type.rate_perm, subject):
        allowed.append("rate")
    return allowed


def case_attachments(case: Case) -> list[CaseAttachment]:
    return list(CaseAttachment.objects.filter(case=case).select_related("photo").order_by("added_at", "id"))


def case_attachment_get(case: Case, attachment_id: int) -> CaseAttachment:
    """One photo of this case; another case's photo id answers like a missing one."""
    attachment = CaseAttachment.objects.filter(pk=attachment_id, case=case).select_related("photo").first()
    if attachment is None:
        raise NotFound()
    return attachment


def case_public_text(case: Case, text: str) -> str:
    """`text` as a public page shows it: personal numbers redacted unless staff released them with a reason.

    The last line of defence: text that reached a public page without
    moderation (an older wish, a note added after publishing) is redacted
    on the way out, whatever is stored.
    """
    return text if case.pii_released else pii_redact(text)


def case_messages(case: Case) -> list[CaseMessage]:
    """The case's private thread, oldest first, with each author."""
    return list(CaseMessage.objects.filter(case=case).select_related("author").order_by("at", "id"))
