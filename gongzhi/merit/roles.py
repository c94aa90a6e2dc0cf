"""Who keeps, who reads and who nominates on the merit board: role sets the rules and the selectors share."""

from gongzhi.accounts.roles import Role

# Keep the board of a community: record paper consent, post for objections, answer them, place entries,
# withdraw, the community's 公示 period. The community's staff and the township's office.
KEEPERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# Read every nomination of their area (never the review's opinions' authors beyond the members' names).
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN, Role.SUPERVISOR})
# Nominate as staff (besides the keepers: the grid worker and the window clerk, who know the households).
STAFF_NOMINATORS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN, Role.GRID_WORKER, Role.WINDOW_CLERK})
# The categories are the township office's.
CATEGORY_KEEPERS = frozenset({Role.TOWNSHIP_ADMIN})
