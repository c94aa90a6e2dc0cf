"""Who may keep a community's bodies and their members: its staff and the township office; who reads them.

The members of the two committees and of the supervisory committee are
public facts (公示) once elected; the register's details of them are not,
so pages show names and posts only.
"""

import rules

from gongzhi.accounts.predicates import holds_role_over

from .roles import KEEPERS, READERS

keeper = holds_role_over(KEEPERS)
reader = holds_role_over(READERS)

rules.add_perm("bodies.manage", keeper)  # the object: the community area, a body or a membership
rules.add_perm("bodies.view", reader)
