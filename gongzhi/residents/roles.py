"""Who asks for and approves a full export (IDs and phones); the register's other role sets are the kernel's
(`gongzhi.accounts.roles`). Role sets are data: rules build predicates from them, selectors scope by them."""

from gongzhi.accounts.roles import ID_REVEALERS, REGISTER_BULK, Role

EXPORT_REQUESTERS = REGISTER_BULK & ID_REVEALERS  # 镇社治办管理员, 村(社区)干部
EXPORT_APPROVERS = frozenset({Role.TOWNSHIP_ADMIN})
