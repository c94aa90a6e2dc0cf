"""Who may do what with micro-services. Whether it is possible *now* (state, time, places) is the actions' answer."""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.scopes import paths_for

from .roles import BOOKERS, OFFER_ASSISTERS, OFFER_MODERATORS, OFFER_STAFF, OFFERERS


def _offer(obj):
    return getattr(obj, "offer", obj)


@rules.predicate
def is_offerer(user, obj=None) -> bool:
    return obj is not None and user.is_authenticated and _offer(obj).offerer_id == user.pk


@rules.predicate
def is_booker(user, obj=None) -> bool:
    """The booking is for this account, or this account typed it for a resident."""
    return (
        obj is not None
        and user.is_authenticated
        and user.pk in (getattr(obj, "user_id", None), getattr(obj, "booked_by_id", None))
    )


@rules.predicate
def offerer_in_community(user, community=None) -> bool:
    """A party member or volunteer of this community: the role is held over it, or over a part of it.

    With no object: anywhere (the form then offers their communities).
    """
    paths = paths_for(user, OFFERERS)
    if community is None:
        return bool(paths)
    target = getattr(community, "scope_path", "") or ""
    return bool(target) and any(target.startswith(p) or p.startswith(target) for p in paths)


moderator = holds_role_over(OFFER_MODERATORS)
assister = holds_role_over(OFFER_ASSISTERS)
staff = holds_role_over(OFFER_STAFF)

# Publishing: over the community the offer is for (obj = that community Area).
rules.add_perm("offers.publish", offerer_in_community)
# A resident books a place for themselves on any open offer (the offers are public).
rules.add_perm("offers.book_own", holds_role_over(BOOKERS))
# A clerk books for a resident of the register in their scope (obj = the Resident).
rules.add_perm("offers.book_assisted", assister)
rules.add_perm("offers.cancel_booking", is_booker | assister)
rules.add_perm("offers.cancel", is_offerer | moderator)
rules.add_perm("offers.serve", is_offerer)
# The list of bookings: the offerer (to prepare the service) and staff over the offer.
rules.add_perm("offers.view_bookings", is_offerer | staff)
# A booker's full name (obj = the booking): the booker, and staff over the booked resident only.
# The offerer sees a masked name (王**) and the count — enough to prepare; PIPL: no more than the task needs.
rules.add_perm("offers.see_booker", is_booker | staff)
