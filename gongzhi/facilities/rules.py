"""Who may do what with the facilities. Whether it is possible *now* is the actions' answer.

Objects: a facility or community (keeping, reading the gap), a township (its standard), a booking (deciding,
cancelling). Which facilities a person sees at all — their communities' and the neighbours' shared ones — is the
selectors' answer (`facility_get_for`: anything else is 404).
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import KEEPERS, READERS, STANDARD_SETTERS


@rules.predicate
def is_booker(user, obj=None) -> bool:
    """The user booked `obj` (a booking) for themselves, or it was booked for their account."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk in (getattr(obj, "user_id", None), getattr(obj, "booked_by_id", None))


keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)

rules.add_perm("facilities.browse", rules.is_authenticated)
rules.add_perm("facilities.book", rules.is_authenticated)
rules.add_perm("facilities.view", reader)
rules.add_perm("facilities.export", reader)
rules.add_perm("facilities.keep", keeper)
rules.add_perm("facilities.decide", keeper)
rules.add_perm("facilities.assist", keeper)
rules.add_perm("facilities.set_standard", holds_role_over(STANDARD_SETTERS))
rules.add_perm("facilities.keep_types", holds_role_over(STANDARD_SETTERS))
rules.add_perm("facilities.cancel_booking", is_booker | keeper)
