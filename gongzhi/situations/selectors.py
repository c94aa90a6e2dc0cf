"""Reads of situation notes: the handlers' queue, the author's own notes, one note — never anyone else's."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.areas.selectors import area_choices_for, departments_of
from gongzhi.cases.selectors import case_routed_q
from gongzhi.core.authz import can
from gongzhi.core.errors import NotFound

from .models import SituationNote
from .roles import GRID_REPORTERS
from .workflow import REPORT_AREA_KINDS, SITUATION


def _base() -> QuerySet[SituationNote]:
    return SituationNote.objects.select_related("case", "case__community")


def queue_for(*, viewer, state: str | None = None, category: str | None = None) -> QuerySet[SituationNote]:
    """The notes waiting for the viewer as a handler (or one state's), routed to them, earliest due first."""
    query = _base().filter(
        case_routed_q(viewer, SITUATION, states=[state] if state else None, prefix="case__")
    )
    if category:
        query = query.filter(category=category)
    return query.select_related("case__resident", "case__author", "case__assignee").order_by(
        "case__due_at", "case__created_at", "case_id"
    )


def mine_for(*, viewer) -> QuerySet[SituationNote]:
    if not viewer.is_authenticated:
        return SituationNote.objects.none()
    return (
        _base()
        .filter(Q(case__author=viewer) | Q(case__submitted_by=viewer), case__kind=SITUATION.kind)
        .order_by("-case__updated_at", "-case_id")
    )


def situation_get_for(*, viewer, situation_id: int) -> SituationNote:
    """A note the viewer wrote or handles; missing and not-yours answer alike (NotFound)."""
    situation = (
        _base()
        .select_related(
            "case__resident", "case__author", "case__submitted_by", "case__assignee", "replied_by"
        )
        .filter(pk=situation_id)
        .first()
    )
    if situation is None or not viewer.is_authenticated or not can(viewer, "situations.view", situation):
        raise NotFound()
    return situation


def escalation_department_choices(situation: SituationNote) -> list[tuple[int, str]]:
    """The departments of the note's township that its handlers may call (吹哨)."""
    return [(d.pk, d.name) for d in departments_of(situation.case.community)]


def report_area_choices_for(*, viewer) -> list[tuple[int, str]]:
    """The grids and buildings a grid worker may name as a note's place (empty for everyone else)."""
    return area_choices_for(viewer=viewer, kinds=REPORT_AREA_KINDS, roles=GRID_REPORTERS)


def author_label(situation: SituationNote) -> str:
    """Who wrote the note: their name in the register, else their account. Only viewers of the note see it."""
    case = situation.case
    if case.resident is not None:
        return case.resident.name
    return str(case.author) if case.author is not None else ""


def is_overdue(situation: SituationNote, *, now: dt.datetime | None = None) -> bool:
    due = situation.case.due_at
    return due is not None and due < (now or timezone.now())
