"""Who may do what with the funds. Whether it is possible *now* (amounts, approvals, states) is the actions'.

Objects: a community (keeping, reading), a township (its policy), an expenditure (approving: a holder of one of
the township's approver roles over its community, never its recorder; reviewing: a supervisor seated on the
community's supervisory committee), a board (reviewing as an expenditure, publishing by the keepers).
"""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind, memberships_current

from .roles import KEEPERS, POLICY_SETTERS, READERS, SUPERVISORS
from .selectors import approver_roles_for, community_of


def supervisory_member(user, community) -> bool:
    """The user's resident entry holds a post on the community's supervisory committee today."""
    if community is None:
        return True  # a page gate: the object decides
    body = body_of_kind(community, BodyKind.SUPERVISORY)
    if body is None:
        return False
    return memberships_current(body).filter(resident__user=user).exists()


@rules.predicate
def sits_on_supervisory_committee(user, obj=None) -> bool:
    return supervisory_member(user, community_of(obj))


@rules.predicate
def approver(user, obj=None) -> bool:
    """The user holds one of the township's approver roles over the expenditure's community."""
    if obj is None:
        return holds_role_over(KEEPERS)(user, None)
    community = community_of(obj)
    return holds_role_over(approver_roles_for(community))(user, obj)


keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)
supervisor_role = holds_role_over(SUPERVISORS)

rules.add_perm("funds.view", reader)
rules.add_perm("funds.keep", keeper)
rules.add_perm("funds.approve", approver)
rules.add_perm("funds.review", supervisor_role & sits_on_supervisory_committee)
rules.add_perm("funds.set_policy", holds_role_over(POLICY_SETTERS))
