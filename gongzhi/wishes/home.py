"""The wish sections of the signed-in home page (registered in WishesConfig.ready).

Read through this app's selectors, scoped to the viewer. A helper's list of
wishes to claim shows titles as the public wall does (personal data
redacted, no wisher); staff see their queue's size, what is overdue and
what is due next. Nothing here names a wisher.
"""

from django.db.models import Count, F, Q
from django.utils import timezone

from gongzhi.accounts.scopes import paths_for, scope_q

from . import selectors
from .actions import WISH
from .models import Wish
from .rules import WISH_HELPERS, WISH_STAFF

SHOWN = 5


def _titled(wishes, *, private: bool) -> list[Wish]:
    for wish in wishes:
        wish.home_title = selectors.public_text(wish, wish.case.title, private=private)
        wish.state_label = WISH.state_label(wish.case.state)
    return list(wishes)


def queue_section(viewer) -> dict | None:
    """Staff: the open wishes in their communities, how many are overdue, the next ones due."""
    paths = paths_for(viewer, WISH_STAFF)
    if not paths:
        return None
    queue = selectors.queue_for(viewer=viewer)
    now = timezone.now()
    counts = queue.order_by().aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(case__due_at__lt=now))
    )
    rows = _titled(queue[:SHOWN], private=True)
    for wish in rows:
        setattr(wish, "overdue", wish.case.due_at is not None and wish.case.due_at < now)  # noqa: B010
    return {"rows": rows, "total": counts["total"], "overdue": counts["overdue"]}


def helper_section(viewer) -> dict | None:
    """A party member or volunteer: their claims by deadline, and published wishes of their communities to claim
    (the public ones as on the wall, and the restricted ones kept off it, without their story)."""
    paths = paths_for(viewer, WISH_HELPERS)
    if not paths:
        return None
    claims = (
        Wish.objects.select_related("case")
        .filter(claimer=viewer, case__state__in=("claimed", "fulfilled"))
        .order_by(F("claim_due_at").asc(nulls_last=True), "case_id")
    )
    public = (
        selectors.wall_for(state="published")
        .filter(scope_q(paths, "case__area_path"))
        .exclude(case__author=viewer)
        .order_by("-case__created_at", "-case_id")
    )
    return {
        "claims": _titled(claims[: SHOWN * 2], private=True),
        "to_claim": _titled(public[:SHOWN], private=False),
        "restricted": _titled(selectors.restricted_for(viewer=viewer, limit=SHOWN), private=False),
    }


def mine_section(viewer) -> dict | None:
    """Wishes the viewer posted (for themselves or for a resident), latest change first."""
    can_post = viewer.has_perm("wishes.post_own") or viewer.has_perm("wishes.post_assisted")
    wishes = _titled(
        selectors.mine_for(viewer=viewer).filter(Q(case__author=viewer) | Q(case__submitted_by=viewer))[
            :SHOWN
        ],
        private=True,
    )
    if not wishes and not can_post:
        return None
    return {"wishes": wishes, "can_post": viewer.has_perm("wishes.post_own")}
