"""The points' section of the signed-in home page (registered from PointsConfig.ready): for a community's staff,
the entries waiting for their approval (entered by someone else) and the appeals to answer; for a household's
member, their household's balance and ledger. Counts of work, never of people; no ranking. Nothing at all while
no township has the points on."""

from . import selectors


def work_section(viewer) -> dict | None:
    """Staff: what waits for them. A household's member, where the township has the points on: a link to the
    household's own ledger and its balance (their own figure, never anyone else's)."""
    if not selectors.townships_on_cached():
        return None  # off everywhere (the default): no section, and no query for it
    pending = appeals = 0
    if viewer.has_perm("points.keep"):
        pending = selectors.pending_count_for(viewer=viewer)
        appeals = selectors.open_appeals_count_for(viewer=viewer)
    own = [
        (h, selectors.balance_of(h))
        for h in selectors.own_households(viewer)
        if selectors.points_enabled(h.community)
    ]
    if not (pending or appeals or own):
        return None
    return {"pending": pending, "appeals": appeals, "own": own}
