"""The roles that work with micro-services (role sets are data: rules build predicates from them, selectors scope by them)."""

from gongzhi.accounts.roles import ASSISTERS, COMMUNITY_MODERATORS, HELPERS, Role

OFFERERS = HELPERS  # party members and volunteers (an organisation acts through one of them)
OFFER_MODERATORS = COMMUNITY_MODERATORS  # community staff, the township office
OFFER_ASSISTERS = ASSISTERS  # grid workers, window clerks, community staff: book for a resident
OFFER_STAFF = OFFER_MODERATORS | OFFER_ASSISTERS
BOOKERS = frozenset({Role.RESIDENT})
