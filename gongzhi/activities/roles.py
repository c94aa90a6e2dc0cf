"""The roles that work with activities (role sets are data: rules build predicates from them, selectors scope by them)."""

from gongzhi.accounts.roles import ASSISTERS, HELPERS, ORGANISATION_ROLES, Role

ORGANISERS = frozenset({Role.COMMUNITY_STAFF})  # a community's staff publish and run its own activities
REPRESENTATIVES = ORGANISATION_ROLES  # a registered organisation publishes through its representative
SIGNUP_ASSISTERS = ASSISTERS  # grid workers, window clerks, community staff: sign a resident up
SIGNERS = frozenset({Role.RESIDENT}) | HELPERS  # residents, party members and volunteers sign themselves up
