"""Who may do what with the optional points. The object: a township (the switch), a community, or a record of
the community (catalogue, entry, appeal, goods).

Whether the points are switched on is not a permission: the actions refuse every write while they are off,
with a message that says so. A household reads its own ledger and appeals through its members' accounts
(the register links them: Resident.user), checked on the record in the actions and selectors."""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import KEEPERS, READERS, SWITCHERS

rules.add_perm("points.switch", holds_role_over(SWITCHERS))
rules.add_perm("points.keep", holds_role_over(KEEPERS))
rules.add_perm("points.view", holds_role_over(READERS))
