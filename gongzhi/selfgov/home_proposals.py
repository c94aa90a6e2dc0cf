"""The proposals' sections of the signed-in home page (registered from SelfgovConfig.ready).

A resident sees the proposals gathering signatures in their community; the
community's staff, the township office and the supervisory committee see the
proposals waiting for an answer and the meetings they made due (overdue
ones counted). Counts of what waits, never of people or clicks.
"""

from django.db.models import Count, Q
from django.utils import timezone

from .models import ProposalState
from .selectors import proposals as selectors

SHOWN = 5


def resident_section(viewer) -> dict | None:
    resident = selectors.resident_of(viewer)
    if resident is None:
        return None
    gathering = list(
        selectors.proposals_public(resident.community).filter(state=ProposalState.GATHERING)[:SHOWN]
    )
    return {"community": resident.community, "proposals": gathering}


def watcher_section(viewer) -> dict | None:
    if not viewer.has_perm("proposals.watch"):
        return None
    today = timezone.localdate()
    counts = (
        selectors.proposals_due_for(viewer=viewer)
        .order_by()
        .aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(meeting_due_on__lt=today)))
    )
    waiting = selectors.proposals_waiting_for(viewer=viewer).order_by().count()
    if not counts["total"] and not waiting:
        return None
    return {"due": counts["total"], "overdue": counts["overdue"], "waiting": waiting}
