"""The public board's section of the signed-in home page (registered in DisclosuresConfig.ready): for community
staff, what is overdue on the boards they publish (five queries, whatever the number of communities)."""

from . import selectors
from .roles import PUBLISHERS

SHOWN = 10


def work_section(viewer) -> dict | None:
    if not viewer.has_perm("disclosures.publish"):
        return None
    communities = list(selectors.communities_for(viewer=viewer, roles=PUBLISHERS)[:SHOWN])
    statuses = selectors.board_statuses(communities)
    return {"statuses": statuses, "overdue": sum(status.overdue_count for status in statuses)}
