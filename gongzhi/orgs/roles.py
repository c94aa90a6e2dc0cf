"""Who keeps and who reads the registry of social organisations: role sets that rules and selectors share."""

from gongzhi.accounts.roles import ORGANISATION_ROLES, Role

# Register, review and keep: the township office over the township, a community's staff over their community
# (备案 of community-level groups).
KEEPERS = frozenset({Role.TOWNSHIP_ADMIN, Role.COMMUNITY_STAFF})
READERS = frozenset({Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER, Role.COMMUNITY_STAFF, Role.SUPERVISOR})
REPRESENTATIVES = ORGANISATION_ROLES
