"""The situation-note sections of the signed-in home page (registered in SituationsConfig.ready)."""

from django.db.models import Count, Q
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for

from . import selectors
from .actions import SITUATION
from .rules import SITUATION_HANDLERS

SHOWN = 5


def _labelled(notes) -> list:
    notes = list(notes)
    for note in notes:
        note.state_label = SITUATION.state_label(note.case.state)
    return notes


def queue_section(viewer) -> dict | None:
    """Handlers: the notes waiting for them, how many are overdue, the next ones due."""
    if not paths_for(viewer, SITUATION_HANDLERS):
        return None
    queue = selectors.queue_for(viewer=viewer)
    now = timezone.now()
    counts = queue.order_by().aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(case__due_at__lt=now))
    )
    rows = _labelled(queue[:SHOWN])
    for note in rows:
        note.overdue = selectors.is_overdue(note, now=now)
    return {"rows": rows, "total": counts["total"], "overdue": counts["overdue"]}


def mine_section(viewer) -> dict | None:
    """The notes the viewer wrote (or typed for a resident), latest change first."""
    if not viewer.has_perm("situations.post"):
        return None
    return {"notes": _labelled(selectors.mine_for(viewer=viewer)[:SHOWN])}
