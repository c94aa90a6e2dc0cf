import rules

from .predicates import holds_role_over
from .roles import Role

rules.add_perm("accounts.manage_users", holds_role_over({Role.SYS_ADMIN}))
rules.add_perm("accounts.assign_roles", holds_role_over({Role.SEC_ADMIN}))
