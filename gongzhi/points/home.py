"""The points' section of the signed-in home page (registered from PointsConfig.ready): for a community's staff,
the entries waiting for their approval (entered by someone else) and the appeals to answer. Counts of work,
never of people."""

from . import selectors


def work_section(viewer) -> dict | None:
    if not viewer.has_perm("points.keep"):
        return None
    pending = selectors.pending_count_for(viewer=viewer)
    appeals = selectors.open_appeals_count_for(viewer=viewer)
    if not (pending or appeals):
        return None
    return {"pending": pending, "appeals": appeals}
