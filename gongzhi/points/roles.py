"""Who switches, keeps and reads the optional points: role sets that rules and selectors share."""

from gongzhi.accounts.roles import Role

# The township office switches the points on or off for its township.
SWITCHERS = frozenset({Role.TOWNSHIP_ADMIN})
# A community's staff keep its catalogue, enter and approve awards, answer appeals, keep the store.
KEEPERS = frozenset({Role.COMMUNITY_STAFF})
# Who reads a community's points (the households' ledgers included): its keepers and the township office.
READERS = frozenset({Role.TOWNSHIP_ADMIN, Role.COMMUNITY_STAFF})
