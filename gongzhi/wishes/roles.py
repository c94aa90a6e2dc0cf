"""The roles that work with wishes (role sets are data: rules build predicates from them, selectors scope by them)."""

from gongzhi.accounts.roles import ASSISTERS, COMMUNITY_MODERATORS, HELPERS, Role

WISH_MODERATORS = COMMUNITY_MODERATORS
WISH_ASSISTERS = ASSISTERS
WISH_HELPERS = HELPERS
WISH_STAFF = WISH_MODERATORS | WISH_ASSISTERS
WISHERS = frozenset({Role.RESIDENT})
