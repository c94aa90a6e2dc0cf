"""Who may do what with 四议两公开 decisions and the power list. Whether it is possible *now* is the actions'
answer (and the lifecycle's, gongzhi/selfgov/workflow/decisions.py).

Community staff keep the record of their community's decisions: they start
them, record each stage's meeting, publish, run the execution's tasks and
answer the supervisory committee. The township's 社治办 may start a decision
for a community (镇里交办) and reads them all. The supervisory committee
(监督权) reads its community's decisions and accepts the execution or objects
to it — only its current members: a user holding the 监委会成员 role whose
resident entry sits on the community's supervisory body today
(gongzhi.bodies). The power list: the township's template is its 社治办's,
a community's copy its staff's.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.bodies.models import BodyKind
from gongzhi.bodies.selectors import body_of_kind, memberships_current

from ..roles.decisions import KEEPERS, LIST_KEEPERS, READERS, STARTERS, SUPERVISORS, TEMPLATE_KEEPERS

keeper = holds_role_over(KEEPERS)
starter = holds_role_over(STARTERS)
reader = holds_role_over(READERS)
supervisor_role = holds_role_over(SUPERVISORS)
template_keeper = holds_role_over(TEMPLATE_KEEPERS)
list_keeper = holds_role_over(LIST_KEEPERS)
list_reader = holds_role_over(READERS | TEMPLATE_KEEPERS)


def supervisory_member(user, community) -> bool:
    """The user's resident entry holds a post on the community's supervisory committee today."""
    if community is None:
        return True  # a page gate: the object decides
    body = body_of_kind(community, BodyKind.SUPERVISORY)
    if body is None:
        return False
    return memberships_current(body).filter(resident__user=user).exists()


@rules.predicate
def sits_on_supervisory_committee(user, decision=None) -> bool:
    return supervisory_member(user, getattr(decision, "community", None))


rules.add_perm("selfgov.view_decisions", reader)  # the object: a decision, or a community
rules.add_perm("selfgov.start_decision", starter)  # the object: the community
rules.add_perm("selfgov.keep_decision", keeper)  # record a stage, publish, tasks, answer an objection
rules.add_perm("selfgov.supervise_decision", supervisor_role & sits_on_supervisory_committee)
rules.add_perm("selfgov.view_power_list", list_reader)
rules.add_perm("selfgov.keep_power_template", template_keeper)  # the object: the township, or its item
rules.add_perm("selfgov.keep_power_list", list_keeper)  # the object: the community, or its item
