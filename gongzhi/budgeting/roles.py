"""The roles that work with the participatory budget (data for rules and selectors)."""

from gongzhi.accounts.roles import Role

# Run the rounds: create, open and close proposing, enter a project for a resident, screen, record the decision,
# mark a project finished.
ORGANISERS = frozenset({Role.COMMUNITY_STAFF})
# Read every round and project of their communities (the proposers' names included).
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN, Role.SUPERVISOR})
# Propose and rate (the action also asks for their entry in the community's register).
RESIDENTS = frozenset({Role.RESIDENT})
# Edit the township's catalogue (the priority list and the never-pay list).
CATALOGUE_EDITORS = frozenset({Role.TOWNSHIP_ADMIN})
