"""Reads of a case's own parts, and the engine's routing: whose queue a case is in, which moves a user may make.

For a case's parts the feature's selector has already decided that the
viewer may see the case.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.accounts.scopes import department_ids_for, role_grants, routed_q, routes_to
from gongzhi.core.errors import NotFound
from gongzhi.core.pii import pii_redact

from .models import Case, CaseAttachment, CaseEvent, CaseMessage, Escalation, EscalationTarget
from .workflow import CaseType, case_type_of


def case_routed_q(viewer, case_type: CaseType, *, states: Iterable[str] | None = None, prefix: str = "") -> Q:
    """The cases of `case_type` in `states` (default: its waiting states) routed to `viewer`.

    A case in state S is routed to the holders of the roles acting in S
    (`CaseType.roles_in`) over the case's area; a case that belongs to a
    department only to those holding the role in that department, or
    holding it without a department (over the whole area). `prefix` is
    the path to the case from the queried model ("case__").
    """
    by_roles: dict[tuple[frozenset[str], frozenset[str]], list[str]] = {}
    for state in states if states is not None else sorted(case_type.waiting_states):
        by_roles.setdefault((case_type.roles_in(state), case_type.levels_in(state)), []).append(state)
    query = Q(pk__in=[])
    for (roles, levels), group in by_roles.items():
        query |= Q(**{f"{prefix}state__in": group}) & routed_q(
            viewer, roles, f"{prefix}area_path", f"{prefix}department", held_at=_held_at(viewer, levels)
        )
    return Q(**{f"{prefix}kind": case_type.kind}) & query


def _held_at(viewer, levels: frozenset[str]):
    """None for any level; else a test of a role's area path: is that area of one of `levels`' kinds?"""
    if not levels:
        return None
    from gongzhi.areas.models import Area

    paths = {path for _, path, _ in role_grants(viewer)}
    at_level = set(Area.objects.filter(path__in=paths, kind__in=levels).values_list("path", flat=True))
    return at_level.__contains__


def case_routed_to(viewer, case: Case) -> bool:
    """Whether `case`, in its current state, is routed to `viewer` (see `case_routed_q`)."""
    case_type = case_type_of(case.kind)
    roles, levels = case_type.roles_in(case.state), case_type.levels_in(case.state)
    return routes_to(viewer, roles, case.area_path, case.department_id, held_at=_held_at(viewer, levels))


def case_routed_users(case: Case) -> QuerySet:
    """The active users `case`, in its current state, is routed to (see `case_routed_q`): whom to tell it arrived."""
    from gongzhi.accounts.models import RoleAssignment, User
    from gongzhi.accounts.scopes import SEGMENT

    case_type = case_type_of(case.kind)
    ancestors = [case.area_path[:end] for end in range(SEGMENT, len(case.area_path) + 1, SEGMENT)]
    grants = RoleAssignment.objects.filter(
        role__in=case_type.roles_in(case.state), area_path__in=ancestors
    ).filter(Q(department__isnull=True) | Q(department_id=case.department_id))
    levels = case_type.levels_in(case.state)
    if levels:
        grants = grants.filter(area__kind__in=levels)
    return User.objects.filter(pk__in=grants.values("user_id"), is_active=True)


def case_moves_for(subject: Any, user, *, now: dt.datetime | None = None) -> list[str]:
    """The moves `user` may make now on `subject` (a case, or a feature's row with its `.case`), in declared order.

    From the case's state, the moves its type declares; each is the user's
    when its permission holds (asked with `subject`) or, for a move without
    one, when the case is routed to them (never to its author, where the type
    says `recusal`); then the move's own check (a period, a fact). Last,
    "rate", when the type lets the author rate in this state and the case is
    not rated yet.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    case = getattr(subject, "case", subject)
    case_type = case_type_of(case.kind)
    now = now or timezone.now()
    allowed = []
    recused = case_type.recusal and case.author_id == user.pk
    for move in case_type.moves:
        if case.state not in move.sources or not move.manual:
            continue
        if move.permission:
            permitted = user.has_perm(move.permission, subject)
        else:
            permitted = not recused and case_routed_to(user, case)
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


# --- Escalations (吹哨) --------------------------------------------------------------------


def case_timeline(case: Case, *, private: bool = True, author_alias: str = "") -> list[dict]:
    """Every move of the case, oldest first: when, the move, the state it led to, who, and its note.

    `private` is whether the viewer is one the case concerns (its author,
    whoever typed it for them, its handlers), as the feature's rules decide.
    To anyone else the notes are left out (replies and reasons may name
    people) and the author and submitter appear only as `author_alias`
    (e.g. 许愿人), never by name.
    """
    case_type = case_type_of(case.kind)
    hidden = set() if private else {case.author_id, case.submitted_by_id} - {None}
    rows = []
    for event in CaseEvent.objects.filter(case=case).select_related("actor"):
        if event.actor is None:
            who = _("系统")
        elif event.actor_id in hidden:
            who = author_alias
        else:
            who = str(event.actor)
        rows.append(
            {
                "at": event.at,
                "verb": case_type.verb_label(event.verb),
                "to": case_type.state_label(event.to_state) if event.to_state else "",
                "who": who,
                "note": event.note if private else "",
            }
        )
    return rows


def case_escalations(case: Case) -> list[Escalation]:
    """Every escalation of the case, oldest first, with the departments called and their replies."""
    escalations = list(
        Escalation.objects.filter(case=case)
        .select_related("raised_by", "closed_by")
        .order_by("created_at", "id")
    )
    targets = EscalationTarget.objects.filter(escalation__in=escalations).select_related(
        "department", "replied_by"
    )
    by_escalation: dict[int, list[EscalationTarget]] = {}
    for target in targets.order_by("id"):
        by_escalation.setdefault(target.escalation_id, []).append(target)
    for escalation in escalations:
        escalation.called = by_escalation.get(escalation.pk, [])  # type: ignore[attr-defined]
    return escalations


def case_open_escalation(case: Case) -> Escalation | None:
    return Escalation.objects.filter(case=case, closed_at=None).first()


def escalation_target_get_for(*, viewer, case: Case, target_id: int) -> EscalationTarget:
    """A department's place in an escalation of `case`; another case's answers like a missing one."""
    target = (
        EscalationTarget.objects.filter(pk=target_id, escalation__case=case)
        .select_related("escalation__case", "department")
        .first()
    )
    if target is None:
        raise NotFound()
    return target


ESCALATION_STATUSES = ("waiting", "answered", "all")


def escalation_targets_for(*, viewer, status: str = "waiting") -> QuerySet[EscalationTarget]:
    """The calls to the viewer's departments: "waiting" for their reply (earliest due first), "answered"
    by them (latest reply first) or "all" (latest call first). No department: none."""
    ids = department_ids_for(viewer)
    query = EscalationTarget.objects.filter(department_id__in=ids).select_related(
        "department", "escalation__case__community", "escalation__raised_by", "replied_by"
    )
    if status == "waiting":
        return query.filter(replied_at=None, escalation__closed_at=None).order_by("escalation__due_at", "id")
    if status == "answered":
        return query.exclude(replied_at=None).order_by("-replied_at", "-id")
    return query.order_by("-escalation__created_at", "-id")


def escalation_targets_waiting_for(*, viewer) -> QuerySet[EscalationTarget]:
    """The escalations waiting for a reply from the viewer's departments, earliest due first."""
    return escalation_targets_for(viewer=viewer, status="waiting")


def escalation_target_for(*, viewer, target_id: int) -> EscalationTarget:
    """One call to one of the viewer's departments (waiting, answered or ended); any other answers like a
    missing one (NotFound), so ids cannot be probed."""
    target = (
        escalation_targets_for(viewer=viewer, status="all")
        .select_related("escalation__case__resident", "escalation__case__author", "escalation__closed_by")
        .filter(pk=target_id)
        .first()
    )
    if target is None:
        raise NotFound()
    return target


def escalation_counts_for(viewer, *, now: dt.datetime) -> tuple[int, int]:
    """(waiting, overdue) escalations for the viewer's departments."""
    if not department_ids_for(viewer):
        return 0, 0
    row = (
        escalation_targets_waiting_for(viewer=viewer)
        .order_by()
        .aggregate(waiting=Count("id"), overdue=Count("id", filter=Q(escalation__due_at__lt=now)))
    )
    return row["waiting"], row["overdue"]


def escalations_home_section(viewer) -> dict | None:
    """A department's staff on the home page: the escalations waiting for their reply (none: no section)."""
    if not department_ids_for(viewer):
        return None
    waiting, overdue = escalation_counts_for(viewer, now=timezone.now())
    return {"total": waiting, "overdue": overdue} if waiting else None


def case_detail_url(case: Case) -> str:
    """The page of one case, by its type's `detail_url` (empty when the type has none)."""
    name = case_type_of(case.kind).detail_url
    return reverse(name, args=[case.pk]) if name else ""
