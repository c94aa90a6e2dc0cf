"""Who opens ballot boxes with the kernel's own permission, and who reads them: role sets that the rules and the
selectors both read. A feature that opens a box for its own record passes its own permission instead."""

from gongzhi.accounts.roles import Role

OPENERS = frozenset({Role.COMMUNITY_STAFF})
READERS = frozenset({Role.COMMUNITY_STAFF, Role.SUPERVISOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})
