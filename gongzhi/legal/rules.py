"""Who may do what with legal rosters, consultations and 民主法治示范村 applications. Whether it is possible *now*
is the actions' answer.

The objects: a community (adding to its roster, publishing its slots, applying), or the record itself, whose
`scope_path` is its community's. The village's legal adviser, when their roster entry is linked to their
account, publishes their own slots and records their consultations (`advises`); they read no roster.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import APPLICANTS, BOOKERS, BOOKING_ASSISTERS, DECIDERS, KEEPERS, READERS
from .selectors import adviser_communities_of


@rules.predicate
def advises(user, obj=None) -> bool:
    """The user is the in-office legal adviser of the object's community (of any community, without one)."""
    communities = adviser_communities_of(user)
    if obj is None:
        return bool(communities)
    community_id = obj.pk if hasattr(obj, "community_type") else getattr(obj, "community_id", None)
    return community_id in communities


keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)
booker = holds_role_over(BOOKERS)

rules.add_perm("legal.view", reader)
rules.add_perm("legal.keep", keeper)
rules.add_perm("legal.set_target", holds_role_over(DECIDERS))  # the object: the township
rules.add_perm("legal.consult", keeper | advises)  # publish slots, record consultations
rules.add_perm("legal.consultations", reader | advises)  # the consultation pages
rules.add_perm("legal.book", booker)
rules.add_perm("legal.book_assisted", holds_role_over(BOOKING_ASSISTERS))  # the object: the resident
rules.add_perm("legal.apply", holds_role_over(APPLICANTS))
rules.add_perm("legal.decide", holds_role_over(DECIDERS))
