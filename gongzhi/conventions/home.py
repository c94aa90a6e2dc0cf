"""The convention section of the signed-in home page (registered in ConventionsConfig.ready)."""

from django.utils import timezone

from . import selectors

SHOWN = 5


def work_section(viewer) -> dict | None:
    """Revisions waiting for the viewer (drafting or reviewing), by the campaign's deadline."""
    if not viewer.has_perm("conventions.view"):
        return None
    rows = list(selectors.revisions_waiting_for(viewer=viewer)[: SHOWN * 4])
    today = timezone.localdate()
    overdue = 0
    for revision in rows:
        late = revision.campaign.deadline < today
        setattr(revision, "overdue", late)  # noqa: B010
        overdue += late
    return {"rows": rows[:SHOWN], "total": len(rows), "overdue": overdue}
