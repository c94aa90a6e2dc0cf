"""Who records and who reads meetings: role sets that the rules and the selectors both read."""

from gongzhi.accounts.roles import Role

RECORDERS = frozenset({Role.COMMUNITY_STAFF})
READERS = frozenset({Role.COMMUNITY_STAFF, Role.SUPERVISOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER})
