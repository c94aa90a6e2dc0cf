"""The roles that work with pairing (data for rules and selectors).

Party members are not a role here: who is a party member is the register's political status (中共党员 "01",
中共预备党员 "02"), recorded by the party organisation — never self-declared, never an account's role.
"""

from gongzhi.accounts.roles import Role

# Pair, re-pair, record declines and visits: the community's staff over their community.
KEEPERS = frozenset({Role.COMMUNITY_STAFF})
# The coverage map, the households' pairs and visits, the township view and its export.
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# Set the aim (which households must be paired, at most how many per member): the township office.
AIM_SETTERS = frozenset({Role.TOWNSHIP_ADMIN})
# The register's political statuses of a party member (gongzhi.residents.codes POLITICAL_STATUSES).
PARTY_STATUSES = ("01", "02")
