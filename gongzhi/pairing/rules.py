"""Who may do what with pairing. Whether it is possible *now* is the actions' answer.

The objects: a community or household (pairing, declining), a pair (its visits), an area (the aim). A pair's own
party member — the register entry linked to the user's account — records visits to their household
(`is_pair_member`); the household's own residents choose or decline on their page (checked in the actions: it is
about the register, not a role).
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import AIM_SETTERS, KEEPERS, READERS


@rules.predicate
def is_pair_member(user, obj=None) -> bool:
    """The user's register entry is the party member of the pair `obj`."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    member = getattr(obj, "member", None)
    return member is not None and member.user_id == user.pk


keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)

rules.add_perm("pairing.view", reader)
rules.add_perm("pairing.export", reader)
rules.add_perm("pairing.keep", keeper)
rules.add_perm("pairing.set_aim", holds_role_over(AIM_SETTERS))
rules.add_perm("pairing.visit", keeper | is_pair_member)
