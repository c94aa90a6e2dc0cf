"""Who works with residents' proposals: role sets that the rules and the selectors both read."""

from gongzhi.accounts.roles import ASSISTERS, Role

# The party organisation's answer is recorded by the community's staff (its secretary among them).
ANSWERERS = frozenset({Role.COMMUNITY_STAFF})
# Who moderates the thread (hides a post with a reason) and sees drafts.
MODERATORS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN})
# Who signs for an elderly or offline resident, with their consent recorded.
SIGN_ASSISTERS = ASSISTERS
# Who watches the meetings that proposals made due (the township sees the overdue ones).
WATCHERS = frozenset({Role.COMMUNITY_STAFF, Role.TOWNSHIP_ADMIN, Role.SUPERVISOR})
# Who sets the township's own rules for proposals (the days to convene a meeting they made due).
CONFIGURERS = frozenset({Role.TOWNSHIP_ADMIN})
# A social organisation takes part (协同参与) through its representatives in the registry (gongzhi.orgs,
# decision 0043): the kernel's org_representative role held for one organisation, read by rules.proposals.
