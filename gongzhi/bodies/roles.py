"""Who keeps and who reads a community's bodies: role sets that the rules and the selectors both read."""

from gongzhi.accounts.roles import Role

KEEPERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
READERS = frozenset(
    {Role.COMMUNITY_STAFF, Role.SUPERVISOR, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER, Role.PARTY_MEMBER}
)
