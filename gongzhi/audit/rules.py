import rules

from gongzhi.accounts.predicates import holds_role_over
from gongzhi.accounts.roles import AUDIT_READERS, Role

rules.add_perm("audit.view_audit", holds_role_over(AUDIT_READERS))
rules.add_perm("audit.verify_chain", holds_role_over({Role.AUDIT_ADMIN}))
# The whole trail leaves the system only with the audit administrator (三员分立).
rules.add_perm("audit.export_audit", holds_role_over({Role.AUDIT_ADMIN}))
