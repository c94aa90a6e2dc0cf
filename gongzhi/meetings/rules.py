"""Who may record a meeting: the kernel's permission over the area, for features that have none of their own.

A feature that holds meetings as part of its own record (a convention's
adoption) passes its own permission and object to the actions instead
(`perm=`, `perm_obj=`), so the people who may adopt a convention are the
ones who may record its meeting. Community staff record their community's
meetings; the supervisory committee and the township read them.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import READERS, RECORDERS

recorder = holds_role_over(RECORDERS)


@rules.predicate
def is_witness(user, meeting) -> bool:
    """The supervisory-committee member named as the meeting's witness, signing as themselves."""
    witness = getattr(meeting, "witness", None)
    return (
        witness is not None and witness.user_id is not None and witness.user_id == getattr(user, "pk", None)
    )


reader = holds_role_over(READERS)

rules.add_perm("meetings.record", recorder)  # the object: the area (community), or a meeting in it
rules.add_perm("meetings.view", reader)
rules.add_perm("meetings.witness", is_witness)
