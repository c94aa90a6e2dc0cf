"""Who opens rounds, who runs a community's election and who reads it: role sets the rules and selectors share.

The election committee (选举委员会) presides over its community's election (村民委员会组织法 第十二条): a
current member acts through their seat (`CommitteeMember`), not a role. The community's staff keep the
records with them; the township office opens the round and sees every community.
"""

from gongzhi.accounts.roles import Role

# Open a round, set each community's election day and seats, read the township's board and export it.
ROUND_KEEPERS = frozenset({Role.TOWNSHIP_ADMIN})
# Keep a community's election records with its election committee.
KEEPERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# Read a community's election records (the roll's personal data stays masked for those without the register).
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN, Role.TOWNSHIP_REVIEWER, Role.SUPERVISOR})
