"""Who keeps and who reads the party members' pledges: role sets the rules and the selectors share."""

from gongzhi.accounts.roles import Role

# The party organisation's work on pledges — write for a member (assisted), approve, return, record a member's
# paper consent to be shown: the community's staff (who serve the party organisation) and the township's office.
# The party organisation's secretary (gongzhi.bodies) approves too, whatever role their account holds.
KEEPERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# Read every pledge of their area, approved or not.
READERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN, Role.SUPERVISOR})
# The 先锋岗 list and the township's coverage page.
POST_KEEPERS = frozenset({Role.TOWNSHIP_ADMIN})
COVERAGE_READERS = frozenset({Role.TOWNSHIP_ADMIN, Role.COMMUNITY_STAFF, Role.SUPERVISOR})
