"""The decisions' section of the signed-in home page (registered from SelfgovConfig.ready): what waits for the
viewer — the staff's next stage or publication, the supervisory committee's execution to watch — and the
objections left unanswered past their 7 days. Counts of work, never of people."""

from django.utils import timezone

from .selectors import decisions as selectors

SHOWN = 5
STAFF_WAITING = ("proposal", "consultation", "review", "resolution", "disclosure", "result")


def work_section(viewer) -> dict | None:
    keep, supervise = viewer.has_perm("selfgov.keep_decision"), viewer.has_perm("selfgov.supervise_decision")
    if not (keep or supervise):
        return None
    states = (*(STAFF_WAITING if keep else ()), *(("executing",) if supervise or keep else ()))
    found = selectors.decisions_for(viewer=viewer).filter(state__in=states).order_by("started_at", "pk")
    rows = list(found[: SHOWN * 4])
    overdue = selectors.objections_overdue_for(viewer=viewer, now=timezone.now()) if keep else 0
    return {"rows": rows[:SHOWN], "total": len(rows), "overdue": overdue}
